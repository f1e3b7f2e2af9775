/**
 * The built CLI's PNG and PDF output, rendered without a display (skia via @napi-rs/canvas, and PDF drawing
 * operators, in Node). Each file is opened and checked as a viewer would: the PNG's header and size, and that it is
 * not blank (decoded by pngjs, an independent decoder);
 * the PDF's header, page count, and the design's name in its text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
let name = '';
let svgSize = { width: 0, height: 0 };
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expectOk(run('new', '--template', 'rack', '--hosts', '3', '--vms-per-host', '2', '-o', 'rack.rackplane'));
  expectOk(run('export', 'rack.rackplane', '-o', 'rack.json'));
  name = (JSON.parse(readFileSync(join(dir, 'rack.json'), 'utf8')) as { meta: { name: string } }).meta.name;
  expectOk(run('export', 'rack.rackplane', '--format', 'svg', '-o', 'rack.svg'));
  const root = /<svg[^>]*\swidth="([\d.]+)" height="([\d.]+)"/.exec(readFileSync(join(dir, 'rack.svg'), 'utf8'))!;
  svgSize = { width: Number(root[1]), height: Number(root[2]) };
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });
const bytes = (file: string) => readFileSync(join(dir, file));

function expectOk(r: CliRun): CliRun {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which must come first. */
function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** RGBA pixels of a PNG, decoded by pngjs (not the encoder that wrote it). */
function pixels(png: Buffer): Buffer {
  const { width, height } = ihdr(png);
  const decoded = PNG.sync.read(png);
  expect([decoded.width, decoded.height]).toEqual([width, height]);
  return decoded.data;
}

/** Counts of pixels by kind: fully transparent, and distinct opaque colours. */
function census(rgba: Buffer): { transparent: number; opaque: number; colours: number } {
  let transparent = 0;
  let opaque = 0;
  const colours = new Set<number>();
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) transparent++;
    else if (rgba[i + 3] === 255) {
      opaque++;
      colours.add(rgba.readUInt32BE(i));
    }
  }
  return { transparent, opaque, colours: colours.size };
}

describe('export --format png', () => {
  it.each([1, 2, 4])('at --scale %i is the SVG size times the scale, and not blank', (scale) => {
    expectOk(run('export', 'rack.rackplane', '--format', 'png', '--scale', String(scale), '-o', `rack-${scale}.png`));
    const png = bytes(`rack-${scale}.png`);
    const size = ihdr(png);
    expect(Math.abs(size.width - svgSize.width * scale)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - svgSize.height * scale)).toBeLessThanOrEqual(1);
    if (scale === 1) {
      const c = census(pixels(png));
      // The light canvas fills the image; boxes, links and labels add many more colours (antialiasing included).
      expect(c.opaque).toBe(size.width * size.height);
      expect(c.colours).toBeGreaterThan(20);
    }
  });

  it('--background transparent leaves the canvas clear and draws the diagram', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'png', '--background', 'transparent', '-o', 'clear.png'));
    const c = census(pixels(bytes('clear.png')));
    expect(c.transparent).toBeGreaterThan(0);
    expect(c.opaque).toBeGreaterThan(1000);
  });

  it('--background dark paints the dark canvas', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'png', '--background', 'dark', '-o', 'dark.png'));
    const rgba = pixels(bytes('dark.png'));
    // The top-left corner is margin: pure canvas colour (#15191e in the dark palette).
    expect([...rgba.subarray(0, 4)]).toEqual([0x15, 0x19, 0x1e, 255]);
  });

  it('writes to standard output with -o -', () => {
    const r = rackplane(['export', 'rack.json', '--format', 'png', '-o', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100);
  });
});

/** Every stream of a PDF, inflated when FlateDecode. */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    out.push(m[1]!.includes('/FlateDecode') ? inflateSync(raw).toString('latin1') : raw.toString('latin1'));
    re.lastIndex = end;
  }
  return out;
}

/**
 * The text shown by a content stream, one line per text object (BT … ET): pdfkit writes runs as hex strings in TJ
 * arrays; the diagram's labels are drawn the same way (shared/scene/paint.ts through electron/export/pdf-context.ts).
 */
function shownText(content: string): string {
  const lines: string[] = [];
  for (const block of content.matchAll(/\bBT\b([^]*?)\bET\b/g)) {
    lines.push([...block[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
  }
  return lines.join('\n');
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('export --format pdf', () => {
  it('fits the diagram onto one page with a title block holding the name, revision and date', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'pdf', '-o', 'rack.pdf'));
    const pdf = bytes('rack.pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    const text = streams(pdf).map(shownText).join('\n');
    expect(text).toContain(name);
    expect(text).toMatch(/Revision \d+/);
    expect(text).toMatch(/\d{4}-\d\d-\d\d/);
    expect(text).toContain('Page 1 of 1');
    // Diagram labels are text too: every host's name, as the SVG export shows it.
    const hosts = (JSON.parse(readFileSync(join(dir, 'rack.json'), 'utf8')) as { elements: { kind: string; name: string }[] }).elements.filter((e) => e.kind === 'host');
    expect(hosts.length).toBe(3);
    for (const h of hosts) expect(text).toContain(h.name);
  });

  it('--fit tile splits a diagram larger than the page across overlapping pages', () => {
    // The rack fits A4 only shrunk (the fitted page says so); at full size it takes more than one page.
    expectOk(run('export', 'rack.rackplane', '--format', 'pdf', '--page', 'A4', '--orientation', 'portrait', '--fit', 'tile', '-o', 'tiles.pdf'));
    const pdf = bytes('tiles.pdf');
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = streams(pdf).map(shownText).join('\n');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toMatch(/tile row 1, column 1 of \d+ × \d+/);
  });

  it('--page and --orientation set the page box', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'pdf', '--page', 'letter', '--orientation', 'portrait', '-o', 'letter.pdf'));
    expect(bytes('letter.pdf').toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });
});

describe('report --format pdf', () => {
  it('writes the summary, diagram, problems by rule and components', () => {
    const r = expectOk(run('report', 'rack.rackplane', '--format', 'pdf', '-o', 'report.pdf'));
    expect(r.stdout).toMatch(/wrote .*report\.pdf.*: pdf report, \d+ problems/);
    const pdf = bytes('report.pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(3);
    const text = streams(pdf).map(shownText).join('\n');
    for (const s of [name, 'Summary', 'Validation', 'Components', 'Element kind', 'Category']) expect(text).toContain(s);
  });
});

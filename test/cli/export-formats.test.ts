/**
 * The built CLI's diagram and report exports: `export --format svg|csv|html`, `report`, `import svg`, and flags
 * that do not apply to the chosen format refused with one line (PNG and PDF output: export-raster-pdf.test.ts). Each output is opened and checked, as a user's tools would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expectOk(run('new', '--template', 'rack', '--hosts', '3', '--vms-per-host', '2', '-o', 'rack.rackplane'));
  expectOk(run('export', 'rack.rackplane', '-o', 'rack.json'));
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

function expectOk(r: CliRun): CliRun {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

interface Doc {
  elements: { id: string; kind: string; name: string }[];
}
const doc = (): Doc => JSON.parse(read('rack.json')) as Doc;

/** Text content of every <text> element of an SVG (fast-xml-parser, entities decoded). */
function svgTexts(svg: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown, inText: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inText));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '#text' && inText) out.push(String(v));
        else if (k !== ':@') walk(v, inText || k === 'text');
      }
    }
  };
  walk(new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: true, htmlEntities: false }).parse(svg), false);
  return out;
}

describe('export --format svg', () => {
  it('writes valid SVG holding every element name as text, and import svg gives back the same design', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'svg', '-o', 'rack.svg'));
    const svg = read('rack.svg');
    expect(XMLValidator.validate(svg)).toBe(true);
    const texts = new Set(svgTexts(svg));
    for (const el of doc().elements) expect(texts, el.name).toContain(el.name);
    expectOk(run('import', 'svg', 'rack.svg', '-o', 'back.rackplane'));
    expectOk(run('export', 'back.rackplane', '-o', 'back.json'));
    expect(read('back.json')).toBe(read('rack.json'));
  });

  it('draws only the layers asked for', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'svg', '--layers', 'pcie,ethernet', '--no-problems', '-o', 'phys.svg'));
    const texts = new Set(svgTexts(read('phys.svg')));
    for (const el of doc().elements) {
      if (el.kind === 'vm' || el.kind === 'vswitch') expect(texts).not.toContain(el.name);
      if (el.kind === 'tor' || el.kind === 'rootComplex') expect(texts).toContain(el.name);
    }
  });
});

describe('export --format csv', () => {
  it('writes the bill of materials with per-server and total counts', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'csv', '-o', 'bom.csv'));
    const lines = read('bom.csv').split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('category,model,catalog_id,detail,location,hosts,per_host_min,per_host_max,total');
    const byCategory = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')]));
    const hosts = doc().elements.filter((e) => e.kind === 'host').length;
    const nics = doc().elements.filter((e) => e.kind === 'nic').length;
    const tors = doc().elements.filter((e) => e.kind === 'tor').length;
    expect(byCategory.get('Server')!.at(-1)).toBe(String(hosts));
    expect(byCategory.get('NIC')!.slice(5)).toEqual([String(hosts), '1', '1', String(nics)]);
    expect(byCategory.get('Ethernet switch')!.at(-1)).toBe(String(tors));
  });
});

describe('export --format html and report', () => {
  it('writes a self-contained report with every section', () => {
    expectOk(run('report', 'rack.rackplane', '--scenario', 'one-per-vm', '-o', 'report.html'));
    const html = read('report.html');
    for (const id of ['summary', 'diagram', 'validation', 'components', 'simulation']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toMatch(/<script/i);
    for (const el of doc().elements.filter((e) => e.kind === 'host')) expect(html).toContain(el.name);
  });

  it('export --format html is the report without simulation', () => {
    expectOk(run('export', 'rack.rackplane', '--format', 'html', '-o', 'export.html'));
    const html = read('export.html');
    expect(html).toContain('<section id="components">');
    expect(html).not.toContain('<section id="simulation">');
  });
});

describe('refusals', () => {
  const cases: [string[], RegExp][] = [
    [['export', 'rack.rackplane', '--format', 'gif', '-o', 'x.gif'], /^rackplane: unknown --format 'gif': use json, svg, png, pdf, drawio, dot, csv, html$/],
    [['export', 'rack.rackplane', '--format', 'svg', '--scale', '2', '-o', 'x.svg'], /--scale applies to png output only, not svg/],
    [['export', 'rack.rackplane', '--format', 'svg', '--page', 'A4', '-o', 'x.svg'], /--page applies to pdf output only, not svg/],
    [['export', 'rack.rackplane', '--format', 'png', '--fit', 'tile', '-o', 'x.png'], /--fit applies to pdf output only, not png/],
    [['export', 'rack.rackplane', '--format', 'png', '--scale', '5', '-o', 'x.png'], /--scale must be a number from 1 to 4, not '5'/],
    [['export', 'rack.rackplane', '--format', 'png', '--background', 'pink', '-o', 'x.png'], /unknown --background 'pink': use transparent, light, dark/],
    [['export', 'rack.rackplane', '--format', 'pdf', '--page', 'B5', '-o', 'x.pdf'], /unknown --page 'B5': use A4, A3, letter/],
    [['export', 'rack.rackplane', '--format', 'svg', '--layers', 'pcie,storage', '-o', 'x.svg'], /unknown layer 'storage' in --layers: use pcie, ethernet, virtual/],
    [['export', 'rack.rackplane', '--format', 'csv', '--no-problems', '-o', 'x.csv'], /--no-problems applies to svg, png, pdf and html export only/],
    [['report', 'rack.rackplane', '--format', 'docx', '-o', 'x.docx'], /unknown --format 'docx': use html, pdf/],
    [['report', 'rack.rackplane', '--page', 'A3', '-o', 'x.html'], /--page applies to pdf reports only, not html/],
    [['import', 'svg', 'rack.json', '-o', 'x.rackplane'], /not an SVG file/],
  ];
  it.each(cases)('rackplane %j exits 2 with one line', (args, reason) => {
    const r = run(...args);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(reason);
    expect(r.code).toBe(2);
  });

  it('lists png and pdf with their flags in --help', () => {
    const help = expectOk(run('export', '--help')).stdout;
    for (const s of ['png', 'pdf', '--scale', '--background', '--page', '--orientation', '--fit']) expect(help).toContain(s);
  });
});

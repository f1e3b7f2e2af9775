// The diagram PDF drawn from the design through the pdfkit Context2D adapter, read back as a viewer would: page
// count and boxes, labels as real text (uncompressed streams), tiles that clip and carry only what meets them,
// heatmap colours, and labels Helvetica cannot show.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PdfLayoutOptions } from '../../shared/export/page-plan';
import type { Design } from '../../shared/model/design';
import { HEAT_BANDS } from '../../shared/scene/heatmap';
import { makeTemplate } from '../../shared/templates';
import type { Diagnostic } from '../../shared/validate/types';
import { designToPdf, type PdfDiagramOptions } from './pdf';
import { parseColor } from './pdf-context';

const meta = { title: 'Test rack', date: '2026-11-26', revision: 3, compress: false };
const design = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const names = (d: Design, kind: string) => Object.values(d.elements).filter((e) => e.kind === kind).map((e) => e.name);
const A4: PdfLayoutOptions = { page: 'A4', orientation: 'landscape', fit: 'page' };

/** Each page's content stream (uncompressed: meta.compress is false), in page order. */
function pageStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\n([^]*?)\nendstream/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (/\bBT\b/.test(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * The strings a content stream shows, one per text object (BT … ET): its <hex> operands of Tj and TJ (pdfkit
 * splits a kerned run into several) decoded as WinAnsi/Latin-1.
 */
const shown = (content: string) =>
  [...content.matchAll(/\bBT\b([^]*?)\bET\b/g)].map((b) => [...b[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));

const pdfOf = async (d: Design, opts: PdfDiagramOptions = {}, layout = A4) => designToPdf(d, opts, layout, meta);

describe('designToPdf', () => {
  it('fits the diagram on one page: every name is text, boxes are paths, the title block is there', async () => {
    const r = await pdfOf(design);
    expect(r.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.plan.pages).toHaveLength(1);
    const [page] = pageStreams(r.pdf);
    const text = shown(page!);
    for (const n of [...names(design, 'host'), ...names(design, 'tor')]) expect(text).toContain(n);
    // A VM's box is narrower than its rack-unique name: the name is elided in the middle (… is 0x85 in WinAnsi),
    // keeping the VM's own number at the end.
    const elided = (n: string) =>
      text.some((t) => {
        const [head, tail] = t.split(/[…\x85]/);
        return t === n || (tail !== undefined && n.startsWith(head!) && n.endsWith(tail) && /vm\d+$/.test(tail));
      });
    for (const n of names(design, 'vm')) expect(elided(n), n).toBe(true);
    for (const s of ['Test rack', 'Revision 3', '2026-11-26', 'Page 1 of 1']) expect(text.join('\n')).toContain(s);
    // Every VM box is one fill-and-stroke of a rounded rectangle (curves), in the VM colours of the light palette.
    expect((page!.match(/ c h\nB\n/g) ?? []).length).toBeGreaterThanOrEqual(names(design, 'vm').length);
    expect(page).toContain(`${parseColor('#e6f4ea').rgb} rg`);
    expect(r.notes).toEqual([]);
  });

  it('tiles a diagram across overlapping pages, each clipped to its tile and carrying only what meets it', async () => {
    const big = makeTemplate('rack', { hosts: 8, vmsPerHost: 10 });
    const r = await pdfOf(big, {}, { page: 'A4', orientation: 'portrait', fit: 'tile' });
    const pages = pageStreams(r.pdf);
    expect(r.plan.pages.length).toBeGreaterThan(1);
    expect(pages).toHaveLength(r.plan.pages.length);
    const hosts = names(big, 'host');
    const seen = new Set<string>();
    pages.forEach((content, i) => {
      // pdfkit's clip(): the tile's box as the clipping path, before anything is drawn.
      expect(content).toMatch(/ re\nW n\n/);
      const text = shown(content);
      for (const h of hosts) if (text.includes(h)) seen.add(h);
      expect(text.join('\n')).toContain(`Page ${i + 1} of ${pages.length}`);
      // A tile draws a part: never every host's name.
      expect(hosts.filter((h) => text.includes(h)).length).toBeLessThan(hosts.length);
    });
    expect([...seen].sort()).toEqual([...hosts].sort());
  });

  it('prints link speed and width labels as text, as the canvas does', async () => {
    const [page] = pageStreams((await pdfOf(design)).pdf);
    expect(shown(page!)).toContain('25G');
    const [chapter6] = pageStreams((await pdfOf(makeTemplate('chapter6'))).pdf);
    expect(shown(chapter6!)).toContain('Gen 2 x4');
  });

  it('routes links as asked: straight cables are single segments, orthogonal ones bend', async () => {
    const [straight] = pageStreams((await pdfOf(design, { routing: 'straight' })).pdf);
    const [orthogonal] = pageStreams((await pdfOf(design)).pdf);
    expect(straight).not.toBe(orthogonal);
    // Each stroked polyline is a moveto then its linetos; a bend adds a second lineto before the stroke.
    const bends = (content: string) => (content.match(/ l\n[-\d.]+ [-\d.]+ l\n/g) ?? []).length;
    expect(bends(orthogonal!)).toBeGreaterThan(bends(straight!));
  });

  it('marks problems with the badge glyph as text', async () => {
    const vm = Object.values(design.elements).find((e) => e.kind === 'vm')!;
    const problems: Diagnostic[] = [{ rule: 'TEST-001', severity: 'warning', message: 'test', elements: [vm.id], links: [] }];
    const [plain] = pageStreams((await pdfOf(design)).pdf);
    const [marked] = pageStreams((await pdfOf(design, { problems })).pdf);
    expect(shown(plain!)).not.toContain('!');
    expect(shown(marked!)).toContain('!');
  });

  it('colours links by utilisation band with a heatmap', async () => {
    const link = Object.values(design.links).find((l) => l.kind === 'ethernet')!;
    const heat = [{ kind: 'ethernet', ref: link.id, utilisation: 0.95 }];
    const saturated = `${parseColor(HEAT_BANDS[HEAT_BANDS.length - 1]!.color).rgb} RG`;
    expect(pageStreams((await pdfOf(design)).pdf)[0]).not.toContain(saturated);
    expect(pageStreams((await pdfOf(design, { heat })).pdf)[0]).toContain(saturated);
  });

  it('sets names Helvetica cannot show in embedded DejaVu Sans, or prints "?" and says so without it', async () => {
    const host = Object.values(design.elements).find((e) => e.kind === 'host')!;
    const renamed: Design = { ...design, elements: { ...design.elements, [host.id]: { ...host, name: 'сервер-01' } } };
    const withFont = await pdfOf(renamed);
    expect(withFont.notes).toEqual([]);
    expect(withFont.pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    const empty = mkdtempSync(join(tmpdir(), 'rackplane-nofont-'));
    try {
      const without = await pdfOf(renamed, { fontDir: empty });
      expect(without.notes).toHaveLength(1);
      expect(without.notes[0]).toMatch(/DejaVu Sans was not found .*"\?"/);
      expect(shown(pageStreams(without.pdf)[0]!)).toContain('??????-01');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('parseColor', () => {
  it('reads hex and rgb()/rgba() colours as PDF operands and an alpha', () => {
    expect(parseColor('#ffffff')).toEqual({ rgb: '1 1 1', alpha: 1 });
    expect(parseColor('#f00')).toEqual({ rgb: '1 0 0', alpha: 1 });
    expect(parseColor('rgba(9, 105, 218, 0.10)')).toEqual({ rgb: '0.035 0.412 0.855', alpha: 0.1 });
    expect(parseColor('not a colour')).toEqual({ rgb: '0 0 0', alpha: 1 });
  });
});

describe('automatic orientation', () => {
  it('prints a tall design on a portrait page and says so in the title block', async () => {
    // The rack template stacks its servers under the ToRs: taller than wide once it has four rows of them.
    const tall = makeTemplate('rack', { hosts: 8, vmsPerHost: 2 });
    const auto = await designToPdf(tall, {}, { page: 'A4', orientation: 'auto', fit: 'page' }, meta);
    const landscape = await designToPdf(tall, {}, { page: 'A4', orientation: 'landscape', fit: 'page' }, meta);
    expect(auto.plan.pageHeight).toBeGreaterThan(auto.plan.pageWidth);
    expect(auto.plan.ptPerUnit).toBeGreaterThan(landscape.plan.ptPerUnit);
    expect(pageStreams(auto.pdf).flatMap(shown).join(' ')).toContain('A4 portrait');
  });
});

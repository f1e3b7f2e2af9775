// render.ts, the one format → bytes module of the CLI and the export worker: every format a person can pick in
// File ▸ Export…, checked as a reader of that format would (parse the SVG, decode the PNG, count PDF pages).
import { PNG } from 'pngjs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { svgToDesign } from '../../shared/export/svg';
import { designToDocument } from '../../shared/formats/topology';
import type { ExportProgress } from '../../shared/ipc/export-request';
import { HEAT_BANDS } from '../../shared/scene/heatmap';
import { makeTemplate } from '../../shared/templates';
import { DEFAULT_RENDER, renderDesign, type RenderSettings } from './render';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const settings = (patch: Partial<RenderSettings> = {}): RenderSettings => ({ ...DEFAULT_RENDER, layers: ['pcie', 'ethernet', 'virtual'], date: '2026-11-26', ...patch });
const text = (d: string | Uint8Array) => (typeof d === 'string' ? d : Buffer.from(d).toString('latin1'));
const bytes = (d: string | Uint8Array) => (typeof d === 'string' ? Buffer.from(d) : Buffer.from(d));
const hostNames = Object.values(design.elements)
  .filter((e) => e.kind === 'host')
  .map((e) => e.name);

/** Page objects in a PDF (uncompressed object headers stay readable even when page streams are deflated). */
const pdfPages = (pdf: string) => (pdf.match(/\/Type\s*\/Page\b/g) ?? []).length;

/** Distinct colours in a decoded PNG: a blank bitmap has one or two. */
function colours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add(png.data.readUInt32BE(i));
  return seen.size;
}

describe('renderDesign', () => {
  it('SVG: well-formed XML whose text names the elements, and that reopens as the same design', async () => {
    const svg = text(await renderDesign(design, 'svg', settings()));
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg: { '@_width': string } };
    expect(Number(parsed.svg['@_width'])).toBeGreaterThan(100);
    for (const name of hostNames) expect(svg).toContain(`>${name}<`);
    const back = svgToDesign(svg);
    if (!back.ok) throw new Error(back.reason);
    expect(designToDocument(back.design)).toEqual(designToDocument(design));
  });

  it('SVG scope: only the chosen server and what it holds', async () => {
    const host = Object.values(design.elements).find((e) => e.kind === 'host')!;
    const svg = text(await renderDesign(design, 'svg', settings({ scope: [host.id] })));
    expect(svg).toContain(`>${host.name}<`);
    for (const other of hostNames.filter((n) => n !== host.name)) expect(svg).not.toContain(`>${other}<`);
  });

  it("SVG heatmap: a saturated cable is drawn in the top heat band's colour, and only when heat is given", async () => {
    const cable = Object.values(design.links).find((l) => l.kind === 'ethernet')!;
    const heat = [{ kind: 'ethernet', ref: cable.id, utilisation: 0.97 }];
    expect(text(await renderDesign(design, 'svg', settings({ heat })))).toContain(HEAT_BANDS.at(-1)!.color);
    expect(text(await renderDesign(design, 'svg', settings()))).not.toContain(HEAT_BANDS.at(-1)!.color);
  });

  it('PNG: the pixel size follows the scale, the image is not blank, a transparent background stays transparent', async () => {
    const one = PNG.sync.read(bytes(await renderDesign(design, 'png', settings({ png: { scale: 1, background: 'light' } }))));
    const two = PNG.sync.read(bytes(await renderDesign(design, 'png', settings({ png: { scale: 2, background: 'light' } }))));
    expect(one.width).toBeGreaterThan(100);
    expect(Math.abs(two.width - 2 * one.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(two.height - 2 * one.height)).toBeLessThanOrEqual(1);
    expect(colours(one)).toBeGreaterThan(8);
    const clear = PNG.sync.read(bytes(await renderDesign(design, 'png', settings({ png: { scale: 1, background: 'transparent' } }))));
    expect(clear.data[3]).toBe(0); // the top-left corner is margin: fully transparent
  });

  it('PDF: a fitted diagram is one page; tiled at full size on A4 portrait it spans several', async () => {
    const big = makeTemplate('rack', { hosts: 8, vmsPerHost: 4 });
    const fitted = await renderDesign(big, 'pdf', settings());
    expect(text(fitted).startsWith('%PDF-')).toBe(true);
    expect(pdfPages(text(fitted))).toBe(1);
    const tiled = await renderDesign(big, 'pdf', settings({ pdf: { page: 'A4', orientation: 'portrait', fit: 'tile' } }));
    expect(pdfPages(text(tiled))).toBeGreaterThan(1);
  });

  it('CSV: a header and one row per component model', async () => {
    const csv = text(await renderDesign(design, 'csv', settings()));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^category,model,/i);
    expect(lines.length).toBeGreaterThan(2);
  });

  it('HTML report: summary, diagram, validation and components sections; validation left out when problems are off', async () => {
    const html = text(await renderDesign(design, 'html', settings()));
    for (const id of ['summary', 'diagram', 'validation', 'components']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('Not run.');
    const without = text(await renderDesign(design, 'html', settings({ problems: false })));
    expect(without).toContain('Not run.');
  });

  it('PDF report: a PDF with the report pages', async () => {
    const pdf = text(await renderDesign(design, 'report-pdf', settings({ pdf: { page: 'letter', orientation: 'portrait', fit: 'page' } })));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
  });

  it('reports stages in order, ending before the caller writes the file', async () => {
    const seen: ExportProgress[] = [];
    await renderDesign(design, 'png', settings(), { progress: (p) => seen.push(p) });
    expect(seen.map((p) => p.stage)).toEqual(['Checking the design', 'Rendering the bitmap']);
    const fractions = seen.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(Math.max(...fractions)).toBeLessThan(1);
  });
});

// The PNG export drawn from the design with the canvas painter (@napi-rs/canvas): the planned size, pixels where
// the scene says a box is, the three backgrounds, and the encoder's output as any PNG reader (pngjs) decodes it.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { diagramLabels } from '../../shared/export/labels';
import { selectDiagram } from '../../shared/export/selection';
import { MAX_RASTER_PIXELS, planRaster } from '../../shared/export/page-plan';
import type { Design } from '../../shared/model/design';
import { PALETTES } from '../../shared/scene/palette';
import { makeTemplate } from '../../shared/templates';
import type { Diagnostic } from '../../shared/validate/types';
import { designToPng } from './png';
import { encodePng } from './png-encode';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 3 });

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** RGBA at diagram point (x, y) of a PNG drawn from `d` at `scale`. */
function pixelAt(png: PNG, d: Design, scale: number, x: number, y: number): number[] {
  const view = selectDiagram(d).view;
  const px = Math.floor((x - view.x) * scale);
  const py = Math.floor((y - view.y) * scale);
  const i = (py * png.width + px) * 4;
  return [...png.data.subarray(i, i + 4)];
}

/** A point inside the first VM's box clear of its labels and port markers: near its bottom-right corner. */
function insideVm(d: Design): { x: number; y: number } {
  const vm = selectDiagram(d).nodes.find((n) => n.kind === 'vm')!;
  return { x: vm.x + vm.w - 5, y: vm.y + vm.h - 4 };
}

const near = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);

describe('designToPng', () => {
  it('has the planned size at each scale, and paints the VM fill where the scene puts a VM', async () => {
    const view = selectDiagram(design).view;
    for (const scale of [1, 2]) {
      const r = await designToPng(design, { scale, background: 'light' });
      const png = PNG.sync.read(r.png);
      const plan = planRaster(view.w, view.h, scale);
      expect([png.width, png.height]).toEqual([plan.width, plan.height]);
      expect(r.plan).toEqual(plan);
      const p = insideVm(design);
      expect(near(pixelAt(png, design, scale, p.x, p.y), [...hex(PALETTES.light['compute.fill']), 255])).toBe(true);
      // The margin is the canvas colour, and the picture holds many colours (boxes, links, antialiased text).
      expect([...png.data.subarray(0, 4)]).toEqual([...hex(PALETTES.light.canvas), 255]);
      expect(new Set(Array.from({ length: png.data.length / 4 }, (_, i) => png.data.readUInt32BE(i * 4))).size).toBeGreaterThan(20);
    }
  });

  it('dark paints the dark palette; transparent leaves the margin clear and the boxes opaque', async () => {
    const dark = PNG.sync.read((await designToPng(design, { scale: 1, background: 'dark' })).png);
    const p = insideVm(design);
    expect([...dark.data.subarray(0, 4)]).toEqual([...hex(PALETTES.dark.canvas), 255]);
    expect(near(pixelAt(dark, design, 1, p.x, p.y), [...hex(PALETTES.dark['compute.fill']), 255])).toBe(true);
    const clear = PNG.sync.read((await designToPng(design, { scale: 1, background: 'transparent' })).png);
    expect(clear.data[3]).toBe(0);
    expect(pixelAt(clear, design, 1, p.x, p.y)[3]).toBe(255);
  });

  it('marks problems: an outline and badge in the error colour around the element named', async () => {
    const vm = selectDiagram(design).nodes.find((n) => n.kind === 'vm')!;
    const problems: Diagnostic[] = [{ rule: 'TEST-001', severity: 'error', message: 'test', elements: [vm.id], links: [] }];
    const want = hex(PALETTES.light['problem.error']);
    const count = (png: PNG) => {
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (near([...png.data.subarray(i, i + 3)], want)) n++;
      return n;
    };
    const marked = PNG.sync.read((await designToPng(design, { scale: 1, background: 'light', problems })).png);
    const plain = PNG.sync.read((await designToPng(design, { scale: 1, background: 'light' })).png);
    expect(count(plain)).toBe(0);
    // The outline alone is 2 px around a ~110 × 50 box.
    expect(count(marked)).toBeGreaterThan(300);
    // The badge (16 px across) is centred on the box's top-right corner; its "×" glyph leaves the top edge clear.
    expect(near(pixelAt(marked, design, 1, vm.x + vm.w + 0.5, vm.y - 5.5), [...want, 255])).toBe(true);
  });

  it("prints a cable's speed label beside it, where the canvas prints it", async () => {
    const sel = selectDiagram(design);
    const label = diagramLabels(sel).under.find((t) => t.text === '25G')!;
    expect(label).toBeDefined();
    const png = PNG.sync.read((await designToPng(design, { scale: 2, background: 'light' })).png);
    // Glyph pixels in the label's box: the muted text colour, anti-aliased; the box is otherwise empty canvas.
    const canvas = [...hex(PALETTES.light.canvas), 255];
    let ink = 0;
    for (let y = label.y; y < label.y + label.size; y += 0.5) for (let x = label.x; x < label.x + label.w; x += 0.5) if (!near(pixelAt(png, design, 2, x, y), canvas)) ink++;
    expect(ink).toBeGreaterThan(20);
  });

  it('routes links as asked: straight and orthogonal cables land on different pixels', async () => {
    const straight = await designToPng(design, { scale: 1, background: 'light', routing: 'straight' });
    const orthogonal = await designToPng(design, { scale: 1, background: 'light', routing: 'orthogonal' });
    const fallback = await designToPng(design, { scale: 1, background: 'light' });
    expect(straight.png.equals(orthogonal.png)).toBe(false);
    expect(fallback.png.equals(orthogonal.png)).toBe(true);
  });

  it('caps a fabric too large for the bitmap limits and says so', async () => {
    const fabric = makeTemplate('fabric', { hosts: 200 });
    const r = await designToPng(fabric, { scale: 4, background: 'light' });
    expect(r.plan.scale).toBeLessThan(4);
    expect(r.plan.capped).toMatch(/too large for a 4× bitmap/);
    // Read the size from the header: decoding 64 Mpx would only slow the test down.
    expect(r.png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([r.png.readUInt32BE(16), r.png.readUInt32BE(20)]).toEqual([r.plan.width, r.plan.height]);
    // planRaster rounds each side, so the product may pass the limit by a rounding error (as page-plan.test.ts allows).
    expect(r.plan.width * r.plan.height).toBeLessThanOrEqual(MAX_RASTER_PIXELS * 1.001);
  });
});

describe('encodePng', () => {
  it('writes RGBA rows that decode to the same pixels, across several bands', async () => {
    const width = 1500; // 6,000 bytes a row: the 4 MB bands split 1,000 rows
    const height = 1000;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7 + (i >> 12)) & 255;
    const png = PNG.sync.read(await encodePng(width, height, (y, h) => rgba.subarray(y * width * 4, (y + h) * width * 4)));
    expect([png.width, png.height]).toEqual([width, height]);
    expect(Buffer.from(png.data).equals(Buffer.from(rgba))).toBe(true);
  });
});

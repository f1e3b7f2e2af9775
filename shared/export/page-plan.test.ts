import { describe, expect, it } from 'vitest';
import { diagramOrientation, MAX_RASTER_PIXELS, MAX_RASTER_SIDE, MAX_TILES, PAGE_SIZES, planPdf, planRaster, planReportDiagram, PX_TO_PT, READABLE_SCALE, REPORT_DIAGRAM_MAX_PAGES, TILE_OVERLAP } from './page-plan';

describe('planRaster', () => {
  it('multiplies the size by the scale when within limits', () => {
    expect(planRaster(800, 600, 2)).toEqual({ scale: 2, width: 1600, height: 1200, capped: null });
  });

  it('lowers the scale of a huge diagram to the side and pixel limits, saying so in one line', () => {
    const p = planRaster(63_528, 12_328, 1);
    expect(p.width).toBeLessThanOrEqual(MAX_RASTER_SIDE);
    expect(p.width * p.height).toBeLessThanOrEqual(MAX_RASTER_PIXELS * 1.001);
    expect(p.scale).toBeLessThan(1);
    expect(p.capped).toMatch(/^the diagram is too large for a 1× bitmap; drawn at 0\.\d+×/);
    expect(p.capped).not.toContain('\n');
  });
});

describe('planPdf', () => {
  it('fits onto one page centred in the area above the title block, never enlarged past print size', () => {
    const small = planPdf(100, 50, { page: 'A4', orientation: 'portrait', fit: 'page' });
    expect(small.pages).toHaveLength(1);
    expect(small.ptPerUnit).toBe(PX_TO_PT);
    const big = planPdf(5000, 1000, { page: 'A4', orientation: 'landscape', fit: 'page' });
    expect(big.pageWidth).toBe(PAGE_SIZES.A4.height);
    const d = big.pages[0]!.dest;
    expect(d.x + d.w).toBeLessThanOrEqual(big.pageWidth);
    expect(d.y + d.h).toBeLessThanOrEqual(big.titleBlock.y);
  });

  it('tiles at full size with overlapping sources that cover the whole diagram, and marks the overlaps', () => {
    const plan = planPdf(2000, 1500, { page: 'A4', orientation: 'portrait', fit: 'tile' });
    expect(plan.ptPerUnit).toBe(PX_TO_PT);
    expect(plan.pages).toHaveLength(plan.rows * plan.cols);
    expect(plan.cols).toBeGreaterThan(1);
    const first = plan.pages[0]!;
    const right = plan.pages[1]!;
    // Neighbours repeat TILE_OVERLAP points of each other.
    expect((first.source.x + first.source.w - right.source.x) * plan.ptPerUnit).toBeCloseTo(TILE_OVERLAP);
    const last = plan.pages.at(-1)!;
    expect(last.source.x + last.source.w).toBeCloseTo(2000);
    expect(last.source.y + last.source.h).toBeCloseTo(1500);
    expect(first.marks.length).toBeGreaterThan(0);
    expect(last.marks).toEqual([]);
    expect(plan.note).toBeNull();
  });

  it('shrinks a huge diagram to stay within the tile limit, with a note', () => {
    const plan = planPdf(63_528, 12_328, { page: 'A3', orientation: 'landscape', fit: 'tile' });
    expect(plan.pages.length).toBeLessThanOrEqual(MAX_TILES);
    expect(plan.note).toMatch(/tiled at \d+ % onto \d+ pages/);
  });
});

describe('the report diagram', () => {
  it('puts a tall design on a portrait page and a wide one on a landscape page', () => {
    expect(planReportDiagram(800, 2000, 'A4').orientation).toBe('portrait');
    expect(planReportDiagram(2000, 800, 'A4').orientation).toBe('landscape');
  });
  it('fits one page while labels stay readable, else tiles a few pages at a readable scale', () => {
    const small = planReportDiagram(600, 800, 'A4');
    expect(small.pages).toHaveLength(1);
    const tall = planReportDiagram(1400, 3600, 'A4');
    expect(tall.pages.length).toBeGreaterThan(1);
    expect(tall.pages.length).toBeLessThanOrEqual(REPORT_DIAGRAM_MAX_PAGES);
    expect(tall.ptPerUnit).toBeGreaterThanOrEqual(READABLE_SCALE * PX_TO_PT - 1e-9);
    // A design too large for a few readable pages gets one fitted overview page.
    expect(planReportDiagram(40_000, 60_000, 'A4').pages).toHaveLength(1);
  });
});

describe('the diagram export’s automatic orientation', () => {
  // A4 is 595.28 × 841.89 pt; 28 pt margins and a 40 pt title block (+8 pt gap) leave 539.28 × 737.89 pt portrait
  // and 785.89 × 491.28 pt landscape.
  it('puts a tall design on a portrait page and a wide one on a landscape page, whichever prints it larger', () => {
    // 600 × 1400 units: portrait min(539.28/600, 737.89/1400) = 0.5271 pt/unit; landscape min(785.89/600, 491.28/1400) = 0.3509.
    expect(planPdf(600, 1400, { page: 'A4', orientation: 'portrait', fit: 'page' }).ptPerUnit).toBeCloseTo(0.5271, 3);
    expect(planPdf(600, 1400, { page: 'A4', orientation: 'landscape', fit: 'page' }).ptPerUnit).toBeCloseTo(0.3509, 3);
    expect(diagramOrientation(600, 1400, 'A4', 'page', 'auto')).toBe('portrait');
    // 1400 × 600: portrait min(539.28/1400, 737.89/600) = 0.3852; landscape min(785.89/1400, 491.28/600) = 0.5614.
    expect(diagramOrientation(1400, 600, 'A4', 'page', 'auto')).toBe('landscape');
    // A square one prints the same either way: landscape, the usual shape of a diagram.
    expect(diagramOrientation(500, 500, 'A4', 'page', 'auto')).toBe('landscape');
  });

  it('tiles in whichever orientation needs fewer pages, and keeps an explicit choice', () => {
    const tall = (o: 'portrait' | 'landscape') => planPdf(600, 4000, { page: 'A4', orientation: o, fit: 'tile' }).pages.length;
    expect(tall('portrait')).toBeLessThan(tall('landscape'));
    expect(diagramOrientation(600, 4000, 'A4', 'tile', 'auto')).toBe('portrait');
    expect(diagramOrientation(600, 1400, 'A4', 'page', 'landscape')).toBe('landscape');
    expect(diagramOrientation(1400, 600, 'A4', 'tile', 'portrait')).toBe('portrait');
  });
});

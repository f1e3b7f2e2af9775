// Rack geometry on plain boxes: ToRs above their servers, servers in a grid of 2-4 per row, racks side by side
// without overlap, spines above every rack.
import { describe, expect, test } from 'vitest';
import { placeRack, placeRacks, racksPerRow, serverColumns, type GridBox, type Placed } from './rack-grid';

const boxes = (prefix: string, n: number, w: number, h: number): GridBox[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, w, h }));
const at = (p: Placed, id: string) => p.positions.get(id)!;
const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('serverColumns', () => {
  test('two to four per row, whichever makes the rack closest to square; fewer only with fewer servers', () => {
    // Template servers (592×320 plus gaps): 8 make a 2×4 rack, 40 a 4×10 rack.
    expect(serverColumns(8, 632, 360, 160)).toBe(2);
    expect(serverColumns(40, 632, 360, 160)).toBe(4);
    // Tall narrow servers: four per row.
    expect(serverColumns(8, 200, 600)).toBe(4);
    // Very wide servers still two per row: never a single long column.
    expect(serverColumns(8, 3000, 100)).toBe(2);
    expect(serverColumns(1, 632, 360)).toBe(1);
    expect(serverColumns(3, 200, 600)).toBe(3);
  });

  test('racks stay in one row while that is closer to square than more rows', () => {
    expect(racksPerRow(3, 2600, 6000)).toBe(3);
    expect(racksPerRow(50, 2600, 4000)).toBeLessThan(50);
    expect(racksPerRow(50, 2600, 4000)).toBeGreaterThan(4);
  });
});

describe('placeRack', () => {
  const tors = boxes('t', 2, 224, 56);
  const fex = boxes('f', 1, 224, 56);
  const servers = boxes('h', 8, 592, 320);
  const rack = placeRack([tors, fex], servers);

  test('ToRs on top, extenders under them, servers in a grid below, nothing overlapping', () => {
    const all = [...tors, ...fex, ...servers].map((b) => ({ ...b, ...at(rack, b.id) }));
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!), `${all[i]!.id} / ${all[j]!.id}`).toBe(false);
    const torBottom = Math.max(...tors.map((t) => at(rack, t.id).y + t.h));
    expect(at(rack, 'f0').y).toBeGreaterThan(torBottom);
    for (const s of servers) expect(at(rack, s.id).y).toBeGreaterThan(at(rack, 'f0').y + 56);
    // Two to four per row, filled row by row, in order.
    const cols = servers.filter((h) => at(rack, h.id).y === at(rack, 'h0').y).length;
    expect(cols).toBeGreaterThanOrEqual(2);
    expect(cols).toBeLessThanOrEqual(4);
    expect(at(rack, `h${cols}`).y).toBeGreaterThanOrEqual(at(rack, 'h0').y + 320);
    expect(at(rack, `h${cols}`).x).toBe(at(rack, 'h0').x);
    // The switch rows are centred over the grid.
    const mid = (id: string, w: number) => at(rack, id).x + w / 2;
    expect((at(rack, 't0').x + at(rack, 't1').x + 224) / 2).toBeCloseTo(rack.w / 2);
    expect(mid('f0', 224)).toBeCloseTo(rack.w / 2);
    // The box covers everything.
    for (const b of all) {
      expect(b.x + b.w).toBeLessThanOrEqual(rack.w + 1e-9);
      expect(b.y + b.h).toBeLessThanOrEqual(rack.h + 1e-9);
    }
  });

  test('a rack of switches only, or of one server, still has a size', () => {
    expect(placeRack([tors], []).h).toBe(56);
    const one = placeRack([tors], boxes('h', 1, 592, 320));
    expect(one.w).toBe(592);
    expect(at(one, 'h0').y).toBeGreaterThan(56);
  });
});

describe('placeRacks', () => {
  test('spines in a row above; racks side by side, in rows when many, never overlapping', () => {
    const racks = boxes('r', 12, 2600, 4000);
    const p = placeRacks(boxes('s', 4, 224, 56), racks);
    const rackTop = Math.min(...racks.map((r) => at(p, r.id).y));
    for (let i = 0; i < 4; i++) expect(at(p, `s${i}`).y + 56).toBeLessThan(rackTop);
    for (let i = 1; i < 4; i++) expect(at(p, `s${i}`).x).toBeGreaterThan(at(p, `s${i - 1}`).x + 224);
    const placed = racks.map((r) => ({ ...r, ...at(p, r.id) }));
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
    expect(at(p, 'r1').y).toBe(at(p, 'r0').y);
    expect(at(p, 'r1').x).toBeGreaterThan(at(p, 'r0').x + 2600);
    expect(new Set(placed.map((r) => r.y)).size).toBeGreaterThan(1);
  });
});

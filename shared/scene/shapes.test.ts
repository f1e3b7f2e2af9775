// Port markers on a box face: one row where they fit ROW_PITCH apart, two alternating rows on a dense face (a ToR's
// 48 server ports), as a switch's front panel has them; anchors stay on the edge so cable routes are unchanged.
import { describe, expect, test } from 'vitest';
import { makeElement } from '../model/defaults';
import { asElementId } from '../model/ids';
import { describeElement } from './describe';
import { PORT_REACH, PORT_SIZE, portsOnSide, ROW_PITCH } from './shapes';
import type { PortShape } from './types';

const centre = (s: PortShape) => ({ x: s.x + s.size / 2, y: s.y + s.size / 2 });
const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe('portsOnSide', () => {
  test('a sparse face keeps one row of full-size markers straddling the edge', () => {
    // 2 ports on a 148-unit face: 148 / 3 = 49.3 apart, far above ROW_PITCH.
    const { shapes, anchors } = portsOnSide(names(2), 'bottom', 148, 56, 'port.ethernet');
    expect(shapes.map((s) => centre(s))).toEqual([
      { x: 148 / 3, y: 56 },
      { x: (2 * 148) / 3, y: 56 },
    ]);
    expect(shapes.every((s) => s.size === PORT_SIZE)).toBe(true);
    expect(anchors.p0).toEqual({ x: 148 / 3, y: 56, side: 'bottom' });
  });

  test("a ToR's 48 server ports: two rows like a front panel, odd-numbered ports (p0, p2, …) in the upper row", () => {
    // 48 ports on the 224-unit bottom face: 224 / 49 = 4.57 units apart in one row, under ROW_PITCH (10).
    const step = 224 / 49;
    const { shapes, anchors } = portsOnSide(names(48), 'bottom', 224, 56, 'port.ethernet');
    shapes.forEach((s, i) => {
      const c = centre(s);
      expect(c.x).toBeCloseTo(step * (i + 1), 9);
      // Upper row: inside the box, its markers ending on the outline (56 - 3); lower row ROW_PITCH below it.
      expect(c.y).toBeCloseTo(i % 2 === 0 ? 56 - PORT_SIZE / 2 : 56 - PORT_SIZE / 2 + ROW_PITCH, 9);
      // Full-size markers: neighbours in a row are 2 × 4.57 = 9.14 apart, three quarters of which is above 6.
      expect(s.size).toBe(PORT_SIZE);
      // The anchor stays on the edge under the marker, so cables attach and route exactly as before.
      expect(anchors[s.name]).toEqual({ x: c.x, y: 56, side: 'bottom' });
    });
    // No marker reaches further out than PORT_REACH (the port hit test's probe relies on it).
    expect(Math.max(...shapes.map((s) => s.y + s.size)) - 56).toBeCloseTo(PORT_REACH, 9);
  });

  test('on the top face the upper row is the outer one, so odd-numbered ports are still on top', () => {
    const { shapes } = portsOnSide(names(32), 'top', 224, 56, 'port.ethernet');
    expect(centre(shapes[0]!).y).toBeCloseTo(-(ROW_PITCH - PORT_SIZE / 2), 9);
    expect(centre(shapes[1]!).y).toBeCloseTo(PORT_SIZE / 2, 9);
  });

  test('side faces keep one row even when dense (devices sit too close together inside a server for a second)', () => {
    // 8 PCIe downstream ports on a 56-unit left face: 56 / 9 = 6.2 apart, markers 3/4 of that.
    const { shapes, anchors } = portsOnSide(names(8), 'left', 148, 56, 'port.pcie');
    for (const s of shapes) expect(centre(s).x).toBe(0);
    expect(shapes[0]!.size).toBeCloseTo((56 / 9) * 0.75, 9);
    expect(anchors.p7).toEqual({ x: 0, y: (8 * 56) / 9, side: 'left' });
  });

  test('a default ToR face: every server port 9 units or more from its row neighbours and 10 from the other row', () => {
    const tor = describeElement(makeElement('tor', { id: asElementId('t'), name: 't' }));
    const down = tor.shapes.filter((s): s is PortShape => s.type === 'port' && tor.anchors[s.name]!.side === 'bottom');
    expect(down).toHaveLength(48);
    const rows = new Map<number, PortShape[]>();
    for (const s of down) rows.set(centre(s).y, [...(rows.get(centre(s).y) ?? []), s]);
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual([56 - 3, 56 + 7]);
    for (const row of rows.values()) {
      expect(row).toHaveLength(24);
      for (let i = 1; i < row.length; i++) expect(centre(row[i]!).x - centre(row[i - 1]!).x).toBeGreaterThan(9);
    }
  });
});

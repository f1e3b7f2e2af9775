// The templates draw racks as racks (issue #14 item 3): ToRs above their servers, servers in a grid of 2-4 per row,
// racks side by side without overlap, spines above the ToRs, and the 8-host rack readable when zoomed to fit.
import { describe, expect, test } from 'vitest';
import { topBoxes } from '../layout/apply';
import type { Design } from '../model/design';
import type { Host } from '../model/elements';
import { KIND_SIZES } from '../scene/describe';
import { sceneOf } from '../scene/scene';
import { namedFromScale } from '../scene/summary';
import { fitBounds } from '../scene/viewport';
import { makeTemplate } from '.';

/**
 * The canvas of a 1400×900 window with the palette, outline and inspector open, in CSS pixels, as
 * test/e2e/rack-layout.test.ts measures it.
 */
const CANVAS = { w: 816, h: 835 } as const;

const hostsOf = (d: Design, rack: string) => Object.values(d.elements).filter((e): e is Host => e.kind === 'host' && e.id.startsWith(`${rack}.`));

function expectNoTopOverlap(d: Design): void {
  const boxes = topBoxes(d).sort((a, b) => a.x - b.x);
  // Sweep by x: only boxes whose x ranges meet are compared, so a 2,000-host fabric stays quick.
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.x < a.x + a.w; j++) {
      const b = boxes[j]!;
      expect(a.y < b.y + b.h && b.y < a.y + a.h, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

describe('the rack template', () => {
  const d = makeTemplate('rack', { hosts: 8, vmsPerHost: 10 });
  const hosts = hostsOf(d, 'r01');

  test('puts both ToRs above every server, centred over them', () => {
    const tors = ['r01.tor-a', 'r01.tor-b'].map((id) => d.elements[id]!);
    const torBottom = Math.max(...tors.map((t) => t.y + KIND_SIZES.switch.h));
    for (const h of hosts) expect(h.y, h.id).toBeGreaterThan(torBottom);
    const left = Math.min(...hosts.map((h) => h.x));
    const right = Math.max(...hosts.map((h) => h.x + h.width));
    const torMid = (tors[0]!.x + tors[1]!.x + KIND_SIZES.switch.w) / 2;
    expect(Math.abs(torMid - (left + right) / 2)).toBeLessThanOrEqual(1);
  });

  test('stacks its servers in rows of 2 to 4, in order, without overlap', () => {
    const rows = new Map<number, Host[]>();
    for (const h of hosts) rows.set(h.y, [...(rows.get(h.y) ?? []), h]);
    const widths = [...rows.values()].map((r) => r.length);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...widths)).toBeLessThanOrEqual(4);
    expect(rows.size).toBeGreaterThan(1);
    // Row by row, left to right: h001 top left, h002 beside it.
    expect(hosts[1]!.y).toBe(hosts[0]!.y);
    expect(hosts[1]!.x).toBeGreaterThan(hosts[0]!.x);
    expectNoTopOverlap(d);
  });

  test('zoomed to fit in a 1400×900 window, every summary carries its name', () => {
    // Below 50 % the canvas draws summaries lettered at 12 px (shared/scene/summary.ts); a box holds its name from
    // the scale where it is large enough for it. The smallest boxes are the switches (224×56 units): 0.29.
    const threshold = namedFromScale(KIND_SIZES.switch.w, KIND_SIZES.switch.h);
    const fit = fitBounds(sceneOf(d).bounds, CANVAS.w, CANVAS.h);
    expect(fit.scale).toBeGreaterThanOrEqual(threshold);
    // And well above the old layout (one column of servers 1,152 units wide), which fitted at 30 % with 4-px titles.
    expect(fit.scale).toBeGreaterThan(0.4);
  });
});

describe('the fabric template', () => {
  test('racks side by side (in rows of racks), ToRs over their own servers, spines above every ToR', () => {
    const d = makeTemplate('fabric', { hosts: 400, vmsPerHost: 1 });
    expectNoTopOverlap(d);
    const spines = Object.values(d.elements).filter((e) => e.kind === 'tor' && e.tier === 'spine');
    expect(spines).toHaveLength(4);
    const spineBottom = Math.max(...spines.map((s) => s.y + KIND_SIZES.switch.h));
    for (const r of ['r01', 'r02', 'r10']) {
      const tor = d.elements[`${r}.tor-a`]!;
      expect(tor.y).toBeGreaterThan(spineBottom);
      const rackHosts = hostsOf(d, r);
      expect(rackHosts).toHaveLength(40);
      for (const h of rackHosts) expect(h.y, h.id).toBeGreaterThan(tor.y + KIND_SIZES.switch.h);
    }
    // r02 beside r01; 10 racks are not one strip: r10 starts a second row.
    const right1 = Math.max(...hostsOf(d, 'r01').map((h) => h.x + h.width));
    expect(Math.min(...hostsOf(d, 'r02').map((h) => h.x))).toBeGreaterThan(right1);
    const boxes = topBoxes(d);
    const w = Math.max(...boxes.map((x) => x.x + x.w)) - Math.min(...boxes.map((x) => x.x));
    const h = Math.max(...boxes.map((x) => x.y + x.h)) - Math.min(...boxes.map((x) => x.y));
    expect(w / h).toBeLessThan(3);
    expect(new Set(['r01', 'r10'].map((r) => d.elements[`${r}.tor-a`]!.y)).size).toBe(2);
  });
});

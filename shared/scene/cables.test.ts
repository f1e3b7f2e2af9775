import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../templates';
import type { Design } from '../model/design';
import { sceneOf } from './scene';
import { routeCrosses } from './route-grid';
import { splitAtFrame } from './cables';
import type { LinkPath, Scene, SceneNode } from './types';
import { selectDiagram } from '../export/selection';
import { diagramLabels } from '../export/labels';

const TEMPLATES: [string, Design][] = [
  ['single-host', makeTemplate('single-host')],
  ['rack', makeTemplate('rack', { hosts: 4, vmsPerHost: 10 })],
  ['rack-kvm', makeTemplate('rack-kvm', { hosts: 4, vmsPerHost: 6 })],
];

const nodeOf = (s: Scene, id: string): SceneNode => s.nodes[s.nodeIndex.get(id)!]!;
const anchorOf = (s: Scene, id: string, port: string) => {
  const n = nodeOf(s, id);
  const a = n.look.anchors[port] ?? n.look.fallback;
  return [n.x + a.x, n.y + a.y];
};

/** The drawn parts of each link, in order from its a-end to its b-end. */
function partsById(s: Scene): Map<string, LinkPath[]> {
  const m = new Map<string, LinkPath[]>();
  for (const l of s.links) m.set(l.id, [...(m.get(l.id) ?? []), l]);
  return m;
}

/** Top-level element a node sits in (the server of a VM; itself at top level). */
function rootOf(d: Design, id: string): string {
  let el = d.elements[id]!;
  while (el.parent !== null) el = d.elements[el.parent]!;
  return el.id;
}

describe.each(TEMPLATES)('cables in the %s template', (_, d) => {
  const s = sceneOf(d);
  const parts = partsById(s);
  const cables = Object.values(d.links).filter((l) => l.kind === 'ethernet');

  test('every Ethernet cable runs from its port marker to the far port marker, its parts joined end to end', () => {
    expect(cables.length).toBeGreaterThan(0);
    for (const l of cables) {
      const ps = parts.get(l.id)!;
      expect(ps[0]!.points.slice(0, 2)).toEqual(anchorOf(s, l.a.element, l.a.port));
      expect(ps.at(-1)!.points.slice(-2)).toEqual(anchorOf(s, l.b.element, l.b.port));
      for (let i = 1; i < ps.length; i++) expect(ps[i]!.points.slice(0, 2)).toEqual(ps[i - 1]!.points.slice(-2));
      for (const p of ps) for (let k = 0; k + 3 < p.points.length; k += 2) expect(p.points[k] === p.points[k + 2] || p.points[k + 1] === p.points[k + 3]).toBe(true);
    }
  });

  test('a cable from a NIC in a server is seen inside the server: its inside part paints above the server and ends on its edge', () => {
    for (const l of cables) {
      const ps = parts.get(l.id)!;
      const server = d.elements[l.a.element]!.parent;
      if (server === null) continue;
      const inside = ps[0]!;
      expect(inside).toMatchObject({ part: 'inside', under: false });
      const frame = nodeOf(s, server);
      const [x, y] = inside.points.slice(-2) as [number, number];
      const onEdge = x === frame.x || x === frame.x + frame.w || y === frame.y || y === frame.y + frame.h;
      expect(onEdge, `${l.id} leaves ${server} on its edge`).toBe(true);
    }
  });

  test('no link crosses a box it does not connect: cables miss other servers, switches and VMs; links in a server miss its other boxes', () => {
    for (const [id, ps] of parts) {
      const link = d.links[id]!;
      const ends = new Set([link.a.element, link.b.element]);
      // A cable passes through its own servers (that is its inside part); everything else is in the way.
      const roots = new Set([rootOf(d, link.a.element), rootOf(d, link.b.element)]);
      for (const n of s.nodes) {
        if (ends.has(n.id) || (n.look.container && roots.has(n.id))) continue;
        for (const p of ps) expect(routeCrosses(p.points, n), `${id} (${p.part ?? 'whole'}) crosses ${n.id}`).toBe(false);
      }
    }
  });

  test('parallel cables do not lie on top of each other', () => {
    // Every straight run of a cable, as a segment; two cables sharing a stretch of the same line would read as one.
    const runs: { id: string; vertical: boolean; line: number; lo: number; hi: number }[] = [];
    for (const l of cables) {
      for (const p of parts.get(l.id)!) {
        for (let k = 0; k + 3 < p.points.length; k += 2) {
          const [x0, y0, x1, y1] = p.points.slice(k, k + 4) as [number, number, number, number];
          const vertical = x0 === x1;
          runs.push({ id: l.id, vertical, line: vertical ? x0 : y0, lo: vertical ? Math.min(y0, y1) : Math.min(x0, x1), hi: vertical ? Math.max(y0, y1) : Math.max(x0, x1) });
        }
      }
    }
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i]!;
        const b = runs[j]!;
        if (a.id === b.id || a.vertical !== b.vertical || Math.abs(a.line - b.line) > 0.5) continue;
        const shared = Math.min(a.hi, b.hi) - Math.max(a.lo, b.lo);
        expect(shared, `${a.id} and ${b.id} share a run at ${a.vertical ? 'x' : 'y'} = ${a.line}`).toBeLessThanOrEqual(1);
      }
    }
  });

  test('labels (speeds and port names) never overlap, and cables get their port names', () => {
    const labels = diagramLabels(selectDiagram(d));
    const all = [...labels.under, ...labels.inner];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.size && b.y < a.y + a.size;
        expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
      }
    }
    // The NIC end of some cable names both ports where it leaves its server.
    expect(all.some((t) => /^eth\d+→/.test(t.text))).toBe(true);
  });

  test('an export frames every label and port name: none is cut off at the margin', () => {
    const sel = selectDiagram(d);
    const labels = diagramLabels(sel);
    const { x, y, w, h } = sel.view;
    for (const t of [...labels.under, ...labels.inner]) {
      expect(t.x >= x && t.y >= y && t.x + t.w <= x + w && t.y + t.size <= y + h, `"${t.text}" at (${t.x}, ${t.y}) inside the view`).toBe(true);
    }
  });
});

describe('splitAtFrame', () => {
  const frame = { x: 0, y: 0, w: 100, h: 50 };
  test('cuts a route where it first leaves the frame', () => {
    expect(splitAtFrame([50, 40, 50, 45, -20, 45, -20, -30], frame)).toEqual([
      [50, 40, 50, 45, 0, 45],
      [0, 45, -20, 45, -20, -30],
    ]);
    expect(splitAtFrame([10, 10, 10, 80], frame)).toEqual([
      [10, 10, 10, 50],
      [10, 50, 10, 80],
    ]);
  });
  test('a route that stays inside is not cut', () => {
    expect(splitAtFrame([10, 10, 90, 10], frame)).toBeNull();
  });
});

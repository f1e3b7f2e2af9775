import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Design } from '../model/design';
import type { Link, LinkOf } from '../model/links';
import { makeTemplate } from '../templates';
import { cachedLinkLabelText, linkLabel, linkLabelPlaces, linkLabelText, longestSegment, pickLabels, placeLinkLabel, placeLinkLabels, withoutOverlaps } from './labels-link';
import { selectDiagram } from '../export/selection';
import { diagramLabels } from '../export/labels';
import type { TextShape } from './types';
import { sceneOf } from './scene';
import { distanceToPolyline } from './spatial';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const linksOf = <K extends Link['kind']>(d: Design, kind: K) => Object.values(d.links).filter((l): l is LinkOf<K> => l.kind === kind);

/** Does the segment (x0,y0)-(x1,y1) pass through the box? Sampled finely: labels are a few units from lines. */
function crossesBox(x0: number, y0: number, x1: number, y1: number, b: { x: number; y: number; w: number; h: number }): boolean {
  for (let k = 0; k <= 400; k++) {
    const x = x0 + ((x1 - x0) * k) / 400;
    const y = y0 + ((y1 - y0) * k) / 400;
    if (x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h) return true;
  }
  return false;
}

describe('link label text', () => {
  test('PCIe links show the trained generation and width: the lower of both ends and the slot', () => {
    const link = linksOf(design, 'pcie')[0]!;
    const up = design.elements[link.a.element]!;
    const down = design.elements[link.b.element]!;
    expect(up.kind === 'rootComplex' || up.kind === 'pcieSwitch').toBe(true);
    expect(linkLabelText(design, link)).toMatch(/^Gen \d x\d+$/);
    // A Gen 3 x8 slot limits whatever the ends can do.
    expect(linkLabelText(design, { ...link, slotGen: 3, slotWidth: 8 })).toBe('Gen 3 x8');
    expect(down.kind === 'nic' || down.kind === 'endpoint').toBe(true);
  });

  test('Ethernet cables show the forced speed, else the slower end', () => {
    const isNic = (id: string) => design.elements[id]!.kind === 'nic';
    const cable = linksOf(design, 'ethernet').find((l) => isNic(l.a.element) || isNic(l.b.element))!;
    expect(linkLabelText(design, cable)).toMatch(/^\d+(\.\d+)?G$/);
    expect(linkLabelText(design, { ...cable, speedGbps: 10 })).toBe('10G');
    // Slow the NIC end down: the label follows the slower end.
    const nicEnd = isNic(cable.a.element) ? cable.a : cable.b;
    const nic = design.elements[nicEnd.element]!;
    const slower: Design = { ...design, elements: { ...design.elements, [nic.id]: { ...nic, speedGbps: 1 } as typeof nic } };
    expect(linkLabelText(slower, cable)).toBe('1G');
  });

  test('virtual attachments have no rate of their own and no label', () => {
    for (const l of Object.values(design.links)) if (l.kind !== 'pcie' && l.kind !== 'ethernet') expect(linkLabelText(design, l)).toBeNull();
  });

  test('the cached text is the same as the computed one', () => {
    for (const l of Object.values(design.links)) expect(cachedLinkLabelText(design, l.id)).toBe(linkLabelText(design, l));
    expect(cachedLinkLabelText(design, 'no-such-link')).toBeNull();
  });
});

describe('label placement', () => {
  test('at the middle of the longest segment', () => {
    expect(longestSegment([0, 0, 0, 10, 100, 10, 100, 20])).toBe(2);
    const t = placeLinkLabel([0, 0, 0, 10, 100, 10, 100, 20], '25G')!;
    expect(t.x + t.w / 2).toBeCloseTo(50);
    expect(t.y + t.size).toBeLessThan(10);
    expect(t.align).toBe('center');
    const v = placeLinkLabel([0, 0, 0, 300], 'Gen 4 x16')!;
    expect(v.align).toBe('left');
    expect(v.x).toBeGreaterThan(0);
    expect(v.y + v.size / 2).toBeCloseTo(150);
  });

  test('the label box never overlaps its segment, whatever the slope', () => {
    const coord = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(coord, coord, coord, coord, fc.constantFrom('25G', 'Gen 4 x16', '100G'), (x0, y0, x1, y1, text) => {
        fc.pre(Math.hypot(x1 - x0, y1 - y0) > 80);
        const t = placeLinkLabel([x0, y0, x1, y1], text)!;
        expect(crossesBox(x0, y0, x1, y1, { x: t.x, y: t.y, w: t.w, h: t.size })).toBe(false);
        // ... and stays close to it, so it reads as that line's label.
        expect(distanceToPolyline([x0, y0, x1, y1], t.x + t.w / 2, t.y + t.size / 2)).toBeLessThan(t.w + t.size);
      }),
    );
  });

  test('a link too short to carry its label gets none', () => {
    expect(placeLinkLabel([0, 0, 12, 0], 'Gen 4 x16')).toBeNull();
    expect(placeLinkLabel([0, 0, 0, 8], '25G')).toBeNull();
  });

  test('on a line passing behind boxes, the label goes on the longest stretch that can be seen', () => {
    // A cable from y=0 down to y=400 behind a server covering y 100–350: the free stretches are 0–100 and 350–400.
    const t = placeLinkLabel([0, 0, 0, 400], '25G', [{ x: -50, y: 100, w: 200, h: 250 }])!;
    expect(t.y + t.size / 2).toBeCloseTo(50);
    // Nothing free long enough: no label.
    expect(placeLinkLabel([0, 0, 0, 400], '25G', [{ x: -50, y: -10, w: 200, h: 420 }])).toBeNull();
  });

  test('a label that would cover a box the line runs close to goes on the other side of the line', () => {
    // A cable running 6 units under a switch (bottom edge y=0): above the line the label would print over the switch.
    const sw = { x: -20, y: -56, w: 240, h: 56 };
    const t = placeLinkLabel([0, 6, 200, 6], '25G', [sw])!;
    expect(t.y).toBeGreaterThan(6);
    const meets = (o: typeof sw) => t.x < o.x + o.w && t.x + t.w > o.x && t.y < o.y + o.h && t.y + t.size > o.y;
    expect(meets(sw)).toBe(false);
    // Boxes close on both sides of the long horizontal run: the shorter vertical drop beyond them carries the label.
    const v = placeLinkLabel([0, 6, 230, 6, 230, 60], '25G', [sw, { x: -20, y: 8, w: 240, h: 40 }])!;
    expect(v.align).toBe('left');
    expect(v.x).toBeGreaterThan(230);
    expect(v.y + v.size / 2).toBeCloseTo(33);
  });

  test('labels printed over an earlier one are dropped', () => {
    const at = (x: number, y: number): TextShape => ({ type: 'text', x, y, w: 30, text: '100G', size: 10, bold: false, align: 'center', fill: 'textMuted', detail: 2 });
    const kept = withoutOverlaps([at(0, 0), at(10, 4), at(40, 0), at(0, 30)]);
    expect(kept.map((t) => [t.x, t.y])).toEqual([
      [0, 0],
      [40, 0],
      [0, 30],
    ]);
  });

  test('scene links get labels where they have a rate, drawn as fine print', () => {
    const scene = sceneOf(design);
    const labelled = scene.links.map((l) => [l, linkLabel(design, l)] as const);
    expect(labelled.filter(([l, t]) => t !== null && l.kind === 'ethernet').length).toBeGreaterThan(0);
    for (const [l, t] of labelled) {
      if (!t) continue;
      expect(t.detail).toBe(2);
      expect(t.text).toBe(linkLabelText(design, design.links[l.id]!));
    }
  });

  test('labels of a whole diagram sit clear of the servers their cables pass behind, and of each other', () => {
    const scene = sceneOf(design);
    const containers = scene.nodes.filter((n) => n.look.container);
    const contents = scene.nodes.filter((n) => !n.look.container);
    const placed = placeLinkLabels(design, scene.links.filter((l) => l.under), scene.links.filter((l) => !l.under), containers, contents);
    const all = [...placed.under, ...placed.inner];
    expect(placed.under.length).toBeGreaterThan(0);
    expect(withoutOverlaps(all)).toHaveLength(all.length);
    for (const t of placed.under) {
      // The label's anchor point on its line is not inside a server.
      const cx = t.align === 'center' ? t.x + t.w / 2 : t.x;
      const cy = t.y + t.size;
      expect(containers.some((n) => cx > n.x && cx < n.x + n.w && cy > n.y && cy < n.y + n.h)).toBe(false);
    }
  });

  test('a label has places along its line: the middle first, then a label length at a time toward either end', () => {
    // "25G" at size 10 is ceil(3 × 10 × 0.62) + 2 = 21 units wide; on a 200-unit run its middle is x = 100, so its box
    // starts at 89.5, then 110.5 (one width right), 68.5 (one left), 131.5, 47.5: five places a side (SLIDES).
    const places = linkLabelPlaces([0, 0, 200, 0], '25G');
    expect(places[0]).toEqual(placeLinkLabel([0, 0, 200, 0], '25G'));
    const above = places.filter((t) => t.y < 0).map((t) => t.x);
    const expected = [89.5, 110.5, 68.5, 131.5, 47.5];
    expect(above).toHaveLength(expected.length);
    above.forEach((x, k) => expect(x).toBeCloseTo(expected[k]!, 9));
    expect(places).toHaveLength(10);
    for (const t of places) expect(t.x >= 0 && t.x + t.w <= 200).toBe(true);
  });

  test('two parallel cables of one rate both keep a label, apart ("25G25G" never prints)', () => {
    // Two cables of a bundle, 4 units apart: the second cannot take the spot above the first's label, so it moves on.
    const first = linkLabelPlaces([0, 0, 200, 0], '25G');
    const second = linkLabelPlaces([0, 4, 200, 4], '25G');
    const kept = pickLabels([first, second]);
    expect(kept).toHaveLength(2);
    expect(withoutOverlaps(kept)).toHaveLength(2);
  });

  test('every Ethernet cable of the rack template shows its speed and the names of its ports', () => {
    // Eight hosts, each with one dual-port 25GbE NIC cabled to both ToRs (16 × 25G), and the ToR pair's two 100G
    // MLAG peer links (shared/templates): 18 speed labels. One 25G label finds no room: the ToR port names now start
    // below the switch's second row of port markers (labels-ends.ts), and in the 40-unit channel between the server
    // columns, where eight cables climb to the ToRs, every place left for it meets another label.
    const d = makeTemplate('rack', { hosts: 8, vmsPerHost: 10 });
    const labels = diagramLabels(selectDiagram(d));
    const texts = [...labels.under, ...labels.inner].map((t) => t.text);
    expect(texts.filter((t) => t === '25G')).toHaveLength(15);
    expect(texts.filter((t) => t === '100G')).toHaveLength(2);
    // And every end of those cables is named: the 16 NIC ends where they leave their servers ("eth0→p3", or "eth0"
    // alone where the 40-unit channel between two servers is narrower than both names), the 16 ToR ports they reach
    // (p0-p7 on each ToR, staggered under its ports ~9 units apart) and the peer links' p48 and p49 at both ToRs (4).
    expect(texts.filter((t) => /^eth[01](→p\d+)?$/.test(t))).toHaveLength(16);
    expect(texts.filter((t) => /^p\d+$/.test(t))).toHaveLength(20);
  });

  test.each([
    ['rack', { hosts: 8, vmsPerHost: 10 }],
    ['rack-kvm', { hosts: 2, vmsPerHost: 2 }],
  ] as const)('no label of the %s template lies on a port marker (the ToR’s 48 ports sit in two rows, one outside its edge)', (name, opts) => {
    const d = makeTemplate(name, opts);
    const labels = [...diagramLabels(selectDiagram(d)).under, ...diagramLabels(selectDiagram(d)).inner];
    const markers = sceneOf(d).nodes.flatMap((n) => n.look.shapes.flatMap((s) => (s.type === 'port' ? [{ x: n.x + s.x, y: n.y + s.y, w: s.size, h: s.size }] : [])));
    expect(labels.filter((t) => /^p\d+$/.test(t.text)).length).toBeGreaterThan(0);
    expect(labels.filter((t) => /G$/.test(t.text)).length).toBeGreaterThan(0);
    for (const t of labels) {
      const hit = markers.find((m) => t.x < m.x + m.w && t.x + t.w > m.x && t.y < m.y + m.h && t.y + t.size > m.y);
      expect(hit, `${t.text} at ${t.x},${t.y}`).toBeUndefined();
    }
  });
});


// Level of detail: below 50 % servers are summaries (name and counts in letters of a constant on-screen size), their
// contents are not painted; at 50 % and above everything is painted as before.
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../history/commands';
import type { ElementId } from '../model/ids';
import { makeTemplate } from '../templates';
import { paintNodes, paintNodesLod, type Context2D } from './paint';
import { PALETTES } from './palette';
import { sceneOf } from './scene';
import { contentsLine, elementsWithinAtScale, hitAtScale, isSummaryScale, namedFromScale, summaryShapes, SUMMARY_COUNTS_PX, SUMMARY_MAX_SCALE, SUMMARY_MIN_NAME_PX, SUMMARY_NAME_PX } from './summary';
import { hotspotAt } from './port-hit';
import { SceneIndex } from './spatial';
import type { TextShape } from './types';

/** A Context2D that records the text drawn and ignores the rest; text is 6 units wide per character. */
function textRecorder(): Context2D & { texts: string[] } {
  const texts: string[] = [];
  const noop = () => undefined;
  return {
    texts,
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
    globalAlpha: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    beginPath: noop,
    rect: noop,
    roundRect: noop,
    moveTo: noop,
    lineTo: noop,
    fill: noop,
    stroke: noop,
    fillRect: noop,
    fillText: (t: string) => void texts.push(t),
    measureText: (t: string) => ({ width: t.length * 6 }),
    setLineDash: noop,
    save: noop,
    restore: noop,
    translate: noop,
    scale: noop,
  };
}

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 20 });
const scene = sceneOf(design);
const node = (id: string) => scene.nodes[scene.nodeIndex.get(id)!]!;
const all = scene.nodes.map((_, i) => i);
const texts = (shapes: ReturnType<typeof summaryShapes>) => (shapes ?? []).filter((s): s is TextShape => s.type === 'text');

describe('choosing the level of detail', () => {
  test('summaries exactly where 12-unit titles would be under 6 px', () => {
    expect(12 * SUMMARY_MAX_SCALE).toBe(6);
    expect(isSummaryScale(SUMMARY_MAX_SCALE - 0.001)).toBe(true);
    expect(isSummaryScale(SUMMARY_MAX_SCALE)).toBe(false);
    expect(isSummaryScale(1)).toBe(false);
  });

  test('the scene counts what each server holds', () => {
    expect(node('r01.h001').contents).toEqual({ rootComplex: 2, nic: 1, vswitch: 1, vm: 20 });
    expect(node('r01.tor-a').contents).toBeUndefined();
    // A collapsed server still says what it holds.
    const folded = applyCommand(design, { type: 'updateElement', id: 'r01.h002' as ElementId, changes: { collapsed: true } }).design;
    const s = sceneOf(folded);
    expect(s.nodes[s.nodeIndex.get('r01.h002')!]!.contents).toMatchObject({ vm: 20, nic: 1 });
  });

  test('counts read as a person would say them', () => {
    expect(contentsLine({ vm: 20, nic: 2 })).toBe('20 VMs · 2 NICs');
    expect(contentsLine({ vm: 1, nic: 1, vswitch: 1, rootComplex: 2 })).toBe('1 VM · 1 NIC');
    expect(contentsLine({ endpoint: 2 })).toBe('0 VMs · 0 NICs · 2 devices');
    expect(contentsLine(undefined)).toBe('0 VMs · 0 NICs');
  });
});

describe('summary shapes', () => {
  test('a server: its box, its name at 12 px and its counts at 10 px on screen, whatever the zoom', () => {
    for (const scale of [0.45, 0.3, 0.25]) {
      const t = texts(summaryShapes(node('r01.h001'), scale));
      expect(t.map((s) => s.text)).toEqual(['esx-r01-h001', '20 VMs · 1 NIC']);
      expect(t[0]!.size * scale).toBeCloseTo(SUMMARY_NAME_PX);
      expect(t[1]!.size * scale).toBeCloseTo(SUMMARY_COUNTS_PX);
      // Inside the box.
      for (const s of t) expect(s.y + s.size).toBeLessThanOrEqual(node('r01.h001').h);
    }
  });

  test('a name too long for the box shrinks to no less than 9 px; counts keep whole parts that fit', () => {
    const h = node('r01.h001');
    // 592 units at 12 %: 71 px, 59 px inside the margins.
    const t = texts(summaryShapes(h, 0.12));
    expect(t[0]!.size * 0.12).toBeLessThan(SUMMARY_NAME_PX);
    expect(t[0]!.size * 0.12).toBeGreaterThanOrEqual(SUMMARY_MIN_NAME_PX);
    expect(t[1]!.text).toBe('20 VMs');
  });

  test('a switch carries its name from the scale where it is tall enough; smaller boxes are just boxes', () => {
    const tor = node('r01.tor-a');
    const from = namedFromScale(tor.w, tor.h);
    expect(texts(summaryShapes(tor, from)).map((s) => s.text)).toEqual(['r01-tor-a']);
    expect(texts(summaryShapes(tor, from * 0.9))).toEqual([]);
    expect(summaryShapes(tor, from * 0.9)).toHaveLength(1);
    // A fabric overview (2 %): the server is a few pixels, a box without lettering.
    expect(summaryShapes(node('r01.h001'), 0.02)).toHaveLength(1);
  });

  test('nothing inside a server has a summary', () => {
    expect(summaryShapes(node('r01.h001.vm01'), 0.3)).toBeNull();
    expect(summaryShapes(node('r01.h001.nic0'), 0.3)).toBeNull();
  });
});

describe('the level-of-detail painter', () => {
  test('below 50 % paints only the top-level elements, as summaries', () => {
    const ctx = textRecorder();
    const painted = paintNodesLod(ctx, scene.nodes, all, PALETTES.light, 0, 0.3);
    expect(painted).toBe(scene.nodes.filter((n) => n.depth === 0).length);
    expect(ctx.texts).toContain('esx-r01-h002');
    expect(ctx.texts).toContain('20 VMs · 1 NIC');
    expect(ctx.texts.some((t) => t.includes('vm0'))).toBe(false);
  });

  test('at 50 % and above paints every node in full, as the export painter does', () => {
    const lod = textRecorder();
    const full = textRecorder();
    expect(paintNodesLod(lod, scene.nodes, all, PALETTES.light, 1, 0.5)).toBe(paintNodes(full, scene.nodes, all, PALETTES.light, 1, 0.5));
    expect(lod.texts).toEqual(full.texts);
    expect(lod.texts).toContain('r01-h001-vm01');
  });

  test('summaries paint less than the full scene at the same scale (what makes low zoom cheaper)', () => {
    const lod = textRecorder();
    const full = textRecorder();
    const a = paintNodesLod(lod, scene.nodes, all, PALETTES.light, 0, 0.3);
    const b = paintNodes(full, scene.nodes, all, PALETTES.light, 0, 0.3);
    expect(a * 5).toBeLessThan(b);
  });
});

describe('pressing on the summary view', () => {
  const index = new SceneIndex(scene);
  const centre = (id: string) => ({ x: node(id).x + node(id).w / 2, y: node(id).y + node(id).h / 2 });
  const vm = Object.values(design.elements).find((e) => e.kind === 'vm' && e.parent === 'r01.h001')!;

  test('a press on a server summary is on the server, not on the VM hidden under it (which full detail finds)', () => {
    const p = centre(vm.id);
    // At 100 % the VM is drawn above its server and is what a press there meets.
    expect(hitAtScale(index, p.x, p.y, 5, 1)).toEqual({ type: 'element', id: vm.id });
    expect(hitAtScale(index, p.x, p.y, 5 / 0.5, 0.5)).toEqual({ type: 'element', id: vm.id });
    // Below 50 % only the server's summary is drawn there.
    for (const scale of [0.45, 0.2, 0.05]) expect(hitAtScale(index, p.x, p.y, 5 / scale, scale)).toEqual({ type: 'element', id: 'r01.h001' });
    // Nor does its NIC, nor the header's chevron and double click answer there: the summary draws none of them.
    const nic = Object.values(design.elements).find((e) => e.kind === 'nic' && e.parent === 'r01.h001')!;
    expect(hitAtScale(index, centre(nic.id).x, centre(nic.id).y, 20, 0.25)).toEqual({ type: 'element', id: 'r01.h001' });
    const chevron = { x: node('r01.h001').x + 14, y: node('r01.h001').y + 15 };
    expect(hotspotAt(index, chevron.x, chevron.y, 'collapseToggle')).toEqual({ element: 'r01.h001', role: 'collapseToggle' });
    expect(hotspotAt(index, chevron.x, chevron.y, 'collapseToggle', true)).toBeNull();
  });

  test('switches and the cables between boxes stay pressable; empty canvas is nothing', () => {
    const tor = centre('r01.tor-a');
    expect(hitAtScale(index, tor.x, tor.y, 20, 0.25)).toEqual({ type: 'element', id: 'r01.tor-a' });
    // A point on a cable's run between a server and its switch (a link part drawn beneath the boxes).
    const cable = scene.links.find((l) => l.under && l.kind === 'ethernet')!;
    const [x0, y0, x1, y1] = cable.points;
    const mid = { x: (x0! + x1!) / 2, y: (y0! + y1!) / 2 };
    expect(hitAtScale(index, mid.x, mid.y, 20, 0.25)).toMatchObject({ type: 'link' });
    const b = scene.bounds!;
    expect(hitAtScale(index, b.x - 500, b.y - 500, 20, 0.25)).toBeNull();
  });

  test('a rubber band on the summary view selects the servers and switches it shows, not what they hide', () => {
    const h = node('r01.h001');
    // A band around the server's lower half encloses only VMs, none of which is drawn.
    const lower = { x: h.x - 1, y: h.y + h.h / 2, w: h.w + 2, h: h.h / 2 + 1 };
    expect(elementsWithinAtScale(index, lower, 1).length).toBeGreaterThan(0);
    expect(elementsWithinAtScale(index, lower, 0.25)).toEqual([]);
    const whole = { x: h.x - 1, y: h.y - 1, w: h.w + 2, h: h.h + 2 };
    expect(elementsWithinAtScale(index, whole, 0.25)).toEqual(['r01.h001']);
  });
});

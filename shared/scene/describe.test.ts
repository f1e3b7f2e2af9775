import { describe, expect, test } from 'vitest';
import { makeElement } from '../model/defaults';
import { ELEMENT_KINDS, portsOf, type Element } from '../model/elements';
import { asElementId } from '../model/ids';
import { describeElement, KIND_COLORS, KIND_SIZES } from './describe';
import { PALETTES } from './palette';
import type { Shape } from './types';

const sample = (kind: (typeof ELEMENT_KINDS)[number]): Element => makeElement(kind, { id: asElementId(`x-${kind}`), name: `My ${kind}` });

describe('describeElement', () => {
  test.each(ELEMENT_KINDS)('%s: a box with its name, and an anchor for every port', (kind) => {
    const el = sample(kind);
    const look = describeElement(el);
    expect(look.w).toBeGreaterThan(0);
    expect(look.h).toBeGreaterThan(0);
    const texts = look.shapes.filter((s): s is Extract<Shape, { type: 'text' }> => s.type === 'text').map((s) => s.text);
    expect(texts).toContain(el.name);
    // Links attach to real ports: each port the model lists (VFs aside) has an anchor on the outline.
    for (const p of portsOf(el)) {
      const a = look.anchors[p.name];
      expect(a, `${kind} port ${p.name}`).toBeDefined();
      const onEdge = a!.x === 0 || a!.x === look.w || a!.y === 0 || a!.y === look.h;
      expect(onEdge).toBe(true);
    }
  });

  test('every colour role resolves in both themes, and the look is plain data', () => {
    for (const kind of ELEMENT_KINDS) {
      const look = describeElement(sample(kind));
      for (const s of look.shapes) {
        const roles = s.type === 'rect' ? [s.fill, s.stroke] : s.type === 'line' ? [s.stroke] : [s.fill];
        for (const r of roles) if (r) for (const theme of ['light', 'dark'] as const) expect(PALETTES[theme][r]).toMatch(/^(#|rgba)/);
      }
      // Renderer-agnostic: a JSON round trip loses nothing (no functions, classes or DOM objects).
      expect(JSON.parse(JSON.stringify(look))).toEqual(look);
      expect(PALETTES.light[KIND_COLORS[kind].fill]).toBeDefined();
    }
  });

  test('labels carry units: Gen/lanes on root complexes, ports and PCIe on NICs, vCPU/GiB on VMs', () => {
    const texts = (el: Element) => describeElement(el).shapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
    expect(texts(makeElement('rootComplex', { id: asElementId('rc'), name: 'rc' }, { gen: 5, lanes: 128 }))).toContain('CPU0 · Gen 5 · 128 lanes');
    expect(texts(makeElement('nic', { id: asElementId('n'), name: 'n' }, { ports: 2, speedGbps: 25, pcieGen: 4, pcieWidth: 8 }))).toContain('2×25G · Gen 4 x8');
    expect(texts(makeElement('nic', { id: asElementId('n'), name: 'n' }, { pcieGen: null, pcieWidth: null, physicalFunctions: [{ totalVfs: 64, enabledVfs: 8 }] }))).toContain('2×25G · 8 VFs');
    expect(texts(makeElement('vm', { id: asElementId('v'), name: 'v' }, { vcpus: 8, memoryGiB: 32 }))).toContain('8 vCPU · 32 GiB');
    expect(texts(makeElement('tor', { id: asElementId('t'), name: 't' }))).toContain('48×25G + 8×100G');
  });

  test('a leaf switch puts its faster uplink ports on top and access ports below; a spine faces down', () => {
    const leaf = describeElement(makeElement('tor', { id: asElementId('t'), name: 't' }));
    expect(leaf.anchors.p0!.side).toBe('bottom');
    expect(leaf.anchors.p47!.side).toBe('bottom');
    expect(leaf.anchors.p48!.side).toBe('top');
    const spine = describeElement(makeElement('tor', { id: asElementId('s'), name: 's' }, { tier: 'spine' }));
    expect(spine.anchors.p48!.side).toBe('bottom');
  });

  test('a server is a container of its own size; collapsed it becomes a compact box', () => {
    const host = makeElement('host', { id: asElementId('h'), name: 'h' }, { width: 900, height: 400 });
    const open = describeElement(host);
    expect(open).toMatchObject({ w: 900, h: 400, container: true });
    const closed = describeElement({ ...host, collapsed: true });
    expect(closed).toMatchObject({ w: KIND_SIZES.collapsedHost.w, h: KIND_SIZES.collapsedHost.h, container: false });
  });

  test('dense port faces shrink their markers so neighbours never overlap', () => {
    const tor = makeElement('tor', { id: asElementId('t'), name: 't' }, { ports: Array.from({ length: 128 }, () => ({ speedGbps: 100, reflectiveRelay: false, evb: false })) });
    const ports = describeElement(tor).shapes.filter((s): s is Extract<Shape, { type: 'port' }> => s.type === 'port').sort((a, b) => a.x - b.x);
    expect(ports).toHaveLength(128);
    // Dense faces alternate between two rows (shapes.ts portsOnSide): neighbours in a row never touch, and markers
    // in different rows never overlap either.
    const apart = (a: (typeof ports)[number], b: (typeof ports)[number]) => a.x + a.size <= b.x || b.x + b.size <= a.x || a.y + a.size <= b.y || b.y + b.size <= a.y;
    for (let i = 0; i < ports.length; i++) for (let j = i + 1; j < ports.length; j++) expect(apart(ports[i]!, ports[j]!)).toBe(true);
  });
});

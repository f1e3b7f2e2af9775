import { describe, expect, test } from 'vitest';
import { makeElement } from '../model/defaults';
import type { Design } from '../model/design';
import { asElementId, asLinkId, asPortName } from '../model/ids';
import type { Link } from '../model/links';
import { applyCommand } from '../history/commands';
import { makeTemplate } from '../templates';
import { describeElement } from './describe';
import { lookOf, sceneOf } from './scene';

const id = asElementId;
const end = (element: string, port: string) => ({ element: id(element), port: asPortName(port) });

/** A server holding a NIC and a VM, a vSwitch between them, and a switch above the server. */
function small(): Design {
  const host = makeElement('host', { id: id('h'), name: 'h', x: 100, y: 200 }, { width: 600, height: 300 });
  const nic = makeElement('nic', { id: id('nic'), name: 'nic', parent: id('h'), x: 16, y: 32 });
  const vs = makeElement('vswitch', { id: id('vs'), name: 'vs', parent: id('h'), x: 16, y: 104 });
  const vm = makeElement('vm', { id: id('vm'), name: 'vm', parent: id('h'), x: 16, y: 176 });
  const tor = makeElement('tor', { id: id('tor'), name: 'tor', x: 100, y: 0 });
  const links: Link[] = [
    { id: asLinkId('up'), kind: 'uplink', a: end('vs', 'up0'), b: end('nic', 'eth0') },
    { id: asLinkId('vn'), kind: 'vnic', a: end('vm', 'vnic0'), b: end('vs', 'pg.vm') },
    { id: asLinkId('cable'), kind: 'ethernet', a: end('nic', 'eth1'), b: end('tor', 'p3'), speedGbps: null, lag: null, fullDuplex: true },
  ];
  return {
    meta: { name: 'small', description: '', revision: 0 },
    elements: Object.fromEntries([host, nic, vs, vm, tor].map((e) => [e.id, e])),
    links: Object.fromEntries(links.map((l) => [l.id, l])),
  };
}

describe('sceneOf', () => {
  test('places contents relative to their server and paints containers first', () => {
    const s = sceneOf(small());
    // The server first (it paints beneath everything), then contents shallow first.
    expect(s.nodes.map((n) => n.id)).toEqual(['h', 'tor', 'nic', 'vs', 'vm']);
    const at = (x: string) => s.nodes[s.nodeIndex.get(x)!]!;
    expect(at('h')).toMatchObject({ x: 100, y: 200, depth: 0 });
    expect(at('vm')).toMatchObject({ x: 116, y: 376, depth: 1 });
    expect(at('tor')).toMatchObject({ x: 100, y: 0, depth: 0 });
    expect(s.nodes[0]!.look.container).toBe(true);
  });

  test('links run from port anchor to port anchor; cables between top-level items paint under servers', () => {
    const d = small();
    const s = sceneOf(d);
    const link = (x: string) => s.links.find((l) => l.id === x)!;
    const nic = s.nodes[s.nodeIndex.get('nic')!]!;
    const tor = s.nodes[s.nodeIndex.get('tor')!]!;
    // A cable from a NIC in a server is drawn in parts (shared/scene/cables.ts): inside the server from the port to
    // its edge, painted above the server, then beneath the servers to the switch port.
    const parts = s.links.filter((l) => l.id === 'cable');
    const a = nic.look.anchors.eth1!;
    const b = tor.look.anchors.p3!;
    expect(parts.map((l) => [l.part, l.under])).toEqual([
      ['inside', false],
      ['outside', true],
    ]);
    expect(parts[0]!.points.slice(0, 2)).toEqual([nic.x + a.x, nic.y + a.y]);
    expect(parts[1]!.points.slice(-2)).toEqual([tor.x + b.x, tor.y + b.y]);
    expect(parts[0]!.points.slice(-2)).toEqual(parts[1]!.points.slice(0, 2));
    expect(link('up').under).toBe(false);
    expect(link('vn')).toMatchObject({ kind: 'vnic', stroke: 'link.virtual', under: false });
  });

  test('a collapsed server hides its contents, drops its inner links and ends cables on its box', () => {
    const d = small();
    const collapsed: Design = { ...d, elements: { ...d.elements, h: { ...d.elements.h!, collapsed: true } as never } };
    const s = sceneOf(collapsed);
    expect(s.nodes.map((n) => n.id).sort()).toEqual(['h', 'tor']);
    expect(s.links.map((l) => l.id)).toEqual(['cable']);
    const h = s.nodes[s.nodeIndex.get('h')!]!;
    expect(s.links[0]!.points.slice(0, 2)).toEqual([h.x + h.look.fallback.x, h.y + h.look.fallback.y]);
  });

  test('bounds cover every node and link', () => {
    const s = sceneOf(makeTemplate('rack', { hosts: 3, vmsPerHost: 4 }));
    const b = s.bounds!;
    for (const n of s.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(b.x);
      expect(n.x + n.w).toBeLessThanOrEqual(b.x + b.w);
      expect(n.y + n.h).toBeLessThanOrEqual(b.y + b.h);
    }
    for (const l of s.links) for (let i = 0; i < l.points.length; i += 2) expect(l.points[i + 1]!).toBeGreaterThanOrEqual(b.y);
    expect(sceneOf({ meta: { name: '', description: '', revision: 0 }, elements: {}, links: {} }).bounds).toBeNull();
  });

  test('every link of a template is drawn, and templates fit their cells without overlapping siblings', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 12 });
    const s = sceneOf(d);
    expect(s.nodes).toHaveLength(Object.keys(d.elements).length);
    expect(new Set(s.links.map((l) => l.id)).size).toBe(Object.keys(d.links).length);
    const contents = s.nodes.filter((n) => n.depth === 1);
    for (let i = 0; i < contents.length; i++) {
      for (let j = i + 1; j < contents.length; j++) {
        const p = contents[i]!;
        const q = contents[j]!;
        const overlap = p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
        expect(overlap, `${p.id} overlaps ${q.id}`).toBe(false);
      }
    }
  });

  test('an edit re-describes only the element it changed', () => {
    const d = makeTemplate('single-host');
    sceneOf(d);
    const next = applyCommand(d, { type: 'updateElement', id: id('r01.h001.vm01'), changes: { name: 'renamed' } }).design;
    const s = sceneOf(next);
    expect(lookOf(next.elements['r01.h001.vm02']!)).toBe(lookOf(d.elements['r01.h001.vm02']!));
    expect(s.nodes[s.nodeIndex.get('r01.h001.vm01')!]!.look).toEqual(describeElement(next.elements['r01.h001.vm01']!));
  });
});

import { describe, expect, test } from 'vitest';
import type { ConnectResult, PortRef } from '../../shared/model/connect';
import { asElementId, asLinkId, asPortName } from '../../shared/model/ids';
import type { Link } from '../../shared/model/links';
import type { PortHit } from '../../shared/scene/port-hit';
import type { ToolPointer } from './select-tool';
import { WireTool, type WirePreview, type WireToolHost } from './wire-tool';

/** Ports: nic/eth0 at (10,10), tor/p0 at (100,10), rc/rp0 at (10,100). Element "nic2" (a NIC body) covers x 200..260. */
function fakeHost() {
  const log: string[] = [];
  const previews: (WirePreview | null)[] = [];
  const ports: PortHit[] = [
    { element: 'nic', port: 'eth0', x: 10, y: 10 },
    { element: 'tor', port: 'p0', x: 100, y: 10 },
    { element: 'rc', port: 'rp0', x: 10, y: 100 },
  ];
  const link = (from: PortRef, to: PortRef): Link => ({
    id: asLinkId('l1'),
    kind: 'ethernet',
    a: { element: asElementId(from.element), port: asPortName(from.port) },
    b: { element: asElementId(to.element), port: asPortName(to.port) },
    speedGbps: null,
    lag: null,
    fullDuplex: true,
  });
  const host: WireToolHost = {
    portAt: (x, y) => ports.find((p) => Math.abs(p.x - x) <= 3 && Math.abs(p.y - y) <= 3) ?? null,
    elementAt: (x) => (x >= 200 && x <= 260 ? 'nic2' : null),
    landing: (_from, target) => (target === 'nic2' ? 'pf0.vf0' : null),
    anchorOf: () => ({ x: 230, y: 0 }),
    toWorld: (x, y) => ({ x: x / 2, y: y / 2 }),
    check: (from, to): ConnectResult => (to.element === 'rc' ? { ok: false, reason: 'a PCIe port connects only to a PCIe port' } : { ok: true, link: link(from, to) }),
    setPreview: (p) => previews.push(p),
    clickElement: (id, add) => log.push(`click ${id}${add ? ' +' : ''}`),
    connect: (l) => log.push(`connect ${l.a.element}.${l.a.port}-${l.b.element}.${l.b.port}`),
    refused: (r) => log.push(`refused ${r}`),
  };
  return { host, log, previews };
}

const at = (x: number, y: number, extra: Partial<ToolPointer> = {}): ToolPointer => ({ pointerId: 1, x, y, button: 0, shift: false, alt: false, ...extra });

describe('WireTool', () => {
  test('a press away from any port is not taken (the select tool gets it)', () => {
    const { host } = fakeHost();
    const t = new WireTool(host);
    expect(t.down(at(50, 50))).toBe(false);
    expect(t.down(at(10, 10, { button: 2 }))).toBe(false);
    expect(t.stateName).toBe('idle');
  });

  test('dragging from a port to a compatible port connects once, showing ok on hover', () => {
    const { host, log, previews } = fakeHost();
    const t = new WireTool(host);
    expect(t.down(at(10, 10))).toBe(true);
    t.move(at(40, 12));
    expect(previews.at(-1)).toMatchObject({ status: 'none', from: { x: 10, y: 10 }, to: { x: 20, y: 6 } });
    t.move(at(101, 11));
    expect(previews.at(-1)).toMatchObject({ status: 'ok', to: { x: 100, y: 10 }, target: { element: 'tor', port: 'p0' }, reason: null });
    t.up(at(101, 11));
    expect(previews.at(-1)).toBeNull();
    expect(log).toEqual(['connect nic.eth0-tor.p0']);
    expect(t.stateName).toBe('idle');
  });

  test('hovering an incompatible port shows the reason; releasing there adds nothing', () => {
    const { host, log, previews } = fakeHost();
    const t = new WireTool(host);
    t.down(at(10, 10));
    t.move(at(10, 99));
    expect(previews.at(-1)).toMatchObject({ status: 'refused', reason: 'a PCIe port connects only to a PCIe port', cursor: { x: 10, y: 99 } });
    t.up(at(10, 99));
    expect(log).toEqual(['refused a PCIe port connects only to a PCIe port']);
  });

  test('released on empty canvas or back on its own port: nothing happens', () => {
    const { host, log } = fakeHost();
    const t = new WireTool(host);
    t.down(at(10, 10));
    t.move(at(60, 60));
    t.up(at(60, 60));
    t.down(at(10, 10));
    t.move(at(30, 30));
    t.up(at(11, 11));
    expect(log).toEqual([]);
  });

  test('a wire dropped on a NIC body lands on the VF the host picks', () => {
    const { host, log, previews } = fakeHost();
    const t = new WireTool(host);
    t.down(at(10, 10));
    t.move(at(230, 40));
    expect(previews.at(-1)).toMatchObject({ status: 'ok', to: { x: 230, y: 0 }, target: { element: 'nic2', port: 'pf0.vf0' } });
    t.up(at(230, 40));
    expect(log).toEqual(['connect nic.eth0-nic2.pf0.vf0']);
  });

  test('Escape cancels the wire; a click on a port without dragging clicks its element', () => {
    const { host, log, previews } = fakeHost();
    const t = new WireTool(host);
    t.down(at(10, 10));
    t.move(at(101, 11));
    t.cancel();
    expect(previews.at(-1)).toBeNull();
    t.up(at(101, 11));
    expect(log).toEqual([]);
    t.down(at(10, 10, { shift: true }));
    t.up(at(11, 10));
    expect(log).toEqual(['click nic +']);
  });

  test('other pointers are ignored mid-gesture', () => {
    const { host, log } = fakeHost();
    const t = new WireTool(host);
    t.down(at(10, 10));
    t.move(at(101, 11, { pointerId: 2 }));
    t.up(at(101, 11, { pointerId: 2 }));
    expect(t.stateName).toBe('pointing');
    expect(log).toEqual([]);
  });
});

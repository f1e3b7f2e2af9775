import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG, findCatalogEntry } from '../catalog';
import { applyCommand, type Command } from '../history/commands';
import { emptyDesign, type Design } from '../model/design';
import type { ElementKind } from '../model/elements';
import { sequentialIds } from '../model/ids';
import { planDrop, snap, type DropItem } from './drop';
import { planMove, selectionRoots, snappedDelta } from './move';
import { sceneOf } from './scene';

const kind = (k: ElementKind): DropItem => ({ type: 'kind', kind: k });

function drop(d: Design, item: DropItem, x: number, y: number, ids = sequentialIds()) {
  const plan = planDrop(d, sceneOf(d), item, { x, y }, ids);
  if (!plan.ok) return { plan, design: d };
  return { plan, design: applyCommand(d, plan.command).design };
}

function run(d: Design, cmds: Command[]): Design {
  return cmds.reduce((acc, c) => applyCommand(acc, c).design, d);
}

/** An empty design with one server (and its root complexes) dropped at (400, 300). */
function withServer(): { design: Design; host: string } {
  const r = drop(emptyDesign(), kind('host'), 400, 300);
  if (!r.plan.ok) throw new Error(r.plan.reason);
  return { design: r.design, host: r.plan.created };
}

const e810 = findCatalogEntry('intel-e810-xxv-2x25g')!;

describe('planDrop', () => {
  test('a server lands centred on the grid with one root complex per socket, in one add command', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    expect(h.kind).toBe('host');
    expect([h.x % 8, h.y % 8]).toEqual([0, 0]);
    const rcs = Object.values(design.elements).filter((e) => e.parent === host);
    expect(rcs.map((e) => [e.kind, e.kind === 'rootComplex' ? e.socket : -1])).toEqual([
      ['rootComplex', 0],
      ['rootComplex', 1],
    ]);
  });

  test('a catalog NIC dropped on a server goes inside it with a PCIe link to a free root port', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const r = drop(design, { type: 'catalog', entry: e810 }, h.x + 100, h.y + 100);
    expect(r.plan.ok).toBe(true);
    if (!r.plan.ok) return;
    const nic = r.design.elements[r.plan.created]!;
    expect(nic).toMatchObject({ kind: 'nic', parent: host, catalogId: e810.id });
    const links = Object.values(r.design.links);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ kind: 'pcie', b: { element: nic.id, port: 'pcie' } });
    // The x8 card takes the narrowest port it trains at full width on (rp3 of the 16/16/16/8/8 complex).
    expect(links[0]!.a.port).toBe('rp3');
    expect(r.plan.linkedTo).toContain('rp3');
  });

  test('a NIC dropped on a PCIe switch plugs into a free downstream port of that switch', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const sw = drop(design, kind('pcieSwitch'), h.x + 100, h.y + 100);
    if (!sw.plan.ok) throw new Error(sw.plan.reason);
    const s = sw.design.elements[sw.plan.created]!;
    expect(Object.values(sw.design.links).map((l) => l.b.port)).toEqual(['up0']);
    const nic = drop(sw.design, kind('nic'), h.x + s.x + 20, h.y + s.y + 20);
    if (!nic.plan.ok) throw new Error(nic.plan.reason);
    const created = nic.plan.created;
    const link = Object.values(nic.design.links).find((l) => l.b.element === created)!;
    expect(link.a).toEqual({ element: s.id, port: 'dp0' });
  });

  test('a VM or virtual switch dropped on a server goes inside it, clamped below the title row', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const r = drop(design, kind('vm'), h.x + 2, h.y + 2);
    if (!r.plan.ok) throw new Error(r.plan.reason);
    const vm = r.design.elements[r.plan.created]!;
    expect(vm).toMatchObject({ parent: host, x: 16, y: 32 });
    expect(Object.keys(r.design.links)).toEqual([]);
  });

  test('impossible drops are refused with one line and change nothing', () => {
    const d = emptyDesign();
    const nic = planDrop(d, sceneOf(d), { type: 'catalog', entry: e810 }, { x: 0, y: 0 }, sequentialIds());
    expect(nic).toEqual({ ok: false, reason: `A ${e810.vendor} ${e810.model} goes inside a server: drop it onto a server` });
    const tor = drop(d, kind('tor'), 0, 0);
    if (!tor.plan.ok) throw new Error(tor.plan.reason);
    const vm = planDrop(tor.design, sceneOf(tor.design), kind('vm'), { x: 0, y: 0 }, sequentialIds(50));
    expect(vm.ok).toBe(false);
    if (!vm.ok) expect(vm.reason).toMatch(/^A VM goes inside a server: drop it onto a server \(not on tor1\)$/);
  });

  test('every palette item can be dropped where it belongs', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const items: DropItem[] = [...BUILTIN_CATALOG.map((entry) => ({ type: 'catalog' as const, entry }))];
    for (const item of items) {
      const hosted = item.type === 'catalog' && (item.entry.kind === 'nic' || item.entry.kind === 'pcieSwitch');
      const at = hosted ? { x: h.x + 60, y: h.y + 200 } : { x: -2000, y: -2000 };
      const plan = planDrop(design, sceneOf(design), item, at, sequentialIds());
      expect(plan.ok, item.type === 'catalog' ? item.entry.id : '').toBe(true);
      if (plan.ok) expect(() => applyCommand(design, plan.command)).not.toThrow();
    }
  });
});

describe('planMove', () => {
  test('moving a server moves only the server (its contents are relative), snapped to the grid', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const roots = selectionRoots(design, [host, ...Object.keys(design.elements)]);
    expect(roots.map((r) => r.id)).toEqual([host]);
    const { dx, dy } = snappedDelta(h, 13, 21, 8);
    expect([dx, dy]).toEqual([16, 24]);
    const plan = planMove(design, sceneOf(design), roots, dx, dy, { x: -5000, y: -5000 }, sequentialIds());
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.commands).toEqual([{ type: 'move', moves: [{ id: host, x: h.x + 16, y: h.y + 24 }] }]);
    expect(snappedDelta(h, 13, 21, null)).toEqual({ dx: 13, dy: 21 });
  });

  test('a NIC dragged onto another server changes server and re-plugs into its root complex', () => {
    const a = withServer();
    const b = drop(a.design, kind('host'), 1400, 300, sequentialIds(100));
    if (!b.plan.ok) throw new Error(b.plan.reason);
    const ha = a.design.elements[a.host]!;
    const n = drop(b.design, { type: 'catalog', entry: e810 }, ha.x + 100, ha.y + 100, sequentialIds(200));
    if (!n.plan.ok) throw new Error(n.plan.reason);
    const d = n.design;
    const nic = d.elements[n.plan.created]!;
    const hb = d.elements[b.plan.created]!;
    const scene = sceneOf(d);
    const dx = hb.x - ha.x;
    const plan = planMove(d, scene, [nic], dx, 0, { x: hb.x + 100, y: hb.y + 100 }, sequentialIds(300));
    if (!plan.ok) throw new Error(plan.reason);
    const after = run(d, plan.commands);
    expect(after.elements[nic.id]!.parent).toBe(hb.id);
    const links = Object.values(after.links).filter((l) => l.b.element === nic.id);
    expect(links).toHaveLength(1);
    expect(after.elements[links[0]!.a.element]!.parent).toBe(hb.id);
    expect(plan.label).toContain('into');
  });

  test('a VM released over empty canvas is refused', () => {
    const { design, host } = withServer();
    const h = design.elements[host]!;
    const r = drop(design, kind('vm'), h.x + 100, h.y + 200);
    if (!r.plan.ok) throw new Error(r.plan.reason);
    const vm = r.design.elements[r.plan.created]!;
    const plan = planMove(r.design, sceneOf(r.design), [vm], 4000, 0, { x: h.x + 4000, y: h.y }, sequentialIds());
    expect(plan).toEqual({ ok: false, reason: `A VM stays inside a server: drop ${vm.name} onto a server` });
  });

  test('snap rounds to the nearest grid line', () => {
    expect([snap(3), snap(4), snap(-5), snap(17)]).toEqual([0, 8, -8, 16]);
  });
});

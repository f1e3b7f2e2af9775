import { describe, expect, test } from 'vitest';
import { applyCommand, type Command } from '../history/commands';
import { History } from '../history/history';
import type { Design } from '../model/design';
import { sequentialIds } from '../model/ids';
import { makeTemplate } from '../templates';
import { allHosts, hidingHosts, hostsOf, planCollapse, shownAs, visibleSelection } from './collapse';
import { describeElement, KIND_SIZES } from './describe';
import { planDrop } from './drop';
import { planMove, selectionRoots } from './move';
import { hotspotAt } from './port-hit';
import { sceneOf } from './scene';
import { SceneIndex } from './spatial';

/** A rack of two servers with two VMs each, and the first server's id and contents. */
function rack() {
  const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const [h1, h2] = allHosts(design);
  const inside = (h: string) => Object.values(design.elements).filter((e) => e.parent === h);
  return { design, h1: h1!, h2: h2!, inside };
}

const run = (d: Design, cmds: Command[]): Design => cmds.reduce((acc, c) => applyCommand(acc, c).design, d);

function collapse(d: Design, ids: string[], collapsed = true): Design {
  const plan = planCollapse(hostsOf(d, ids), collapsed);
  return plan ? run(d, plan.commands) : d;
}

describe('planCollapse', () => {
  test('collapses every named server in one undo step, and undo restores them all', () => {
    const { design, h1, h2 } = rack();
    const history = new History(design);
    const plan = planCollapse([h1, h2], true)!;
    expect(plan.label).toBe('Collapse 2 servers');
    history.execute(plan.commands, plan.label);
    expect(allHosts(history.design).map((h) => h.collapsed)).toEqual([true, true]);
    expect(history.undoLabel()).toBe('Collapse 2 servers');
    history.undo();
    expect(allHosts(history.design).map((h) => h.collapsed)).toEqual([false, false]);
    expect(history.canUndo()).toBe(false);
  });

  test('leaves servers already in the asked state alone, and plans nothing when none changes', () => {
    const { design, h1, h2 } = rack();
    const d = collapse(design, [h1.id]);
    const plan = planCollapse(allHosts(d), true)!;
    expect(plan.hosts.map((h) => h.id)).toEqual([h2.id]);
    expect(plan.label).toBe(`Collapse ${h2.name}`);
    expect(planCollapse(allHosts(collapse(d, [h2.id])), true)).toBeNull();
    expect(planCollapse(allHosts(design), false)).toBeNull();
  });

  test('acts on the selected servers and on the servers holding selected VMs and devices', () => {
    const { design, h1, h2, inside } = rack();
    const vm = inside(h2.id).find((e) => e.kind === 'vm')!;
    expect(hostsOf(design, [h1.id, vm.id, 'no-such-id']).map((h) => h.id)).toEqual([h1.id, h2.id]);
    expect(hostsOf(design, Object.keys(design.elements).filter((id) => design.elements[id]!.kind === 'tor'))).toEqual([]);
  });
});

describe('what a collapsed server hides', () => {
  test('its contents are drawn as the server; expanded again they are where they were', () => {
    const { design, h1, inside } = rack();
    const vm = inside(h1.id).find((e) => e.kind === 'vm')!;
    const d = collapse(design, [h1.id]);
    expect(shownAs(d, vm.id)).toBe(h1.id);
    expect(shownAs(d, h1.id)).toBe(h1.id);
    expect(hidingHosts(d, [vm.id, h1.id]).map((h) => h.id)).toEqual([h1.id]);
    const before = sceneOf(design);
    const after = sceneOf(collapse(d, [h1.id], false));
    expect(after.nodes[after.nodeIndex.get(vm.id)!]).toMatchObject({ x: before.nodes[before.nodeIndex.get(vm.id)!]!.x, y: before.nodes[before.nodeIndex.get(vm.id)!]!.y });
  });

  test('a selection of hidden elements becomes their server; links folded inside it are dropped, cables kept', () => {
    const { design, h1, h2, inside } = rack();
    const vm = inside(h1.id).find((e) => e.kind === 'vm')!;
    const otherVm = inside(h2.id).find((e) => e.kind === 'vm')!;
    const innerLink = Object.values(design.links).find((l) => l.a.element === vm.id || l.b.element === vm.id)!;
    const kids = new Set(inside(h1.id).map((e) => e.id));
    const cable = Object.values(design.links).find((l) => kids.has(l.a.element) !== kids.has(l.b.element))!;
    const d = collapse(design, [h1.id]);
    const sel = { elements: new Set([vm.id, otherVm.id]), links: new Set<string>([innerLink.id, cable.id]) };
    const shown = visibleSelection(sel, d);
    expect([...shown.elements].sort()).toEqual([h1.id, otherVm.id].sort());
    expect([...shown.links]).toEqual([cable.id]);
    // Nothing hidden: the very same object, so a store can tell nothing changed.
    const plain = { elements: new Set([otherVm.id]), links: new Set([cable.id]) };
    expect(visibleSelection(plain, d)).toBe(plain);
  });

  test('moving a collapsed server moves its hidden contents with it', () => {
    const { design, h1, inside } = rack();
    const d = collapse(design, [h1.id]);
    const scene = sceneOf(d);
    const box = scene.nodes[scene.nodeIndex.get(h1.id)!]!;
    const plan = planMove(d, scene, selectionRoots(d, [h1.id]), 800, 40, { x: box.x + 800, y: box.y + 40 }, sequentialIds());
    if (!plan.ok) throw new Error(plan.reason);
    const moved = collapse(run(d, plan.commands), [h1.id], false);
    const a = sceneOf(design);
    const b = sceneOf(moved);
    for (const kid of inside(h1.id)) {
      const n0 = a.nodes[a.nodeIndex.get(kid.id)!]!;
      const n1 = b.nodes[b.nodeIndex.get(kid.id)!]!;
      expect([n1.x - n0.x, n1.y - n0.y], kid.name).toEqual([800, 40]);
    }
  });
});

describe('dropping onto a collapsed server', () => {
  test('a palette drop into it is refused with how to open it; the same drop on the open server works', () => {
    const { design, h1 } = rack();
    const d = collapse(design, [h1.id]);
    const scene = sceneOf(d);
    const box = scene.nodes[scene.nodeIndex.get(h1.id)!]!;
    const at = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    const refused = planDrop(d, scene, { type: 'kind', kind: 'vm' }, at, sequentialIds());
    expect(refused).toEqual({ ok: false, reason: `${h1.name} is collapsed: expand it (double-click its header) to put a VM in it` });
    const open = planDrop(design, sceneOf(design), { type: 'kind', kind: 'vm' }, at, sequentialIds());
    expect(open.ok).toBe(true);
  });

  test('dragging a VM from another server onto it is refused too', () => {
    const { design, h1, h2, inside } = rack();
    const d = collapse(design, [h1.id]);
    const scene = sceneOf(d);
    const vm = inside(h2.id).find((e) => e.kind === 'vm')!;
    const box = scene.nodes[scene.nodeIndex.get(h1.id)!]!;
    const from = scene.nodes[scene.nodeIndex.get(vm.id)!]!;
    const plan = planMove(d, scene, [vm], box.x - from.x + 8, box.y - from.y + 8, { x: box.x + 20, y: box.y + 20 }, sequentialIds());
    expect(plan).toEqual({ ok: false, reason: `${h1.name} is collapsed: expand it (double-click its header) to move ${vm.name} into it` });
  });
});

describe('the chevron and the header', () => {
  test('a server draws a chevron in its header: down while open, right while collapsed', () => {
    const { h1 } = rack();
    const open = describeElement(h1);
    const closed = describeElement({ ...h1, collapsed: true });
    const chevronOf = (l: typeof open) => l.shapes.find((s) => s.type === 'line' && s.points.length === 6) as { points: number[] };
    const [ax, ay, bx, by] = chevronOf(open).points;
    expect([bx! > ax!, by! > ay!]).toEqual([true, true]);
    const [cx, cy, dx, dy] = chevronOf(closed).points;
    expect([dx! > cx!, dy! > cy!]).toEqual([true, true]);
    expect(chevronOf(closed).points[5]! > cy!).toBe(true);
    expect(closed.hotspots!.find((h) => h.role === 'header')).toEqual({ role: 'header', x: 0, y: 0, w: KIND_SIZES.collapsedHost.w, h: KIND_SIZES.collapsedHost.h });
  });

  test('hotspotAt finds the chevron and the header row where they are drawn, and not under a device', () => {
    const { design, h1, inside } = rack();
    const index = new SceneIndex(sceneOf(design));
    const box = index.scene.nodes[index.scene.nodeIndex.get(h1.id)!]!;
    const toggle = box.look.hotspots!.find((h) => h.role === 'collapseToggle')!;
    const cx = box.x + toggle.x + toggle.w / 2;
    const cy = box.y + toggle.y + toggle.h / 2;
    expect(hotspotAt(index, cx, cy, 'collapseToggle')).toEqual({ element: h1.id, role: 'collapseToggle' });
    expect(hotspotAt(index, box.x + box.w / 2, box.y + 10, 'collapseToggle')).toBeNull();
    expect(hotspotAt(index, box.x + box.w / 2, box.y + 10, 'header')).toEqual({ element: h1.id, role: 'header' });
    expect(hotspotAt(index, box.x + box.w / 2, box.y + box.h - 4, 'header')).toBeNull();
    const vm = index.scene.nodes[index.scene.nodeIndex.get(inside(h1.id).find((e) => e.kind === 'vm')!.id)!]!;
    expect(hotspotAt(index, vm.x + 4, vm.y + 4, 'header')).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import { applyCommand } from '../history/commands';
import { canConnect } from '../model/connect';
import { makeElement } from '../model/defaults';
import { checkIntegrity, emptyDesign, type Design } from '../model/design';
import type { Element } from '../model/elements';
import { asElementId as E, sequentialIds } from '../model/ids';
import { copySelection, pasteHost, planPaste, PASTE_OFFSET } from './clipboard';

/** Two servers; h1 holds a NIC (PCIe-linked to its root complex) and a VM on a vSwitch; h1's NIC is cabled to a ToR. */
function design(): Design {
  const els: Element[] = [
    makeElement('host', { id: E('h1'), name: 'server1', x: 0, y: 200 }),
    makeElement('host', { id: E('h2'), name: 'server2', x: 800, y: 200 }),
    makeElement('rootComplex', { id: E('rc'), name: 'rc0', parent: E('h1'), x: 16, y: 40 }),
    makeElement('nic', { id: E('nic'), name: 'nic0', parent: E('h1'), x: 200, y: 40 }),
    makeElement('vswitch', { id: E('vs'), name: 'vs0', parent: E('h1'), x: 200, y: 120 }),
    makeElement('vm', { id: E('vm'), name: 'web1', parent: E('h1'), x: 200, y: 200 }, { vnics: [{ id: 'vnic0', mac: '02:00:00:00:00:01', vlan: null, team: null }] }),
    makeElement('tor', { id: E('tor'), name: 'tor1', x: 0, y: 0 }),
  ];
  let d = applyCommand(emptyDesign(), { type: 'add', elements: els, links: [] }).design;
  const ids = sequentialIds();
  for (const [a, b] of [
    [{ element: 'rc', port: 'rp0' }, { element: 'nic', port: 'pcie' }],
    [{ element: 'vs', port: 'up0' }, { element: 'nic', port: 'eth0' }],
    [{ element: 'vm', port: 'vnic0' }, { element: 'vs', port: 'pg.vm' }],
    [{ element: 'nic', port: 'eth0' }, { element: 'tor', port: 'p0' }],
  ] as const) {
    const r = canConnect(d, a, b, ids);
    if (!r.ok) throw new Error(r.reason);
    d = applyCommand(d, { type: 'add', elements: [], links: [r.link] }).design;
  }
  return d;
}

const apply = (d: Design, plan: ReturnType<typeof planPaste>): Design => {
  if (!plan.ok) throw new Error(plan.reason);
  return applyCommand(d, plan.command).design;
};

describe('copySelection', () => {
  test('a server brings its contents and internal links, not its cable to the switch', () => {
    const d = design();
    const clip = copySelection(d, ['h1'])!;
    expect(clip.roots).toEqual(['h1']);
    expect(clip.elements.map((e) => e.id).sort()).toEqual(['h1', 'nic', 'rc', 'vm', 'vs']);
    expect(clip.links.map((l) => l.kind).sort()).toEqual(['pcie', 'uplink', 'vnic']);
  });
  test('an element inside a selected server is not copied twice; nothing selected copies nothing', () => {
    const d = design();
    expect(copySelection(d, ['vm', 'h1'])!.roots).toEqual(['h1']);
    expect(copySelection(d, [])).toBeNull();
    expect(copySelection(d, ['missing'])).toBeNull();
  });
});

describe('planPaste', () => {
  test('duplicating a server copies contents and internal links with new ids, offset, one command', () => {
    const d = design();
    const plan = planPaste(d, copySelection(d, ['h1'])!, { host: null, inPlace: true }, sequentialIds());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.command.type).toBe('add');
    const after = apply(d, plan);
    expect(checkIntegrity(after)).toEqual([]);
    expect(Object.keys(after.elements)).toHaveLength(Object.keys(d.elements).length + 5);
    expect(Object.keys(after.links)).toHaveLength(Object.keys(d.links).length + 3);
    const copy = after.elements[plan.roots[0]!]!;
    expect(copy).toMatchObject({ kind: 'host', x: PASTE_OFFSET, y: 200 + PASTE_OFFSET, name: 'server1 copy', parent: null });
    // Contents keep their place inside the copy, under new ids.
    const inside = Object.values(after.elements).filter((e) => e.parent === copy.id);
    // Devices keep their names (every server has its nic0); the VM is renamed, VM names being design-wide.
    expect(inside.map((e) => e.name).sort()).toEqual(['nic0', 'rc0', 'vs0', 'web1 copy']);
    expect(inside.every((e) => !(e.id in d.elements))).toBe(true);
    expect(inside.find((e) => e.name === 'nic0')).toMatchObject({ x: 200, y: 40 });
    // Every new link joins two new elements.
    const newLinks = Object.values(after.links).filter((l) => !(l.id in d.links));
    expect(newLinks.every((l) => !(l.a.element in d.elements) && !(l.b.element in d.elements))).toBe(true);
    // The copied VM's MAC is cleared so two interfaces never share one.
    const vm = inside.find((e) => e.kind === 'vm')!;
    expect(vm.kind === 'vm' && vm.vnics[0]!.mac).toBeNull();
  });

  test('a VM pasted into another server keeps its place there, without its links, under a name no other VM has', () => {
    const d = design();
    const plan = planPaste(d, copySelection(d, ['vm'])!, { host: 'h2' }, sequentialIds());
    const after = apply(d, plan);
    const copy = after.elements[plan.ok ? plan.roots[0]! : '']!;
    // VM names are one namespace across the design (issue #14 item 8), as in vCenter: web1 still runs on h1.
    expect(copy).toMatchObject({ kind: 'vm', parent: 'h2', name: 'web1 copy', x: 200, y: 200 });
    expect(Object.keys(after.links)).toHaveLength(Object.keys(d.links).length);
    // Cut and paste (the original gone) keeps the name.
    const clip = copySelection(d, ['vm'])!;
    const cut = applyCommand(d, { type: 'remove', elements: [E('vm')], links: [] }).design;
    const moved = planPaste(cut, clip, { host: 'h2' }, sequentialIds());
    expect(apply(cut, moved).elements[moved.ok ? moved.roots[0]! : '']).toMatchObject({ parent: 'h2', name: 'web1' });
  });

  test('pasting a VM needs a server; repeated pastes cascade and get distinct names', () => {
    const d = design();
    const clip = copySelection(d, ['vm'])!;
    expect(planPaste(d, clip, { host: null }, sequentialIds())).toEqual({ ok: false, reason: 'select a server to paste the VM into' });
    expect(planPaste(d, clip, { host: 'tor' }, sequentialIds())).toEqual({ ok: false, reason: 'a VM can only be pasted into a server, not into an ethernet switch' });
    const once = apply(d, planPaste(d, clip, { host: 'h1' }, sequentialIds()));
    const twice = apply(once, planPaste(once, clip, { host: 'h1' }, sequentialIds(100), 2));
    const names = Object.values(twice.elements).filter((e) => e.kind === 'vm').map((e) => [e.name, e.x]);
    expect(names).toEqual([
      ['web1', 200],
      ['web1 copy', 200 + PASTE_OFFSET],
      ['web1 copy 2', 200 + 2 * PASTE_OFFSET],
    ]);
  });

  test('fresh ids never collide with existing ones', () => {
    const d = design();
    // An id source that first offers ids already in use.
    let n = 0;
    const offered = ['h1', 'h2', 'vm'];
    const ids = { next: (p: string) => offered[n++] ?? `${p}-x${n}` };
    const plan = planPaste(d, copySelection(d, ['vm'])!, { host: 'h2' }, ids);
    expect(plan.ok && plan.roots[0]).toBe('vm-x4');
  });
});

describe('pasteHost', () => {
  test('a selected server, or the server of a selected element', () => {
    const d = design();
    expect(pasteHost(d, ['h2'])).toBe('h2');
    expect(pasteHost(d, ['vm'])).toBe('h1');
    expect(pasteHost(d, ['tor'])).toBeNull();
    expect(pasteHost(d, [])).toBeNull();
  });
});

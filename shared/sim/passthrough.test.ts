// Issue #12 item 3: a VM given a whole NIC physical function sends through that function's port; a VM given a whole
// GPU cannot live-migrate. Expected rates are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { applyCommand, type Command } from '../history/commands';
import { makeElement } from '../model/defaults';
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import type { Link } from '../model/links';
import type { FlowSpec } from './paths';
import { simulate, type Scenario } from './simulate';

const H = 'r01.h001';
const NIC = `${H}.nic0`;
const run = (d: Design, cmds: Command[]) => cmds.reduce((x, c) => applyCommand(x, c).design, d);
const scenario = (flows: FlowSpec[], migrations: Scenario['migrations'] = []): Scenario => ({ name: 't', flows, migrations, maxPayload: 256, downtimeLimitSec: 0.3 });
const flow = (src: string, dst: string): FlowSpec => ({ id: `${src}->${dst}`, src: { vm: src }, dst: { vm: dst }, demandGbps: null });
const link = (l: object) => l as unknown as Link;

/**
 * single-host with vm01's vnic0 moved off the vSwitch onto NIC physical function 1, passed through whole; the vSwitch
 * gives up its uplink on eth1 (the host cannot drive a function it gave away: PCI-007).
 */
function wholePf(): Design {
  const d = makeTemplate('single-host');
  const vm = d.elements[`${H}.vm01`] as ElementOf<'vm'>;
  const up1 = Object.values(d.links).find((l) => l.kind === 'uplink' && l.b.element === NIC && l.b.port === 'eth1')!;
  return run(d, [
    { type: 'remove', elements: [], links: [`${H}.vm01.vnic0` as never, up1.id] },
    // The guest tags its VLAN itself (no hypervisor switch in the path): keep it on VLAN 110 like vm03.
    { type: 'updateElement', id: vm.id, changes: { vnics: [{ id: 'vnic0', mac: null, vlan: 110, team: null }] } },
    { type: 'add', elements: [], links: [link({ id: 'pt', kind: 'passthrough', a: { element: vm.id, port: 'vnic0' }, b: { element: NIC, port: 'pf1' } })] },
  ]);
}

describe('passthrough of a whole NIC physical function', () => {
  it('sends vm01 → vm03 (same VLAN, vm03 on the vSwitch) out of the function’s own port and back through the ToR', () => {
    const d = wholePf();
    expect(Object.values(d.links).some((l) => l.kind === 'passthrough')).toBe(true);
    const r = simulate(d, scenario([flow(`${H}.vm01`, `${H}.vm03`)])).flows[0]!;
    // Before: the vNIC was on the vSwitch with vm03, a local copy at 30 Gb/s. Now the VM drives PF 1 itself, so
    // nothing in the host bridges it to the vSwitch: down PCIe, out eth1 to the ToR, back on a vSwitch uplink, up PCIe.
    expect(r.mode).not.toBe('vswitch-local');
    expect(r.path[0]).toBe(`pcie:${NIC}.pcie:down`);
    expect(r.path[1]).toBe(`eth:${NIC}.eth1:ab`);
    expect(r.path.at(-1)).toBe(`pcie:${NIC}.pcie:up`);
    expect(r.pcieCrossings).toBe(2);
    // min(25 Gb/s port, 115.2 Gb/s Gen4 x8 after TLP overhead) = 25 Gb/s.
    expect(r.rate).toBeCloseTo(25, 9);
  });
});

describe('passthrough of a whole GPU', () => {
  it('keeps the VM from live-migrating, saying why', () => {
    const d0 = makeTemplate('rack', { hosts: 2, vmsPerHost: 1 });
    const host = Object.values(d0.elements).find((e) => e.kind === 'host')!;
    const vm = Object.values(d0.elements).find((e): e is ElementOf<'vm'> => e.kind === 'vm' && e.parent === host.id)!;
    const other = Object.values(d0.elements).find((e) => e.kind === 'host' && e.id !== host.id)!;
    const gpu = makeElement('endpoint', { id: 'gpu' as never, name: 'gpu0', parent: host.id }, { deviceClass: 'gpu' });
    const d = run(d0, [{ type: 'add', elements: [gpu], links: [link({ id: 'pt', kind: 'passthrough', a: { element: vm.id, port: 'pci.hostdev' }, b: { element: 'gpu', port: 'dev' } })] }]);
    const r = simulate(d, scenario([], [{ vm: vm.id, to: other.id }])).migrations[0]!;
    expect(r.dropped).toBe(`does not start: VM ${vm.name} holds gpu0 passed through whole, which cannot move with a live migration (IOV-003)`);
    // Without the GPU it moves.
    expect(simulate(d0, scenario([], [{ vm: vm.id, to: other.id }])).migrations[0]!.dropped ?? null).toBeNull();
  });
});

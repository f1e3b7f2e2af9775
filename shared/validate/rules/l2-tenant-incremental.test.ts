/**
 * L2-005 keeps its combine across passes (each host's tenant VMs by shared VLAN or S-channel) and redoes only the keys
 * of the hosts whose facts changed; the combine is dropped and rebuilt when the layer-2 domains, the S-channels or a
 * NIC name change. Each sequence below reaches one of those paths; after each edit the incremental result must equal
 * a validation from scratch.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, type Command } from '../../history/commands';
import type { Design } from '../../model/design';
import type { ElementOf } from '../../model/elements';
import { asLinkId, asPortName } from '../../model/ids';
import { makeTemplate } from '../../templates';
import { validateDesign } from '../engine';
import { expectIncrementalMatches } from '../incremental.test-support';
import { L2_005 } from './l2-tenant';

const set = (id: string, changes: Record<string, unknown>): Command => ({ type: 'updateElement', id: id as never, changes });
const vm = (d: Design, id: string) => d.elements[id as never] as ElementOf<'vm'>;

describe('L2-005 incrementally', () => {
  // Three hosts of one rack, two VMs each: every host's vm02 sits on the port group that carries VLAN 120.
  const base = makeTemplate('fabric', { hosts: 3, vmsPerHost: 2 });

  it('keeps a finding when an S-channel added after the tenants rebuilds the combine', () => {
    const steps: ((d: Design) => Command)[] = [
      () => set('r01.h001.vm02', { tenant: 'blue' }),
      () => set('r01.h002.vm02', { tenant: 'red' }),
      // The S-channel touches a NIC (the combine is dropped) without changing any host's tenant facts.
      () => ({
        type: 'add',
        elements: [],
        links: [{ id: asLinkId('s1'), kind: 'sChannel', a: { element: 'r01.h001.vs0' as never, port: asPortName('up0') }, b: { element: 'r01.h001.nic0' as never, port: asPortName('eth0') }, svid: 10, mode: 'vepa' }],
      }),
    ];
    expectIncrementalMatches(base, [L2_005], steps, (d, step) => step(d));
    // The case is live: the two tenants share VLAN 120 at the end.
    let d = base;
    for (const step of steps) d = applyCommand(d, step(d)).design;
    expect(validateDesign(d, [L2_005]).diagnostics.map((x) => x.message)).toEqual([
      'VLAN 120 is shared by tenants blue (r01-h001-vm02) and red (r01-h002-vm02); give each tenant its own VLANs and S-channels.',
    ]);
  });

  it('names a renamed VM, and drops and brings back a finding as tenants and VLANs change on one host', () => {
    const steps: ((d: Design) => Command)[] = [
      () => set('r01.h001.vm02', { tenant: 'blue' }),
      () => set('r01.h002.vm02', { tenant: 'red' }),
      () => set('r01.h002.vm02', { name: 'billing' }),
      () => set('r01.h003.vm02', { tenant: 'green' }),
      (d) => set('r01.h002.vm02', { vnics: vm(d, 'r01.h002.vm02').vnics.map((n, i) => (i === 0 ? { ...n, vlan: 300 } : n)) }),
      () => set('r01.h003.vm02', { tenant: null }),
      (d) => set('r01.h002.vm02', { vnics: vm(d, 'r01.h002.vm02').vnics.map((n, i) => (i === 0 ? { ...n, vlan: null } : n)) }),
      () => set('r01.h001.vm02', { vcpus: 8 }),
      () => ({ type: 'remove', elements: ['r01.h001.vm02' as never], links: [] }),
    ];
    expectIncrementalMatches(base, [L2_005], steps, (d, step) => step(d));
  });
});

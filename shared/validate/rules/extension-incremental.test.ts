/**
 * BR-001 and VNT-001 declare the fields they read of switches, virtual switches and NICs (VIF_READS), so that a port
 * setting or a NIC's VF count elsewhere does not recount every VIF of a 10,000-host fabric. Each edit below changes a
 * field they read, or one they skip, on designs where their findings are live (an 802.1BR adapter over its VIF budget,
 * a bridge past the 4,096 VN-Tag SVIF ids, an extender on a switch that is not a controlling bridge); after each, the
 * incremental result must equal a validation from scratch.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../history/commands';
import type { Design } from '../../model/design';
import type { KindProps } from '../../model/defaults';
import type { ElementOf } from '../../model/elements';
import { validateDesign } from '../engine';
import { expectIncrementalMatches } from '../incremental.test-support';
import { TestDesign, torPorts } from '../test-support';
import { EXTENSION_RULES } from './extension';

type CbRef = KindProps<'fex'>['controllingBridge'];

/** Controlling bridge t1 with 16 extenders of 256 host ports (4,096 VIFs) and host h1's VN-Tag vSwitch on NIC port eth0. */
function design(): Design {
  const t = new TestDesign().tor('t1', { controllingBridge: true, ports: torPorts(20) });
  for (let i = 0; i < 16; i++) {
    t.add('fex', `f${i}`, { hostPorts: 256, controllingBridge: 't1' as CbRef });
    t.eth(`f${i}.u0`, [`f${i}`, 'u0'], ['t1', `p${i}`]);
  }
  t.tor('t2', { ports: torPorts(4) });
  t.add('fex', 'fx', { controllingBridge: 't2' as CbRef });
  t.eth('fx.u0', ['fx', 'u0'], ['t2', 'p0']);
  return t.host('h1', { vms: 3, vswitch: { evbMode: 'vntag' }, nic: { portExtension: '802.1br', vifBudget: 2 }, cables: { eth0: ['t1', 'p16'] } }).design();
}

const of = <K extends ElementOf<'tor'>['kind'] | 'vswitch' | 'nic'>(d: Design, kind: K) => Object.values(d.elements).find((e) => e.kind === kind && (kind !== 'tor' || e.id === 't1'))!;
const set = (id: string, changes: Record<string, unknown>): Command => ({ type: 'updateElement', id: id as never, changes });

describe('BR-001 / VNT-001 with the fields they read', () => {
  it('match a validation from scratch after edits to fields they read and fields they skip', () => {
    // Findings to keep or drop from the start (BR-001): fx's bridge t2 is no controlling bridge; the 802.1BR adapter
    // carries 3 VIFs (3 VMs) over its budget of 2; t1 numbers 16 × 256 = 4,096 extender ports, past the 4,095 of the
    // 12-bit E-CID base (IEEE 802.1BR-2012 §7.5). VNT-001 joins once the adapter tags VN-Tag (4,096 + 3 > 4,096 SVIFs).
    const first = validateDesign(design(), EXTENSION_RULES).diagnostics.map((d) => d.rule);
    expect(first.filter((r) => r === 'BR-001')).toHaveLength(3);
    const steps: ((d: Design) => Command)[] = [
      () => set('t2', { controllingBridge: true }),
      (d) => set(of(d, 'nic').id, { vifBudget: 5 }),
      (d) => set(of(d, 'nic').id, { portExtension: 'vntag' }),
      (d) => set(of(d, 'nic').id, { name: 'renamed adapter' }),
      (d) => set(of(d, 'vswitch').id, { name: 'pe-switch' }),
      (d) => {
        const t1 = of(d, 'tor') as ElementOf<'tor'>;
        return set(t1.id, { ports: t1.ports.map((p, i) => (i === 3 ? { ...p, reflectiveRelay: !p.reflectiveRelay } : p)) });
      },
      (d) => {
        const nic = of(d, 'nic') as ElementOf<'nic'>;
        return set(nic.id, { physicalFunctions: nic.physicalFunctions.map((pf, i) => (i === 0 ? { ...pf, enabledVfs: pf.enabledVfs ? 0 : 2 } : pf)) });
      },
      (d) => set(of(d, 'vswitch').id, { evbMode: 'veb' }),
      (d) => set(of(d, 'vswitch').id, { evbMode: 'vntag' }),
      () => set('t1', { controllingBridge: false }),
      () => set('t1', { name: 'bridge one' }),
      () => set('t2', { lags: [{ id: 'lag1', name: 'lag1', lacp: true, mlagPeer: 't1' }] }),
    ];
    expectIncrementalMatches(design(), EXTENSION_RULES, steps, (d, step) => step(d), { skipRefused: false });
  });
});

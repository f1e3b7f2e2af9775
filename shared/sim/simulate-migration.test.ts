// Migrations inside a whole simulation: local-disk copies, the edge update, and the scenario's parameters.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { MIGRATION_SCENARIO_DEFAULTS, simulate, type Scenario } from './simulate';

const H1 = 'r01.h001';
const H2 = 'r01.h002';
const VM = `${H1}.vm02`;
const GiB = 1024 ** 3;
const scenario = (extra: Partial<Scenario> = {}): Scenario => ({ name: 't', flows: [], migrations: [{ vm: VM, to: H2 }], maxPayload: 256, downtimeLimitSec: 0.3, ...extra });

/** The design with some fields of one element replaced (designs are immutable). */
function withProps(d: Design, id: string, props: Record<string, unknown>): Design {
  return { ...d, elements: { ...d.elements, [id]: { ...d.elements[id]!, ...props } as Element } };
}
const rack = () => makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });

describe('simulate: migrations', () => {
  it('moves no disk off a host on shared storage', () => {
    const m = simulate(rack(), scenario()).migrations[0]!;
    expect(m.result).toMatchObject({ storageBytes: 0, storageSeconds: 0, storageRounds: [] });
  });

  it('copies the disk first when the source host keeps it locally, at the migration path rate', () => {
    const shared = simulate(rack(), scenario()).migrations[0]!;
    const d = withProps(withProps(rack(), H1, { storage: 'local' }), VM, { diskGiB: 100 });
    const m = simulate(d, scenario()).migrations[0]!;
    const r = m.result!;
    expect(r.storageConverged).toBe(true);
    expect(r.storageRounds![0]!.sentBytes).toBe(100 * GiB);
    expect(r.storageBytes).toBeGreaterThan(100 * GiB);
    expect(r.storageSeconds).toBeCloseTo(r.storageBytes! / ((m.rateGbps * 1e9) / 8), 9);
    expect(r.totalSeconds).toBeGreaterThan(shared.result!.totalSeconds + r.storageSeconds! * 0.99);
  });

  it('uses the scenario disk write rate: faster writes, more dirty blocks to resend', () => {
    const d = withProps(withProps(rack(), H1, { storage: 'local' }), VM, { diskGiB: 100 });
    const slow = simulate(d, scenario({ diskWriteGbps: 0.1 })).migrations[0]!.result!;
    const fast = simulate(d, scenario({ diskWriteGbps: 4 })).migrations[0]!.result!;
    expect(fast.storageBytes!).toBeGreaterThan(slow.storageBytes!);
  });

  it('ends with the edge update: RARP on a VEB edge (not downtime), VDP associate on VEPA (downtime)', () => {
    const veb = simulate(rack(), scenario()).migrations[0]!;
    expect(veb.edgeUpdate).toBe('rarp');
    expect(veb.result).toMatchObject({ networkUpdateSeconds: MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec, networkUpdateInDowntime: false });
    const vsId = Object.values(rack().elements).find((e) => e.kind === 'vswitch' && e.parent === H1)!.id;
    const vepa = simulate(withProps(rack(), vsId, { evbMode: 'vepa' }), scenario({ networkUpdateSec: 0.05 })).migrations[0]!;
    expect(vepa.edgeUpdate).toBe('vdp-associate');
    expect(vepa.result).toMatchObject({ networkUpdateSeconds: 0.05, networkUpdateInDowntime: true });
    const last = vepa.result!.rounds.at(-1)!;
    expect(vepa.result!.downtimeSeconds).toBeCloseTo(last.seconds + 0.05, 12);
  });

  /** Both hosts' members of vds-r01 in VEPA on EVB ports; the VM's vnic0 has VSI 11/1193047/2; ToR B holds `torB`. */
  function vsiRack(torB: { managerId: number; typeId: number; typeVersion: number }[]): Design {
    const t = { managerId: 11, typeId: 1193047, typeVersion: 2 };
    let d = rack();
    for (const h of [H1, H2]) d = withProps(d, `${h}.vs0`, { evbMode: 'vepa' });
    for (const [tor, types] of [['r01.tor-a', [t]], ['r01.tor-b', torB]] as const) {
      const el = d.elements[tor] as Extract<Element, { kind: 'tor' }>;
      d = withProps(d, tor, { vsiTypes: types, ports: el.ports.map((p) => ({ ...p, evb: true, reflectiveRelay: true })) });
    }
    return withProps(d, VM, { vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null, vsi: { ...t, instanceId: null } }] });
  }

  it('associates a VSI pre-associated at the destination in the scenario edge update alone', () => {
    const m = simulate(vsiRack([{ managerId: 11, typeId: 1193047, typeVersion: 2 }]), scenario({ networkUpdateSec: 0.05 })).migrations[0]!;
    expect(m.result).toMatchObject({ networkUpdateSeconds: 0.05, networkUpdateInDowntime: true, vsiPreassociated: true });
    expect(m.notes).toBeUndefined();
    expect(m.result!.downtimeSeconds).toBeCloseTo(m.result!.rounds.at(-1)!.seconds + 0.05, 12);
  });

  it('adds the VDP resource wait when a destination bridge cannot pre-associate the VSI, and says so', () => {
    const m = simulate(vsiRack([]), scenario({ networkUpdateSec: 0.05 })).migrations[0]!;
    // 0.05 s + 10 µs × 2^20 = 10.53576 s, by hand.
    expect(m.result).toMatchObject({ networkUpdateInDowntime: true, vsiPreassociated: false });
    expect(m.result!.networkUpdateSeconds).toBeCloseTo(10.53576, 12);
    expect(m.result!.downtimeSeconds).toBeCloseTo(m.result!.rounds.at(-1)!.seconds + 10.53576, 9);
    expect(m.notes).toEqual([expect.stringMatching(/^VSI 11\/1193047\/2 of vnic0 is not pre-associated at .*tor-b.* \(rule EVB-003\).* 10\.49 s\.$/i)]);
  });
});

/** Two hosts whose vSwitches keep one uplink (eth0, to ToR a) on 10 Gb/s NICs: every stream between them shares it. */
function oneTenGigLink(): Design {
  let d = rack();
  for (const h of [H1, H2]) {
    const links = { ...d.links };
    delete links[`${h}.vs0.up1`];
    d = withProps({ ...d, links }, `${h}.nic0`, { speedGbps: 10 });
  }
  return d;
}

describe('simulate: migrations compete with traffic, event by event (DOMAIN.md §4)', () => {
  it('shares a 10 Gb/s link max-min with an elastic flow (5 + 5), then gives the flow all 10 when the migration ends', () => {
    // VM vm02: 16 GiB, dirty 1 Gb/s; at 5 Gb/s λ = 0.2 and the QEMU threshold is 625e6 B/s × 0.3 s = 187.5e6 B.
    // Rounds: M, 0.2M, 0.04M = 687e6 B (≥ threshold), 0.008M = 137e6 B < threshold → stop-and-copy.
    // Stream: 1.248 × 17,179,869,184 B = 21,440,476,742 B at 625e6 B/s = 34.3048 s; downtime 0.008M / 625e6 = 0.2199 s.
    const flow = { id: 'bg', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null };
    const r = simulate(oneTenGigLink(), scenario({ flows: [flow], migrationPolicy: 'qemu', networkUpdateSec: 0 }));
    const m = r.migrations[0]!;
    const T = (1.248 * 16 * GiB) / 625e6;
    expect(m.dropped).toBeNull();
    expect(m.policy).toBe('qemu');
    expect(m.rateSteps).toEqual([{ t: 0, gbps: 5 }, { t: expect.closeTo(T, 6), gbps: 0 }]);
    expect(m.rateGbps).toBeCloseTo(5, 9);
    expect(m.result!.rounds).toHaveLength(4);
    expect(m.result!.totalSeconds).toBeCloseTo(T, 6);
    expect(m.result!.downtimeSeconds).toBeCloseTo((0.008 * 16 * GiB) / 625e6, 9);
    const f = r.flows[0]!;
    expect(f.rate).toBeCloseTo(5, 9); // while the migration runs
    expect(f.rateSteps).toEqual([{ t: 0, gbps: expect.closeTo(5, 9) }, { t: expect.closeTo(T, 6), gbps: expect.closeTo(10, 9) }]);
    // The shared link is full in both phases: its peak load is its capacity.
    const eth = r.resources.find((x) => x.id === m.bottleneck)!;
    expect(eth).toMatchObject({ capacity: 10, load: expect.closeTo(10, 9), utilisation: expect.closeTo(1, 9) });
    expect(r.durationSeconds).toBeCloseTo(T, 6);
  });

  it("speeds up an evacuation's second migration when the first ends", () => {
    // Both VMs of H1 to H2 over the one 10 Gb/s link, guests idle (D = 0: round 0, then an empty stop-and-copy).
    // vm01 (8 GiB) and vm02 (16 GiB) get 5 Gb/s each; vm01 ends at 8 GiB / 625e6 B/s = 13.744 s, when vm02 has
    // sent 8 GiB; its other 8 GiB go at 10 Gb/s: 8 GiB / 1.25e9 B/s = 6.872 s, ending at 20.616 s
    // (it would take 16 GiB / 625e6 = 27.49 s at a constant 5 Gb/s). Average 16 GiB × 8 / 20.616 s = 6.667 Gb/s.
    let d = withProps(oneTenGigLink(), `${H1}.vm01`, { memoryGiB: 8, dirtyRateGbps: 0 });
    d = withProps(d, VM, { dirtyRateGbps: 0 });
    const r = simulate(d, scenario({ migrations: [{ vm: `${H1}.vm01`, to: H2 }, { vm: VM, to: H2 }], migrationPolicy: 'qemu', networkUpdateSec: 0 }));
    const [a, b] = r.migrations;
    const t1 = (8 * GiB) / 625e6;
    const t2 = t1 + (8 * GiB) / 1.25e9;
    expect(a!.result!.totalSeconds).toBeCloseTo(t1, 6);
    expect(b!.rateSteps).toEqual([{ t: 0, gbps: 5 }, { t: expect.closeTo(t1, 6), gbps: 10 }, { t: expect.closeTo(t2, 6), gbps: 0 }]);
    expect(b!.result!.totalSeconds).toBeCloseTo(t2, 6);
    expect(b!.rateGbps).toBeCloseTo(20 / 3, 6);
  });

  it('caps a stream at the migration bandwidth limit: QEMU’s own 128 MiB/s default, when set', () => {
    // 128 MiB/s = 134,217,728 B/s = 1.0737 Gb/s; the flow takes the rest of the 10 Gb/s link (8.926 Gb/s).
    const flow = { id: 'bg', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null };
    const r = simulate(oneTenGigLink(), scenario({ flows: [flow], migrationPolicy: 'qemu', migrationBandwidthGbps: (128 * 2 ** 20 * 8) / 1e9 }));
    const m = r.migrations[0]!;
    expect(m.bandwidthLimitGbps).toBeCloseTo(1.073741824, 12);
    expect(m.bottleneck).toBe('bandwidth-limit');
    expect(m.rateSteps![0]!.gbps).toBeCloseTo(1.073741824, 9);
    expect(r.flows[0]!.rate).toBeCloseTo(10 - 1.073741824, 9);
  });

  it('takes the policy from the source host’s hypervisor unless the scenario or the migration overrides it', () => {
    expect(simulate(rack(), scenario()).migrations[0]!.policy).toBe('vsphere'); // the rack's hosts run ESXi
    expect(simulate(withProps(rack(), H1, { hypervisor: 'kvm' }), scenario()).migrations[0]!.policy).toBe('qemu');
    expect(simulate(rack(), scenario({ migrationPolicy: 'xen-legacy' })).migrations[0]!.policy).toBe('xen-legacy');
    expect(simulate(rack(), scenario({ migrationPolicy: 'xen-legacy', migrations: [{ vm: VM, to: H2, policy: 'xen' }] })).migrations[0]!.policy).toBe('xen');
  });

  it('reports a migration QEMU never finishes as "does not finish", with no figures', () => {
    // 30 Gb/s of dirtying on a 10 Gb/s link (λ ≥ 1), no auto-converge: QEMU keeps copying forever.
    const r = simulate(withProps(oneTenGigLink(), VM, { dirtyRateGbps: 30 }), scenario({ migrationPolicy: 'qemu' }));
    const m = r.migrations[0]!;
    expect(m.result).toBeNull();
    expect(m.dropped).toMatch(/^does not finish: the guest dirties 30 Gb\/s, at least the 10 Gb\/s its memory copy gets \(λ = 3\), and QEMU never switches over without auto-converge$/);
    expect(JSON.stringify(r)).not.toMatch(/e\+1\d|Infinity/);
  });

  it('gives one-flow-per-VM + evacuate on the rack template finite, plausible times (was 0 or 2.4e-15 Gb/s and 1e17 s)', async () => {
    const { evacuate, onePerVm } = await import('./scenarios');
    const d = makeTemplate('rack');
    const r = simulate(d, { ...scenario(), flows: onePerVm(d), migrations: evacuate(d, H1) });
    expect(r.migrations.length).toBeGreaterThan(0);
    for (const m of r.migrations) {
      expect(m.dropped).toBeNull();
      // 16 GiB VMs sharing 25 Gb/s ports with the flows: a few Gb/s each, a minute or two each.
      expect(m.rateGbps).toBeGreaterThan(1);
      expect(m.result!.totalSeconds).toBeGreaterThan(10);
      expect(m.result!.totalSeconds).toBeLessThan(600);
    }
  });
});

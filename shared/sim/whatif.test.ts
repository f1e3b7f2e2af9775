// N-1 what-if on the rack-kvm template with 2 hosts × 2 VMs, worked out by hand: each host has one dual-port 25GbE
// NIC teamed by an OVS LACP bond (balance-tcp) across the MLAG pair tor-a/tor-b. Two flows h001 → h002 (app, db)
// hash onto different members, 25 Gb/s each; taking one ToR down leaves one member per host, so they share it:
// 12.5 Gb/s each, kept up by the team's failover.
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { failureForId, failuresOfSet, whatIf } from './whatif';
import type { Scenario } from './simulate';

const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 });
const H1 = 'r01.h001';
const H2 = 'r01.h002';
const scenario = (extra: Partial<Scenario> = {}): Scenario => ({
  name: 't',
  flows: [
    { id: 'app', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null },
    { id: 'db', src: { vm: `${H1}.vm02` }, dst: { vm: `${H2}.vm02` }, demandGbps: null },
  ],
  migrations: [],
  maxPayload: 256,
  downtimeLimitSec: 0.3,
  ...extra,
});

describe('whatIf', () => {
  it('one ToR of the MLAG pair down: both flows slowed from 25 to 12.5 Gb/s, the one on it kept up by failover', () => {
    const r = whatIf(d, scenario(), [{ switch: 'r01.tor-a' }]);
    expect(r.baseline).toEqual({ flows: 2, carried: 2, migrationsFinishing: 0 });
    const o = r.outcomes[0]!;
    expect(o.label).toBe('switch r01.tor-a');
    expect(o.downLinks).toEqual([`${H1}.nic0.eth0`, `${H2}.nic0.eth0`, 'r01.peer0', 'r01.peer1']);
    expect(o.dropped).toEqual([]);
    expect(o.slowed).toEqual([
      { flow: 'app', beforeGbps: 25, afterGbps: 12.5 },
      { flow: 'db', beforeGbps: 25, afterGbps: 12.5 },
    ]);
    // Only the flow whose baseline path crossed tor-a's cables failed over, to the eth1 members on tor-b.
    expect(o.failedOver).toHaveLength(1);
    expect(o.failedOver[0]!.movedTo).toEqual([`${H1}.nic0.eth1`, `${H2}.nic0.eth1`]);
    expect([o.failedOver[0]!.beforeGbps, o.failedOver[0]!.afterGbps]).toEqual([25, 12.5]);
    expect(o.lost).toBe(0);
  });

  it("a host down drops its VMs' flows, which count as going with the host, not as lost", () => {
    const r = whatIf(d, scenario(), [{ host: H1 }]);
    const o = r.outcomes[0]!;
    expect(o.dropped.map((x) => [x.flow, x.beforeGbps, x.reason, x.withFailedHost])).toEqual([
      ['app', 25, `host ${H1} is down (scenario failure)`, true],
      ['db', 25, `host ${H1} is down (scenario failure)`, true],
    ]);
    expect(o.lost).toBe(0);
  });

  it("with one team member already down (the scenario's own failure), losing the other drops both flows", () => {
    const r = whatIf(d, scenario({ failures: [{ link: `${H1}.nic0.eth0` }] }), [{ link: `${H1}.nic0.eth1` }]);
    const o = r.outcomes[0]!;
    expect(o.downLinks).toEqual([`${H1}.nic0.eth1`]);
    expect(o.dropped.map((x) => [x.flow, x.beforeGbps, x.withFailedHost])).toEqual([
      ['app', 12.5, false],
      ['db', 12.5, false],
    ]);
    expect(o.lost).toBe(2);
  });

  it('a migration that no longer finishes when its host loses every uplink', () => {
    const s = scenario({ flows: [], migrations: [{ vm: `${H1}.vm01`, to: H2 }], failures: [{ link: `${H1}.nic0.eth0` }] });
    const o = whatIf(d, s, [{ link: `${H1}.nic0.eth1` }]).outcomes[0]!;
    expect(o.migrationsLost.map((m) => [m.vm, m.to, m.withFailedHost])).toEqual([[`${H1}.vm01`, H2, false]]);
    expect(o.lost).toBe(1);
  });

  it('failure sets: each Ethernet cable (4 host links + 2 peer links), each switch, each host', () => {
    expect(failuresOfSet(d, 'each-link')).toHaveLength(6);
    expect(failuresOfSet(d, 'each-switch')).toEqual([{ switch: 'r01.tor-a' }, { switch: 'r01.tor-b' }]);
    expect(failuresOfSet(d, 'each-host')).toEqual([{ host: H1 }, { host: H2 }]);
    const r = whatIf(d, scenario(), failuresOfSet(d, 'each-link'));
    // The peer links carry nothing here; each host link carries one of the two flows, which fails over.
    expect(r.outcomes.map((o) => [o.label, o.failedOver.length, o.lost])).toEqual([
      ['link r01.h001.nic0.eth0', 1, 0],
      ['link r01.h001.nic0.eth1', 1, 0],
      ['link r01.h002.nic0.eth0', 1, 0],
      ['link r01.h002.nic0.eth1', 1, 0],
      ['link r01.peer0', 0, 0],
      ['link r01.peer1', 0, 0],
    ]);
  });

  it('reports progress per failure and stops when cancelled', () => {
    const seen: string[] = [];
    const r = whatIf(d, scenario(), failuresOfSet(d, 'each-host'), { onProgress: (done, total, label) => seen.push(`${done}/${total} ${label}`), shouldCancel: () => seen.length >= 1 });
    expect(seen).toEqual([`1/2 host ${H1}`]);
    expect([r.outcomes.length, r.total, r.cancelled]).toEqual([1, 2, true]);
  });

  it('failureForId names links, switches and hosts, and says why another id is not one', () => {
    expect(failureForId(d, 'r01.peer0')).toEqual({ link: 'r01.peer0' });
    expect(failureForId(d, 'r01.tor-b')).toEqual({ switch: 'r01.tor-b' });
    expect(failureForId(d, H2)).toEqual({ host: H2 });
    expect(failureForId(d, 'nope')).toBe('no link, switch or host "nope" in the design');
    expect(failureForId(d, `${H1}.nic0`)).toBe(`"${H1}.nic0" is a nic, not a link, switch or host`);
  });
});

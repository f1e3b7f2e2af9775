// The what-if fast path against its contract: every run equals `simulate` of the scenario with the failure added,
// result for result (deep-equal, not close), over the templates and every kind of failure. Scenarios mix steady VM
// flows (the default one per VM), flows inside a host, flows to the outside, finite transfers, migrations and the
// scenario's own failures, chosen by a seeded generator so a failing case can be replayed.
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { asLinkId, asPortName } from '../model/ids';
import { applyCommand } from '../history/commands';
import { makeTemplate, type TemplateName } from '../templates';
import type { Failure } from './failures';
import { defaultScenario, evacuate } from './scenarios';
import { simulate, type Scenario, type ScenarioFlow } from './simulate';
import { FAILURE_SETS, failuresOfSet, whatIf, whatIfReference } from './whatif';
import { IncrementalWhatIf, type RunStats } from './whatif-incremental';

/** Park–Miller: a small seeded generator, so the scenarios are the same on every run. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 48271) % 2147483647;
    return s % n;
  };
}

const ids = (d: Design, kind: string) =>
  Object.values(d.elements)
    .filter((e) => e.kind === kind)
    .map((e) => e.id)
    .sort();

/** The default flows plus a few of every other sort, some migrations, and (with `ownFailure`) a failure of its own. */
function mixedScenario(d: Design, seed: number, ownFailure: boolean): Scenario {
  const pick = rng(seed);
  const vms = ids(d, 'vm');
  const hosts = ids(d, 'host');
  const vmsOf = (h: string) => vms.filter((v) => d.elements[v]!.parent === h);
  const base = defaultScenario(d);
  const extra: ScenarioFlow[] = [];
  for (let i = 0; i < 6 && vms.length > 1; i++) {
    const a = vms[pick(vms.length)]!;
    const same = vmsOf(d.elements[a]!.parent!).filter((v) => v !== a);
    const b = i % 2 && same.length ? same[pick(same.length)]! : vms[pick(vms.length)]!;
    if (a !== b) extra.push({ id: `x${i}`, src: { vm: a }, dst: { vm: b }, demandGbps: i % 3 ? null : 3, ...(i === 4 ? { sizeGB: 20 } : {}) });
  }
  if (vms.length) extra.push({ id: 'out', src: { vm: vms[pick(vms.length)]! }, dst: { external: true }, demandGbps: null });
  const migrations = hosts.length > 1 ? evacuate(d, hosts[pick(hosts.length)]!).slice(0, 2) : [];
  const own: Failure[] = [];
  if (ownFailure) {
    const cables = failuresOfSet(d, 'each-link');
    if (cables.length) own.push(cables[pick(cables.length)]!);
  }
  return { ...base, name: `mixed ${seed}`, flows: [...base.flows, ...extra], migrations, failures: own };
}

/** Every NIC port with a cable, every team member (virtual switch uplink), and one link of every other kind. */
function otherFailures(d: Design): Failure[] {
  const out: Failure[] = [];
  const links = Object.values(d.links).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const l of links) {
    if (l.kind === 'ethernet' && d.elements[l.a.element]?.kind === 'nic') out.push({ nic: l.a.element, port: l.a.port });
    if (l.kind === 'uplink') out.push({ vswitch: l.a.element, uplink: l.a.port });
  }
  const kinds = new Set<string>();
  for (const l of links) {
    if (l.kind === 'ethernet' || kinds.has(l.kind)) continue;
    kinds.add(l.kind);
    out.push({ link: l.id });
  }
  return out;
}

/** Runs every failure both ways and returns how the fast runs were made. */
function check(d: Design, scenario: Scenario, failures: readonly Failure[]): RunStats[] {
  const runner = new IncrementalWhatIf(d, scenario);
  expect(runner.baseline).toEqual(simulate(d, scenario));
  return failures.map((f) => {
    const stats: RunStats = { reresolved: 0 };
    const fast = runner.run(f, stats);
    const slow = simulate(d, { ...scenario, failures: [...(scenario.failures ?? []), f], expectations: undefined });
    expect(fast, JSON.stringify(f)).toEqual(slow);
    return stats;
  });
}

/** How many failures the three sets hold (they come first in allFailures). */
const sets = (d: Design) => FAILURE_SETS.reduce((n, set) => n + failuresOfSet(d, set).length, 0);

/** Every failure of the three sets, and every `stride`-th of the others (NIC ports and team members repeat the cables). */
const allFailures = (d: Design, stride = 1) => [
  ...failuresOfSet(d, 'each-link'),
  ...failuresOfSet(d, 'each-switch'),
  ...failuresOfSet(d, 'each-host'),
  ...otherFailures(d).filter((_, i) => i % stride === 0),
];

// The fabric's second rack holds one host: two racks, four spines, kept small so that both ways run in seconds.
const CASES: [TemplateName, { hosts?: number; vmsPerHost?: number }, number][] = [
  ['single-host', { vmsPerHost: 4 }, 1],
  ['chapter6', {}, 1],
  ['rack', { hosts: 4, vmsPerHost: 3 }, 1],
  ['rack-kvm', { hosts: 3, vmsPerHost: 2 }, 1],
  ['fabric', { hosts: 41, vmsPerHost: 1 }, 5],
];

const update = (d: Design, ids: string[], changes: Record<string, unknown>): Design =>
  ids.reduce((x, id) => applyCommand(x, { type: 'updateElement', id: id as never, changes: changes as never }).design, d);

// Designs the templates do not make as such: VLANs routed only at the spines (every cross-VLAN flow goes up to a
// gateway, so a spine failure moves gateways), and a host on VEPA (its local flows hairpin at the ToR).
const VARIANTS: [string, () => Design][] = [
  ['fabric routed at the spines', () => {
    const f = makeTemplate('fabric', { hosts: 41, vmsPerHost: 2 });
    return update(f, ids(f, 'tor').filter((id) => /spine/.test(id)), { routedVlans: [110, 120] });
  }],
  ['single host on VEPA', () => update(makeTemplate('single-host', { vmsPerHost: 4 }), ['r01.h001.vs0'], { evbMode: 'vepa' })],
];

describe('IncrementalWhatIf equals simulate with the failure added', () => {
  for (const [name, build] of VARIANTS) {
    it(`${name}: every link, switch and host`, () => {
      const d = build();
      const stats = check(d, mixedScenario(d, 11, false), allFailures(d, 7));
      expect(stats.slice(0, sets(d)).every((s) => s.reresolved >= 0)).toBe(true);
    });
  }

  for (const [name, opts, stride] of CASES) {
    it(`${name}: every link, switch, host, NIC port, team member and one link of each other kind`, () => {
      const d = makeTemplate(name, opts);
      for (const [seed, own] of [
        [1, false],
        [7, true],
      ] as const) {
        const stats = check(d, mixedScenario(d, seed, own), allFailures(d, stride));
        // Cable, switch and host failures take the fast path (a VM's vNIC or VF link alone may fall back).
        expect(stats.slice(0, sets(d)).every((s) => s.reresolved >= 0)).toBe(true);
      }
    });
  }

  it("re-resolves only the flows a failure can change: a ToR of a 4-rack fabric touches its rack's flows and the spines' only", () => {
    const d = makeTemplate('fabric', { hosts: 160, vmsPerHost: 1 });
    const scenario = defaultScenario(d);
    const runner = new IncrementalWhatIf(d, scenario);
    const stats: RunStats = { reresolved: 0 };
    const f = failuresOfSet(d, 'each-switch')[0]!;
    expect(runner.run(f, stats)).toEqual(simulate(d, { ...scenario, failures: [f] }));
    expect(stats.reresolved).toBeGreaterThan(0);
    // Its rack's 40 hosts (a team member each, so every flow from or to them) and the flows crossing the spines.
    expect(stats.reresolved).toBeLessThan(scenario.flows.length / 3);
  });

  it('falls back to simulate for a VM losing one of two attachment links, and still equals it', () => {
    const d = makeTemplate('chapter6');
    const vnic = Object.values(d.links).find((l) => l.kind === 'vnic')!;
    const vm = vnic.a.element;
    // A second vNIC link on the same VM, so that failing one leaves the VM with some of its links.
    const twice: Design = { ...d, links: { ...d.links, extra: { ...vnic, id: asLinkId('extra'), a: { element: vnic.a.element, port: asPortName('vnic-extra') } } } };
    const scenario = defaultScenario(twice);
    const stats = check(twice, { ...scenario, flows: [{ id: 'f', src: { vm }, dst: { external: true }, demandGbps: null }] }, [{ link: vnic.id }]);
    expect(stats[0]!.reresolved).toBe(-1);
  });

  it('whatIf reports exactly what the one-simulate-per-failure reference reports', () => {
    const d = makeTemplate('rack', { hosts: 4, vmsPerHost: 3 });
    const scenario = mixedScenario(d, 3, true);
    const failures = allFailures(d);
    expect(whatIf(d, scenario, failures)).toEqual(whatIfReference(d, scenario, failures));
  });
});

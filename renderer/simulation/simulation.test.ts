import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { simulate, type SimulationResult } from '../../shared/sim/simulate';
import type { MigrationResult } from '../../shared/sim/migration';
import { heatBand, linkUtilisation, HEAT_BANDS } from '../../shared/scene/heatmap';
import { applyPreset, EMPTY_DRAFT, endLabel, hostOptions, toScenario } from './scenario-draft';
import { elideMiddle, flowRows, formatRate, formatShare, formatThroughput, migrationRows, migrationSources, nextSort, resourceLabel, sortFlowRows } from './results-model';
import { linearScale, niceStep, timelineSegments, utilisationHistogram } from '../../shared/sim/charts';

const rack = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const [h1, h2, h3] = hostOptions(rack).map((h) => h.id);

describe('scenario presets', () => {
  test('host pickers list every host with its VM count', () => {
    expect(hostOptions(rack)).toEqual([
      { id: 'r01.h001', label: 'esx-r01-h001', vms: 2 },
      { id: 'r01.h002', label: 'esx-r01-h002', vms: 2 },
      { id: 'r01.h003', label: 'esx-r01-h003', vms: 2 },
    ]);
  });
  test('all VMs of A → all VMs of B adds every pair once, even when applied twice', () => {
    const once = applyPreset(rack, EMPTY_DRAFT, { kind: 'allToAll', hostA: h1!, hostB: h2! });
    if (!once.ok) throw new Error(once.reason);
    expect(once.added).toBe(4);
    expect(once.draft.name).toBe('esx-r01-h001 → esx-r01-h002');
    expect(once.draft.flows.map((f) => endLabel(rack, f.src) + ' > ' + endLabel(rack, f.dst))[0]).toBe('esx-r01-h001 / r01-h001-vm01 > esx-r01-h002 / r01-h002-vm01');
    const twice = applyPreset(rack, once.draft, { kind: 'allToAll', hostA: h1!, hostB: h2! });
    expect(twice.ok && twice.added).toBe(0);
    expect(twice.ok && twice.draft.flows).toHaveLength(4);
  });
  test('evacuate spreads the VMs round-robin over the other hosts and names the scenario', () => {
    const withFlows = applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' });
    if (!withFlows.ok) throw new Error(withFlows.reason);
    const ev = applyPreset(rack, withFlows.draft, { kind: 'evacuate', hostA: h1! });
    if (!ev.ok) throw new Error(ev.reason);
    expect(ev.draft.migrations.map((m) => m.to)).toEqual([h2, h3]);
    expect(ev.draft.name).toBe('one flow per VM + evacuate esx-r01-h001');
  });
  test('presets that cannot apply say why in one line', () => {
    const single = makeTemplate('single-host');
    const host = hostOptions(single)[0]!.id;
    expect(applyPreset(single, EMPTY_DRAFT, { kind: 'evacuate', hostA: host })).toEqual({ ok: false, reason: 'Evacuating esx-r01-h001 needs VMs on it and another host to move them to' });
    expect(applyPreset(rack, EMPTY_DRAFT, { kind: 'allToAll', hostA: h1!, hostB: '' })).toEqual({ ok: false, reason: 'Choose host B first' });
    expect(applyPreset(rack, EMPTY_DRAFT, { kind: 'evacuate', hostA: 'nope' })).toEqual({ ok: false, reason: 'Choose host A first' });
  });
  test('parameters become the scenario: demand cap on every flow, downtime in seconds; bad input is refused', () => {
    const d = applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' });
    if (!d.ok) throw new Error(d.reason);
    const ok = toScenario({ ...d.draft, demandText: ' 2.5 ', downtimeText: '150', maxPayload: 128 });
    if (!ok.ok) throw new Error(ok.reason);
    expect(ok.scenario.flows.every((f) => f.demandGbps === 2.5)).toBe(true);
    expect(ok.scenario.downtimeLimitSec).toBe(0.15);
    expect(ok.scenario.maxPayload).toBe(128);
    const elastic = toScenario({ ...d.draft, demandText: '' });
    expect(elastic.ok && elastic.scenario.flows.every((f) => f.demandGbps === null)).toBe(true);
    expect(toScenario({ ...d.draft, demandText: '0' })).toEqual({ ok: false, reason: 'Demand cap must be a number of Gb/s above 0, or empty for elastic flows' });
    expect(toScenario({ ...d.draft, downtimeText: 'soon' })).toEqual({ ok: false, reason: 'Downtime limit must be a number of milliseconds ≥ 0' });
    expect(toScenario(EMPTY_DRAFT)).toEqual({ ok: false, reason: 'Add flows or migrations first (use a preset)' });
  });
});

describe('results tables', () => {
  const draft = applyPreset(rack, EMPTY_DRAFT, { kind: 'allToAll', hostA: h1!, hostB: h2! });
  if (!draft.ok) throw new Error(draft.reason);
  const ev = applyPreset(rack, draft.draft, { kind: 'evacuate', hostA: h3! });
  if (!ev.ok) throw new Error(ev.reason);
  const scenario = (() => {
    const s = toScenario(ev.draft);
    if (!s.ok) throw new Error(s.reason);
    return s.scenario;
  })();
  const result: SimulationResult = simulate(rack, scenario);

  test('flow rows name ends, mode, rate and a readable bottleneck', () => {
    const rows = flowRows(rack, scenario, result);
    expect(rows).toHaveLength(4);
    // Two VMs a host, on VLANs 110 and 120: pairs on one VLAN are bridged, the others routed at the ToR.
    expect(rows.map((r) => r.mode).sort()).toEqual(['fabric', 'fabric', 'routed (L3 gateway)', 'routed (L3 gateway)']);
    for (const r of rows) {
      expect(r.rate).toBeGreaterThan(0);
      // A NIC port toward its ToR, or a ToR port toward the receiving NIC, named with the server.
      expect(r.bottleneck).toMatch(/^(esx-r01-h001 nic0 eth\d → r01-tor-[ab] p\d+|r01-tor-[ab] p\d+ → esx-r01-h002 nic0 eth\d)$/);
      expect(r.dropped).toBe('');
    }
    expect(resourceLabel(rack, 'demand')).toBe('demand cap');
    expect(resourceLabel(rack, 'copy:r01.h001')).toBe('vSwitch copy on esx-r01-h001');
    const pcie = result.resources.find((r) => r.kind === 'pcie')!;
    expect(resourceLabel(rack, pcie.id)).toMatch(/^PCIe esx-r01-h00\d (nic0 \w+ → esx-r01-h00\d CPU|CPU.* → esx-r01-h00\d nic0)/);
  });
  test('sorting: by rate descending first, text A→Z, ties keep scenario order', () => {
    const row = { mode: 'fabric', modeHint: '', demand: null, share: null, bottleneck: '', dropped: '' };
    const rows = [
      { ...row, id: 'a', source: 'b', destination: 'x', rate: 1, demand: 2, share: 0.5 },
      { ...row, id: 'b', source: 'a10', destination: 'x', rate: 3 },
      { ...row, id: 'c', source: 'a9', destination: 'x', rate: 1, demand: 1, share: 1 },
    ];
    expect(sortFlowRows(rows, { column: 'rate', descending: true }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortFlowRows(rows, { column: 'source', descending: false }).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortFlowRows(rows, { column: 'destination', descending: false }).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(nextSort({ column: 'rate', descending: true }, 'rate')).toEqual({ column: 'rate', descending: false });
    expect(nextSort({ column: 'rate', descending: true }, 'source')).toEqual({ column: 'source', descending: false });
    expect(nextSort({ column: 'source', descending: false }, 'rate')).toEqual({ column: 'rate', descending: true });
    // No cap counts as more than any cap; no share sorts below every share.
    expect(sortFlowRows(rows, { column: 'demand', descending: true }).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortFlowRows(rows, { column: 'share', descending: true }).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(nextSort({ column: 'rate', descending: true }, 'share')).toEqual({ column: 'share', descending: true });
  });
  test('flow rows carry the demand, the share of it, and what the mode means', () => {
    for (const r of flowRows(rack, scenario, result)) {
      expect(r.modeHint).toMatch(/\S/);
      if (r.demand === null) expect(r.share).toBeNull();
      else expect(r.share).toBeCloseTo(r.rate / r.demand, 9);
    }
  });
  test('totals switch to Tb/s, shares print as percentages, long names elide in the middle', () => {
    expect([formatThroughput(812.44), formatThroughput(1234.5), formatThroughput(25_600)]).toEqual(['812.4 Gb/s', '1.23 Tb/s', '25.6 Tb/s']);
    expect([formatShare(0.5), formatShare(0.997), formatShare(1)]).toEqual(['50 %', '99.7 %', '100 %']);
    expect(elideMiddle('esx-r01-h001 r01-h001-vm07 vnic0', 20)).toBe('esx-r01-h0…m07 vnic0');
    expect(elideMiddle('short', 20)).toBe('short');
  });
  test('migration rows show where the VM was, rounds, downtime and the outcome', () => {
    const rows = migrationRows(rack, result, migrationSources(rack, scenario));
    expect(rows.map((r) => [r.vm, r.from, r.to])).toEqual([
      ['r01-h003-vm01', 'esx-r01-h003', 'esx-r01-h001'],
      ['r01-h003-vm02', 'esx-r01-h003', 'esx-r01-h002'],
    ]);
    // Migration streams share the ports max-min with the traffic (DOMAIN.md §4): to h002, where the traffic
    // fills the ports, the stream still gets its fair share and converges (it got 0 when it only had the leftovers).
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'converged' });
      expect(row.rounds).toBeGreaterThanOrEqual(2);
      expect(row.rate).toBeGreaterThan(0);
      expect(row.downtimeMs).toBeGreaterThan(0);
      expect(row.downtimeMs).toBeLessThanOrEqual(300);
    }
  });
  test('rates print with sensible precision', () => {
    expect([formatRate(0), formatRate(0.004567), formatRate(0.48), formatRate(14.63), formatRate(250)]).toEqual(['0', '0.0046', '0.48', '14.6', '250']);
  });
});

describe('heatmap', () => {
  test("a link's utilisation is its busiest direction; host copy budgets are not links", () => {
    const u = linkUtilisation([
      { kind: 'ethernet', ref: 'l1', utilisation: 0.2 },
      { kind: 'ethernet', ref: 'l1', utilisation: 0.95 },
      { kind: 'pcie', ref: 'p1', utilisation: 0 },
      { kind: 'vswitch-copy', ref: 'host', utilisation: 1 },
    ]);
    expect([...u]).toEqual([
      ['l1', 0.95],
      ['p1', 0],
    ]);
  });
  test('bands: idle, then quarters, saturated from 90 %', () => {
    expect([0, 0.0005, 0.01, 0.3, 0.6, 0.8, 0.9, 1, 1.5, NaN].map(heatBand)).toEqual([0, 0, 1, 2, 3, 4, 5, 5, 5, 0]);
    expect(HEAT_BANDS.map((b) => b.label)).toEqual(['idle', '< 25 %', '25–50 %', '50–75 %', '75–90 %', '≥ 90 %']);
  });
});

describe('chart scales', () => {
  test('ticks are round steps reaching past the maximum', () => {
    expect([niceStep(10), niceStep(19), niceStep(0.7), niceStep(0)]).toEqual([2, 5, 0.2, 1]);
    const s = linearScale(19, 100, 0, 4);
    expect(s.ticks).toEqual([0, 5, 10, 15, 20]);
    expect([s(0), s(10), s(20)]).toEqual([100, 50, 0]);
  });
  test('histogram counts utilisations in ten bins, saturated in the last', () => {
    const h = utilisationHistogram([0, 0.05, 0.5, 0.99, 1, 1.2, -1, NaN]);
    expect(h.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 3]);
    expect(h[9]).toMatchObject({ from: 0.9, to: 1 });
  });
  test('timeline: pre-copy rounds, the stop-and-copy round, then resume', () => {
    const r: MigrationResult = {
      converged: true,
      stopReason: 'downtime-limit',
      rounds: [
        { sentBytes: 4e9, seconds: 3.2, throttle: 0, stopAndCopy: false },
        { sentBytes: 6e8, seconds: 0.48, throttle: 0, stopAndCopy: false },
        { sentBytes: 1e8, seconds: 0.08, throttle: 0, stopAndCopy: true },
      ],
      transferredBytes: 4.7e9,
      totalSeconds: 3.86,
      downtimeSeconds: 0.18,
      lambda: 0.15,
    };
    const segs = timelineSegments(r);
    expect(segs.map((s) => s.kind)).toEqual(['pre-copy', 'pre-copy', 'stop-and-copy', 'resume']);
    expect(segs[2]!.start).toBeCloseTo(3.68);
    expect(segs[3]!.seconds).toBeCloseTo(0.1);
  });
});

/**
 * What-if (N-1) analysis: a scenario run once as it stands (the baseline, with the scenario's own failures), then
 * once per single extra failure, each compared with the baseline. Every run is a plain `simulate` of the scenario
 * with that failure appended to its failures, so a what-if row means exactly what `rackplane simulate` would show
 * for that failure (failures.ts derives the design; teams and LAGs fail over by themselves in access.ts).
 *
 * Per failure it reports:
 *  - dropped: flows the baseline carried that are now dropped, with the reason and the rate they had;
 *  - slowed: flows still carried at a lower rate (beyond SLOW_EPSILON), before and after;
 *  - failedOver: flows "kept up by failover": carried before and after, whose baseline path crossed a link the
 *    failure took down (so the new path cannot hold it) — the traffic moved to another team member, LAG/MLAG
 *    member or switch; `movedTo` names the Ethernet links of the new path that the old one did not use;
 *  - migrationsLost: migrations that finished in the baseline and no longer do (or can no longer start).
 * A flow or migration whose own VM or host sits on the failed host cannot survive it; it is listed with
 * `withFailedHost` and does not count as lost (see `lost`), since no redundancy could have kept it.
 *
 * The runs are made incrementally (whatif-incremental.ts: the baseline's network and paths are reused, and only the
 * flows a failure can change are resolved again), each still equal to that plain `simulate`; whatIfReference runs
 * the plain way, for the tests that hold the fast path to it.
 */
import type { Design } from '../model/design';
import type { FlowSpec } from './paths';
import { failureProblem, hostOf, type Failure } from './failures';
import { simulate, type Scenario, type SimulationResult } from './simulate';
import { IncrementalWhatIf } from './whatif-incremental';

/** The failure sets `--fail` names instead of a list. */
export const FAILURE_SETS = ['each-link', 'each-switch', 'each-host'] as const;
export type FailureSet = (typeof FAILURE_SETS)[number];

/** Rates closer than this (Gb/s, or this fraction of the baseline rate) are the same: solver rounding, not a slowdown. */
export const SLOW_EPSILON = 1e-6;

const sortedIds = (d: Design, kinds: readonly string[]) =>
  Object.values(d.elements)
    .filter((e) => kinds.includes(e.kind))
    .map((e) => e.id)
    .sort();

/**
 * The single failures of a set: every Ethernet cable (virtual links — PCIe, uplinks, vNICs — are not cables that
 * fail on their own; a host failure covers them), every switch (ToR or FEX), or every host; in id order.
 */
export function failuresOfSet(d: Design, set: FailureSet): Failure[] {
  if (set === 'each-link')
    return Object.values(d.links)
      .filter((l) => l.kind === 'ethernet')
      .map((l) => l.id)
      .sort()
      .map((link) => ({ link }));
  if (set === 'each-switch') return sortedIds(d, ['tor', 'fex']).map((s) => ({ switch: s }));
  return sortedIds(d, ['host']).map((host) => ({ host }));
}

/** The failure an id names: a link, a switch or a host of the design; a string saying why not otherwise. */
export function failureForId(d: Design, id: string): Failure | string {
  if (Object.hasOwn(d.links, id)) return { link: id };
  const f: Failure | null = Object.hasOwn(d.elements, id) ? (d.elements[id]!.kind === 'host' ? { host: id } : { switch: id }) : null;
  if (f === null) return `no link, switch or host "${id}" in the design`;
  const problem = failureProblem(d, f);
  return problem === null ? f : `"${id}" is a ${d.elements[id]!.kind}, not a link, switch or host`;
}

/** `link X`, `switch X`, `host X`, `nic X port P`, `vswitch X uplink U`. */
export function failureLabel(f: Failure): string {
  if ('link' in f) return `link ${f.link}`;
  if ('switch' in f) return `switch ${f.switch}`;
  if ('nic' in f) return `nic ${f.nic} port ${f.port}`;
  if ('vswitch' in f) return `vswitch ${f.vswitch} uplink ${f.uplink}`;
  return `host ${f.host}`;
}

export interface DroppedFlow {
  flow: string;
  beforeGbps: number;
  reason: string;
  /** The flow starts or ends on the failed host: nothing could have kept it. */
  withFailedHost: boolean;
}
export interface SlowedFlow {
  flow: string;
  beforeGbps: number;
  afterGbps: number;
}
export interface FailedOverFlow extends SlowedFlow {
  /** Ethernet links on the new path that the baseline path did not use (the member or switch that took over). */
  movedTo: string[];
}
export interface LostMigration {
  vm: string;
  to: string;
  reason: string;
  withFailedHost: boolean;
}

export interface WhatIfOutcome {
  failure: Failure;
  label: string;
  /** Links this failure took down (beyond the scenario's own failures). */
  downLinks: string[];
  dropped: DroppedFlow[];
  slowed: SlowedFlow[];
  failedOver: FailedOverFlow[];
  migrationsLost: LostMigration[];
  /** Flows dropped and migrations lost that redundancy could have kept (not those of the failed host itself). */
  lost: number;
}

export interface WhatIfResult {
  scenario: string;
  baseline: { flows: number; carried: number; migrationsFinishing: number };
  /** One outcome per failure run, in the order given (fewer than asked when cancelled). */
  outcomes: WhatIfOutcome[];
  /** How many failures were asked for. */
  total: number;
  cancelled: boolean;
}

export interface WhatIfOptions {
  /** Called after each failure's run: how many are done out of how many, and which failure it was. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Checked before each failure's run; true stops the analysis with the outcomes so far. */
  shouldCancel?: () => boolean;
}

const endId = (end: FlowSpec['src']): string | null => ('vm' in end ? end.vm : 'host' in end ? end.host : null);

/** The baseline's links, each with the flows whose path crosses it (in flow order). */
interface BaselineIndex {
  /** Resource ids → the link they model, from the intact design's resources (a failed run only has fewer of them). */
  linkOf: Map<string, string>;
  flowsOn: Map<string, number[]>;
}

function baselineIndex(base: SimulationResult): BaselineIndex {
  const linkOf = new Map(base.resources.filter((r) => r.kind === 'ethernet' || r.kind === 'pcie').map((r) => [r.id, r.ref]));
  const flowsOn = new Map<string, number[]>();
  base.flows.forEach((b, i) => {
    for (const r of b.path) {
      const l = linkOf.get(r);
      if (l === undefined) continue;
      const list = flowsOn.get(l);
      if (!list) flowsOn.set(l, [i]);
      else if (list.at(-1) !== i) list.push(i);
    }
  });
  return { linkOf, flowsOn };
}

/** Compares one failure's run with the baseline. */
function diff(d: Design, scenario: Scenario, f: Failure, base: SimulationResult, run: SimulationResult, { linkOf, flowsOn }: BaselineIndex): WhatIfOutcome {
  const failedHost = 'host' in f ? f.host : null;
  const onFailedHost = (...ids: (string | null)[]) => failedHost !== null && ids.some((id) => id !== null && hostOf(d, id) === failedHost);
  const baseDown = new Set(base.downLinks ?? []);
  const downLinks = (run.downLinks ?? []).filter((l) => !baseDown.has(l));
  // Flows whose baseline path crossed a link this failure took down (looked up per link, not per flow and hop).
  const crossed = new Uint8Array(base.flows.length);
  for (const l of downLinks) for (const i of flowsOn.get(l) ?? []) crossed[i] = 1;
  const out: WhatIfOutcome = { failure: f, label: failureLabel(f), downLinks, dropped: [], slowed: [], failedOver: [], migrationsLost: [], lost: 0 };
  base.flows.forEach((b, i) => {
    const a = run.flows[i]!;
    if (b.dropped !== null) return;
    if (a.dropped !== null) {
      const spec = scenario.flows[i]!;
      out.dropped.push({ flow: b.id, beforeGbps: b.rate, reason: a.dropped, withFailedHost: onFailedHost(endId(spec.src), endId(spec.dst)) });
      return;
    }
    const row = { flow: b.id, beforeGbps: b.rate, afterGbps: a.rate };
    if (a.rate < b.rate - SLOW_EPSILON * Math.max(1, b.rate)) out.slowed.push(row);
    if (crossed[i]) {
      const before = new Set(b.path);
      const movedTo = [...new Set(a.path.filter((r) => !before.has(r) && r.startsWith('eth:')).map((r) => linkOf.get(r)!))];
      out.failedOver.push({ ...row, movedTo });
    }
  });
  base.migrations.forEach((b, i) => {
    const a = run.migrations[i]!;
    if (b.result === null || a.result !== null) return;
    out.migrationsLost.push({ vm: b.vm, to: b.to, reason: a.dropped ?? 'does not finish', withFailedHost: onFailedHost(b.vm, b.to) });
  });
  out.lost = out.dropped.filter((x) => !x.withFailedHost).length + out.migrationsLost.filter((x) => !x.withFailedHost).length;
  return out;
}

/**
 * Runs the baseline, then the scenario once per failure of `failures` (each alone, added to the scenario's own).
 * Runs are made incrementally (whatif-incremental.ts): paths a failure cannot change are reused, and each run is
 * still exactly what `simulate` gives for the scenario with that failure added (whatIfReference does it that way).
 */
export function whatIf(d: Design, scenario: Scenario, failures: readonly Failure[], opts: WhatIfOptions = {}): WhatIfResult {
  const runner = new IncrementalWhatIf(d, scenario);
  return analyse(d, scenario, failures, opts, runner.baseline, (f) => runner.run(f));
}

/** whatIf the plain way, one full `simulate` per failure: the reference the fast path is tested against. */
export function whatIfReference(d: Design, scenario: Scenario, failures: readonly Failure[], opts: WhatIfOptions = {}): WhatIfResult {
  return analyse(d, scenario, failures, opts, simulate(d, scenario), (f) => simulate(d, { ...scenario, failures: [...(scenario.failures ?? []), f], expectations: undefined }));
}

function analyse(d: Design, scenario: Scenario, failures: readonly Failure[], opts: WhatIfOptions, base: SimulationResult, runOf: (f: Failure) => SimulationResult): WhatIfResult {
  const index = baselineIndex(base);
  const outcomes: WhatIfOutcome[] = [];
  let cancelled = false;
  for (const f of failures) {
    if (opts.shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const outcome = diff(d, scenario, f, base, runOf(f), index);
    outcomes.push(outcome);
    opts.onProgress?.(outcomes.length, failures.length, outcome.label);
  }
  return {
    scenario: scenario.name,
    baseline: { flows: base.flows.length, carried: base.flows.filter((x) => x.dropped === null).length, migrationsFinishing: base.migrations.filter((m) => m.result !== null).length },
    outcomes,
    total: failures.length,
    cancelled,
  };
}

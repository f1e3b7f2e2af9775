/**
 * The what-if half of a run whose scenario has failures: the same scenario without them (the baseline), how
 * each link's traffic changed against it (shared/sim/whatif-links.ts, the heatmap's diff mode), and per failure
 * the flows it dropped, slowed or kept up by failover (shared/sim/whatif.ts, each failure alone on the baseline,
 * exactly what `rackplane whatif` reports). Runs in the simulation worker after the main run.
 */
import type { Design } from '../../shared/model/design';
import { simulate, type Scenario, type SimulationResult } from '../../shared/sim/simulate';
import { whatIf, type WhatIfOutcome } from '../../shared/sim/whatif';
import { linkChanges, type LinkChange } from '../../shared/sim/whatif-links';

export interface WhatIfRun {
  /** One outcome per failure of the scenario, in its order. */
  outcomes: WhatIfOutcome[];
  /** How each link's traffic changed with all the failures applied (unchanged links are left out). */
  links: [string, LinkChange][];
  /** Flows carried without the failures, and with them. */
  carried: { before: number; after: number; flows: number };
}

export interface WhatIfRunOptions {
  onProgress?: (fraction: number) => void;
  shouldCancel?: () => boolean;
}

/** The scenario as it runs without its failures (the baseline the what-if compares with). */
export const baselineOf = (s: Scenario): Scenario => {
  const rest = { ...s };
  delete rest.failures;
  delete rest.expectations;
  return rest;
};

/**
 * Compares `result` (the scenario run with its failures) with the run without them; null when the scenario has
 * no failures or the comparison was cancelled part-way (`shouldCancel` is checked between runs).
 */
export function compareWithoutFailures(design: Design, scenario: Scenario, result: SimulationResult, opts: WhatIfRunOptions = {}): WhatIfRun | null {
  const failures = scenario.failures ?? [];
  if (failures.length === 0) return null;
  const base = baselineOf(scenario);
  const baseline = simulate(design, base, { shouldCancel: opts.shouldCancel });
  opts.onProgress?.(1 / (failures.length + 1));
  const w = whatIf(design, base, failures, {
    shouldCancel: opts.shouldCancel,
    onProgress: (done, total) => opts.onProgress?.((done + 1) / (total + 1)),
  });
  if (w.cancelled) return null;
  return {
    outcomes: w.outcomes,
    links: [...linkChanges(baseline, result)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    carried: { before: baseline.flows.filter((f) => f.dropped === null).length, after: result.flows.filter((f) => f.dropped === null).length, flows: result.flows.length },
  };
}

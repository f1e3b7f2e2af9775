/**
 * What the simulation panel's what-if section lists: each failure of the scenario with what it did in the last
 * run (flows dropped, slowed before → after, kept up by failover and where the traffic moved), by name. Pure over
 * the design, the failures being edited and the last run, so the panel only renders.
 */
import type { Design } from '../../shared/model/design';
import { failureProblem, type Failure } from '../../shared/sim/failures';
import type { Scenario } from '../../shared/sim/simulate';
import { failureKey, failureName } from './failure-edit';
import { endLabel } from './scenario-draft';
import type { WhatIfRun } from './whatif-run';

export interface ChangedFlow {
  id: string;
  /** "host / vm → host / vm". */
  name: string;
  beforeGbps: number;
  /** 0 for a dropped flow. */
  afterGbps: number;
  /** Why it was dropped; where it failed over to ("via r01.h001.nic0.eth1"); or "". */
  note: string;
}

export interface FailureRow {
  failure: Failure;
  key: string;
  name: string;
  /** Why the failure no longer applies to the design (its element was deleted), or null. */
  problem: string | null;
  /** The last run's outcome for this failure; null when that run did not have it (rerun pending or cancelled). */
  outcome: {
    dropped: ChangedFlow[];
    slowed: ChangedFlow[];
    failedOver: ChangedFlow[];
    /** Migrations that no longer finish. */
    migrationsLost: number;
    /** One line: "2 flows dropped, 1 slowed, 1 kept up by failover" or "no flow affected". */
    summary: string;
  } | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line saying what a failure did. */
export function outcomeSummary(o: { dropped: readonly unknown[]; slowed: readonly unknown[]; failedOver: readonly unknown[]; migrationsLost: readonly unknown[] }): string {
  const parts: string[] = [];
  if (o.dropped.length) parts.push(`${plural(o.dropped.length, 'flow')} dropped`);
  if (o.slowed.length) parts.push(`${plural(o.slowed.length, 'flow')} slowed`);
  if (o.failedOver.length) parts.push(`${plural(o.failedOver.length, 'flow')} kept up by failover`);
  if (o.migrationsLost.length) parts.push(`${plural(o.migrationsLost.length, 'migration')} no longer finishing`);
  return parts.length ? parts.join(', ') : 'no flow affected';
}

/** The rows of the what-if section: the failures being edited, with the last run's outcome where it has one. */
export function failureRows(d: Design, failures: readonly Failure[], run: { scenario: Scenario; whatIf?: WhatIfRun } | null): FailureRow[] {
  const outcomes = new Map((run?.whatIf?.outcomes ?? []).map((o) => [failureKey(o.failure), o]));
  const specs = new Map((run?.scenario.flows ?? []).map((f) => [f.id, f]));
  const flowName = (id: string) => {
    const s = specs.get(id);
    return s ? `${endLabel(d, s.src)} → ${endLabel(d, s.dst)}` : id;
  };
  return failures.map((failure) => {
    const key = failureKey(failure);
    const o = outcomes.get(key);
    const problem = failureProblem(d, failure);
    if (!o) return { failure, key, name: failureName(d, failure), problem, outcome: null };
    const dropped = o.dropped.map((x) => ({ id: x.flow, name: flowName(x.flow), beforeGbps: x.beforeGbps, afterGbps: 0, note: x.reason }));
    // A flow kept up by failover at a lower rate is listed under failover, not twice.
    const slowed = o.slowed.filter((x) => !o.failedOver.some((f) => f.flow === x.flow)).map((x) => ({ id: x.flow, name: flowName(x.flow), beforeGbps: x.beforeGbps, afterGbps: x.afterGbps, note: '' }));
    const failedOver = o.failedOver.map((x) => ({ id: x.flow, name: flowName(x.flow), beforeGbps: x.beforeGbps, afterGbps: x.afterGbps, note: x.movedTo.length ? `via ${x.movedTo.join(', ')}` : '' }));
    const summary = outcomeSummary({ dropped, slowed, failedOver, migrationsLost: o.migrationsLost });
    return { failure, key, name: failureName(d, failure), problem, outcome: { dropped, slowed, failedOver, migrationsLost: o.migrationsLost.length, summary } };
  });
}

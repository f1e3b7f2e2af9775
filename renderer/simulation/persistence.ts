/**
 * Between the simulation panel's state and what a project file stores (shared/sim/persist.ts): the
 * current scenario as a draft and back, and the last result with the fingerprint of the design it ran on.
 * Pure functions, so the controller stays small and the tests need no DOM or worker.
 */
import type { Design } from '../../shared/model/design';
import { designFingerprint, EMPTY_SIMULATION, type ProjectSimulation, type StoredResult } from '../../shared/sim/persist';
import { SCENARIO_DEFAULTS } from '../../shared/sim/scenarios';
import type { Scenario } from '../../shared/sim/simulate';
import { EMPTY_DRAFT, MAX_PAYLOADS, toScenario, type MaxPayload, type ScenarioDraft } from './scenario-draft';

/** Longest scenario name a file accepts. */
const MAX_NAME = 200;

/**
 * A stored scenario as the panel edits it. A demand shared by every flow becomes the panel's demand cap;
 * when flows differ (entered one by one, or by another tool), each keeps its own demand.
 */
export function draftFromScenario(s: Scenario): ScenarioDraft {
  const demands = new Set(s.flows.map((f) => f.demandGbps));
  const shared = demands.size <= 1;
  const demand = demands.size === 1 ? [...demands][0]! : null;
  return {
    name: s.name,
    flows: s.flows.map((f) => (shared ? { ...f, demandGbps: null } : { ...f, own: true })),
    migrations: s.migrations,
    demandText: demand === null ? '' : String(demand),
    maxPayload: (MAX_PAYLOADS as readonly number[]).includes(s.maxPayload) ? (s.maxPayload as MaxPayload) : EMPTY_DRAFT.maxPayload,
    downtimeText: String(Math.round(s.downtimeLimitSec * 1e6) / 1e3),
    diskWriteText: s.diskWriteGbps === undefined ? '' : String(s.diskWriteGbps),
    networkUpdateText: s.networkUpdateSec === undefined ? '' : String(Math.round(s.networkUpdateSec * 1e6) / 1e3),
    policy: s.migrationPolicy ?? 'host',
    migrationBandwidthText: s.migrationBandwidthGbps === undefined || s.migrationBandwidthGbps === null ? '' : String(s.migrationBandwidthGbps),
    failures: s.failures ?? [],
  };
}

/**
 * The draft as a storable scenario, or null when it holds nothing. A draft whose fields do not parse
 * (a half-typed demand) is still kept: its flows and migrations are the work worth saving, and the
 * fields fall back to elastic flows and the default downtime limit.
 */
export function scenarioForSaving(draft: ScenarioDraft): Scenario | null {
  if (draft.flows.length === 0 && draft.migrations.length === 0) return null;
  const name = draft.name.trim().slice(0, MAX_NAME) || 'scenario';
  const checked = toScenario(draft);
  if (checked.ok) return { ...checked.scenario, name };
  return {
    name,
    flows: draft.flows.map((f) => ({ id: f.id, src: f.src, dst: f.dst, demandGbps: f.own ? f.demandGbps : null })),
    migrations: [...draft.migrations],
    maxPayload: draft.maxPayload,
    downtimeLimitSec: SCENARIO_DEFAULTS.downtimeLimitSec,
    ...(draft.policy !== 'host' ? { migrationPolicy: draft.policy } : {}),
    ...(draft.failures.length ? { failures: [...draft.failures] } : {}),
  };
}

/** The last run as the panel holds it. */
export interface RunRecord {
  scenario: Scenario;
  result: StoredResult['result'];
  /** The design the run read (for fresh runs), or the opened design (for restored ones). */
  design: Design;
  /** The stored fingerprint of a restored result; null means "compute it from `design`". */
  fingerprint: string | null;
  runAt: string;
}

/**
 * What to store: the current scenario and last result first, then the file's other scenarios and
 * results (the app shows one at a time; the rest came from the file or the CLI and are kept as they were).
 */
export function simulationToSave(draft: ScenarioDraft, run: RunRecord | null, others: ProjectSimulation): ProjectSimulation {
  const current = scenarioForSaving(draft);
  const results: StoredResult[] = [];
  if (run) {
    const designFp = run.fingerprint ?? designFingerprint(run.design);
    results.push({ scenario: run.scenario, result: run.result, designFingerprint: designFp, runAt: run.runAt });
  }
  const scenarios = current ? [current] : [];
  const taken = new Set(scenarios.map((s) => s.name));
  const ran = new Set(results.map((r) => r.scenario.name));
  return {
    current: current?.name ?? null,
    scenarios: [...scenarios, ...others.scenarios.filter((s) => !taken.has(s.name))],
    results: [...results, ...others.results.filter((r) => !ran.has(r.scenario.name))],
  };
}

export interface Restored {
  draft: ScenarioDraft;
  run: RunRecord | null;
  /** True when the restored result was computed on another version of the design. */
  stale: boolean;
  /** Everything else the file held, written back on save. */
  others: ProjectSimulation;
}

/** The panel state for a project just opened on `design`. */
export function restoreSimulation(sim: ProjectSimulation = EMPTY_SIMULATION, design: Design): Restored {
  const scenario = sim.current === null ? undefined : sim.scenarios.find((s) => s.name === sim.current);
  if (!scenario) return { draft: EMPTY_DRAFT, run: null, stale: false, others: sim };
  const stored = sim.results.find((r) => r.scenario.name === scenario.name);
  const others: ProjectSimulation = {
    current: null,
    scenarios: sim.scenarios.filter((s) => s !== scenario),
    results: sim.results.filter((r) => r !== stored),
  };
  if (!stored) return { draft: draftFromScenario(scenario), run: null, stale: false, others };
  const run: RunRecord = { scenario: stored.scenario, result: stored.result, design, fingerprint: stored.designFingerprint, runAt: stored.runAt };
  return { draft: draftFromScenario(scenario), run, stale: stored.designFingerprint !== designFingerprint(design), others };
}

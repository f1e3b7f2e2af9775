/**
 * Scenarios as code: the versioned JSON form of simulation scenarios (docs/scenarios.md), read by
 * `rackplane simulate --scenario-file` and `scenario import`, written by `scenario export`, and carried in a
 * topology document's `scenarios` array. Each scenario maps one to one onto the simulator's Scenario: flows name
 * their ends as a person writes them (`{ "vm": id }`, `{ "storage": id }`, `{ "host": id }` or "external"),
 * demand is Gb/s or "elastic", and the run's parameters default as in the app.
 *
 * Reading never throws: a bad document gives one line naming the field (`scenarios[0].flows[1].to.vm: …`).
 */
import { z } from 'zod';
import type { Design } from '../model/design';
import { failureProblem, failureSchema } from '../sim/failures';
import { expectationProblem, expectationSchema } from '../sim/expectations';
import { fieldPath, keyedUnion } from '../sim/keyed-schema';
import { MIGRATION_POLICIES } from '../sim/migration-policy';
import type { FlowEnd } from '../sim/paths';
import { SCENARIO_DEFAULTS } from '../sim/scenarios';
import type { Scenario, ScenarioFlow } from '../sim/simulate';
import { stableStringify } from './stable-json';

export const SCENARIO_FILE_FORMAT = 'rackplane-scenarios';
export const SCENARIO_FILE_VERSION = 1;

const id = z.string().min(1).max(200);
const finite = z.number().finite();

/** A flow end as written: "external", or an object naming a VM (and optionally its vNIC), a storage target or a host. */
export type FileFlowEnd = 'external' | { vm: string; vnic?: string } | { storage: string } | { host: string };

const endSchema = z.preprocess(
  (v) => (v === 'external' ? { external: true } : v),
  keyedUnion<FlowEnd>('a flow end ("external" or an object)', {
    vm: z.object({ vm: id, vnic: id.optional() }).strict(),
    storage: z.object({ storage: id }).strict(),
    host: z.object({ host: id }).strict(),
    external: z.object({ external: z.literal(true) }).strict(),
  }),
);

const flowSchema = z
  .object({
    id: id.optional(),
    from: endSchema,
    to: endSchema,
    demandGbps: z.union([finite.positive(), z.literal('elastic')], { error: 'expected a positive number of Gb/s or "elastic"' }).optional(),
    class: id.optional(),
    sizeGB: finite.positive().optional(),
  })
  .strict();

const migrationSchema = z
  .object({ vm: id, to: id, policy: z.enum(MIGRATION_POLICIES).optional(), bandwidthGbps: finite.positive().nullable().optional() })
  .strict();

/** One scenario as a file holds it (also the element of a topology document's `scenarios`). */
export const fileScenarioSchema = z
  .object({
    name: z.string().min(1).max(200),
    flows: z.array(flowSchema).max(1_000_000).optional(),
    migrations: z.array(migrationSchema).max(100_000).optional(),
    failures: z.array(failureSchema).max(100_000).optional(),
    expectations: z.array(expectationSchema).max(100_000).optional(),
    maxPayload: z.number().int().min(128).max(4096).optional(),
    downtimeLimitSec: finite.min(0).optional(),
    diskWriteGbps: finite.min(0).optional(),
    networkUpdateSec: finite.min(0).optional(),
    migrationPolicy: z.enum(MIGRATION_POLICIES).optional(),
    migrationBandwidthGbps: finite.positive().nullable().optional(),
  })
  .strict();
export type FileScenario = z.input<typeof fileScenarioSchema>;

const documentSchema = z.object({
  format: z.literal(SCENARIO_FILE_FORMAT, { error: `expected "${SCENARIO_FILE_FORMAT}"` }),
  version: z.literal(SCENARIO_FILE_VERSION, { error: `expected ${SCENARIO_FILE_VERSION} (the version this Rackplane reads)` }),
  // Each scenario is checked by scenariosFromJson, which names the field of the first problem.
  scenarios: z.array(z.unknown()),
});

const endLabel = (e: FlowEnd) => ('vm' in e ? e.vm : 'storage' in e ? e.storage : 'host' in e ? e.host : 'external');
const endToFile = (e: FlowEnd): FileFlowEnd => ('external' in e ? 'external' : e);

/** The simulator's Scenario from a parsed file scenario; unnamed flows get `from->to` ids (`#2` on repeats). */
function toScenario(s: z.output<typeof fileScenarioSchema>): Scenario {
  const used = new Set((s.flows ?? []).flatMap((f) => (f.id === undefined ? [] : [f.id])));
  const flows: ScenarioFlow[] = (s.flows ?? []).map((f) => {
    let fid = f.id;
    if (fid === undefined) {
      const base = `${endLabel(f.from)}->${endLabel(f.to)}`;
      fid = base;
      for (let n = 2; used.has(fid); n++) fid = `${base}#${n}`;
      used.add(fid);
    }
    const flow: ScenarioFlow = { id: fid, src: f.from, dst: f.to, demandGbps: f.demandGbps === undefined || f.demandGbps === 'elastic' ? null : f.demandGbps };
    if (f.sizeGB !== undefined) flow.sizeGB = f.sizeGB;
    if (f.class !== undefined) flow.class = f.class;
    return flow;
  });
  const out: Scenario = {
    name: s.name,
    flows,
    migrations: s.migrations ?? [],
    maxPayload: s.maxPayload ?? SCENARIO_DEFAULTS.maxPayload,
    downtimeLimitSec: s.downtimeLimitSec ?? SCENARIO_DEFAULTS.downtimeLimitSec,
  };
  if (s.diskWriteGbps !== undefined) out.diskWriteGbps = s.diskWriteGbps;
  if (s.networkUpdateSec !== undefined) out.networkUpdateSec = s.networkUpdateSec;
  if (s.migrationPolicy !== undefined) out.migrationPolicy = s.migrationPolicy;
  if (s.migrationBandwidthGbps !== undefined) out.migrationBandwidthGbps = s.migrationBandwidthGbps;
  if (s.failures?.length) out.failures = s.failures;
  if (s.expectations?.length) out.expectations = s.expectations;
  return out;
}

/** A stored scenario in file form (every parameter written, so the file runs the same on any version). */
export function scenarioToFile(s: Scenario): FileScenario {
  const out: FileScenario = {
    name: s.name,
    flows: s.flows.map((f) => ({
      id: f.id,
      from: endToFile(f.src),
      to: endToFile(f.dst),
      demandGbps: f.demandGbps ?? 'elastic',
      ...(f.class !== undefined ? { class: f.class } : {}),
      ...(f.sizeGB !== undefined ? { sizeGB: f.sizeGB } : {}),
    })),
    migrations: s.migrations,
    maxPayload: s.maxPayload,
    downtimeLimitSec: s.downtimeLimitSec,
  };
  if (s.failures?.length) out.failures = s.failures;
  if (s.expectations?.length) out.expectations = s.expectations;
  if (s.diskWriteGbps !== undefined) out.diskWriteGbps = s.diskWriteGbps;
  if (s.networkUpdateSec !== undefined) out.networkUpdateSec = s.networkUpdateSec;
  if (s.migrationPolicy !== undefined) out.migrationPolicy = s.migrationPolicy;
  if (s.migrationBandwidthGbps !== undefined) out.migrationBandwidthGbps = s.migrationBandwidthGbps;
  return out;
}

export type ScenarioParse = { ok: true; scenarios: Scenario[] } | { ok: false; reason: string };

const firstIssue = (e: z.ZodError, prefix: readonly PropertyKey[] = []) => {
  const i = e.issues[0];
  if (!i) return 'invalid value';
  const path = fieldPath([...prefix, ...i.path]);
  return `${path || '(root)'}: ${i.message}`;
};

/** One scenario from parsed JSON; `at` is its place in the document (`scenarios[2]`) for messages. */
export function scenarioFromJson(raw: unknown, at: readonly PropertyKey[]): { ok: true; scenario: Scenario } | { ok: false; reason: string } {
  const r = fileScenarioSchema.safeParse(raw);
  if (!r.success) return { ok: false, reason: firstIssue(r.error, at) };
  const ids = new Set<string>();
  for (const [j, f] of (r.data.flows ?? []).entries()) {
    if (f.id === undefined) continue;
    if (ids.has(f.id)) return { ok: false, reason: `${fieldPath([...at, 'flows', j, 'id'])}: a second flow with id "${f.id}"` };
    ids.add(f.id);
  }
  return { ok: true, scenario: toScenario(r.data) };
}

/** Scenarios from a parsed `scenarios` array (a file's): names distinct, flow ids distinct within each. */
export function scenariosFromJson(raw: unknown, path: readonly PropertyKey[] = ['scenarios']): ScenarioParse {
  if (!Array.isArray(raw)) return { ok: false, reason: `${fieldPath(path)}: expected an array` };
  if (raw.length > 10_000) return { ok: false, reason: `${fieldPath(path)}: more than 10000 scenarios` };
  const names = new Set<string>();
  const scenarios: Scenario[] = [];
  for (const [i, one] of raw.entries()) {
    const r = scenarioFromJson(one, [...path, i]);
    if (!r.ok) return r;
    if (names.has(r.scenario.name)) return { ok: false, reason: `${fieldPath([...path, i, 'name'])}: a second scenario named "${r.scenario.name}"` };
    names.add(r.scenario.name);
    scenarios.push(r.scenario);
  }
  return { ok: true, scenarios };
}

/** Reads a scenario file's text. */
export function parseScenarioFile(text: string): ScenarioParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = documentSchema.safeParse(raw);
  if (!r.success) {
    // The document's own fields first, so a topology file given by mistake is named as such.
    const doc = raw as { format?: unknown } | null;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, reason: `not a scenario file: expected an object with "format": "${SCENARIO_FILE_FORMAT}"` };
    if (doc.format !== SCENARIO_FILE_FORMAT) return { ok: false, reason: `format: expected "${SCENARIO_FILE_FORMAT}"${typeof doc.format === 'string' ? ` (got "${doc.format}")` : ''}` };
    return { ok: false, reason: firstIssue(r.error) };
  }
  return scenariosFromJson(r.data.scenarios);
}

/** The first id in `scenarios` that `design` lacks, as one line naming the field; null when every id resolves. */
export function scenarioReferenceProblem(design: Design, scenarios: readonly Scenario[], path: readonly PropertyKey[] = ['scenarios']): string | null {
  const kind = (id: string) => (Object.hasOwn(design.elements, id) ? design.elements[id]!.kind : undefined);
  const endProblem = (e: FlowEnd): string | null => {
    if ('vm' in e) return kind(e.vm) === 'vm' ? null : `vm: no VM "${e.vm}" in the design`;
    if ('storage' in e) return kind(e.storage) === 'storage' ? null : `storage: no storage target "${e.storage}" in the design`;
    if ('host' in e) return kind(e.host) === 'host' ? null : `host: no host "${e.host}" in the design`;
    return null;
  };
  for (const [i, s] of scenarios.entries()) {
    const at = fieldPath([...path, i]);
    for (const [j, f] of s.flows.entries()) {
      const p = endProblem(f.src);
      if (p) return `${at}.flows[${j}].from.${p}`;
      const q = endProblem(f.dst);
      if (q) return `${at}.flows[${j}].to.${q}`;
    }
    for (const [j, m] of s.migrations.entries()) {
      if (kind(m.vm) !== 'vm') return `${at}.migrations[${j}].vm: no VM "${m.vm}" in the design`;
      if (kind(m.to) !== 'host') return `${at}.migrations[${j}].to: no host "${m.to}" in the design`;
    }
    for (const [j, f] of (s.failures ?? []).entries()) {
      const p = failureProblem(design, f);
      if (p) return `${at}.failures[${j}].${p}`;
    }
    for (const [j, e] of (s.expectations ?? []).entries()) {
      const p = expectationProblem(design, s, e);
      if (p) return `${at}.expectations[${j}].${p}`;
    }
  }
  return null;
}

/** Scenario file text (stable key order; ends with a newline). */
export function exportScenarioFile(scenarios: readonly Scenario[]): string {
  return stableStringify({ format: SCENARIO_FILE_FORMAT, version: SCENARIO_FILE_VERSION, scenarios: scenarios.map(scenarioToFile) });
}

/**
 * Simulation state stored in a project file: named scenarios, the last result of each, and which
 * scenario the app had open. Each stored result carries the fingerprint of the design it was computed
 * on, so whoever reads it back can tell whether the design has changed since (the result is stale).
 *
 * The schemas here are the single check applied wherever this data crosses a trust boundary: rows read
 * from a file, the IPC payload of project:save and the answer of project:open. Bad entries are dropped
 * one by one with a repair message; nothing here throws on bad input.
 */
import { z } from 'zod';
import { exportTopologyJson } from '../formats/topology';
import type { Design } from '../model/design';
import type { MigrationRound } from './migration';
import { MIGRATION_POLICIES } from './migration-policy';
import { failureSchema } from './failures';
import { EXPECTATION_KINDS, expectationSchema } from './expectations';
import type { Scenario, SimulationResult } from './simulate';

const name = z.string().min(1).max(200);
const finite = z.number().finite();
// Capacities may be unbounded (an uncapped vSwitch copy budget): Infinity survives IPC and `encodeJson`.
// (zod 4's z.number() refuses infinities.)
const number = z.custom<number>((v) => typeof v === 'number' && !Number.isNaN(v), 'must be a number');

const flowEndSchema = z.union([
  z.object({ vm: z.string(), vnic: z.string().optional() }).strict(),
  z.object({ storage: z.string() }).strict(),
  z.object({ host: z.string() }).strict(),
  z.object({ external: z.literal(true) }).strict(),
]);

const migrationPolicy = z.enum(MIGRATION_POLICIES);
// Rate steps of flows and migration streams (optional: results stored before rates changed over time have none).
const rateSteps = z.array(z.object({ t: number, gbps: number })).optional();

export const scenarioSchema = z.object({
  name,
  flows: z.array(z.object({ id: z.string(), src: flowEndSchema, dst: flowEndSchema, demandGbps: finite.positive().nullable(), sizeGB: finite.positive().optional(), class: name.optional() })),
  migrations: z.array(z.object({ vm: z.string(), to: z.string(), policy: migrationPolicy.optional(), bandwidthGbps: finite.positive().nullable().optional() })),
  maxPayload: z.number().int().min(128).max(4096),
  downtimeLimitSec: finite.min(0),
  // Added with local-storage migration and the edge update; older files have neither (defaults apply).
  diskWriteGbps: finite.min(0).optional(),
  networkUpdateSec: finite.min(0).optional(),
  // Added with the stop policies and event-driven rates; older files have none (the host's hypervisor and no limit apply).
  migrationPolicy: migrationPolicy.optional(),
  migrationBandwidthGbps: finite.positive().nullable().optional(),
  // Added with scenario files (docs/scenarios.md); older files have none.
  failures: z.array(failureSchema).max(10_000).optional(),
  expectations: z.array(expectationSchema).max(10_000).optional(),
}) satisfies z.ZodType<Scenario>;

const pathMode = z.enum(['vswitch-local', 'sriov-embedded', 'vepa-hairpin', 'vntag', 'routed', 'fabric']);

export const simulationResultSchema = z.object({
  scenario: z.string(),
  flows: z.array(
    z.object({
      id: z.string(),
      rate: number,
      demand: number.nullable(),
      mode: pathMode.nullable(),
      path: z.array(z.string()),
      bottleneck: z.string().nullable(),
      pcieCrossings: number,
      dropped: z.string().nullable(),
      rateSteps,
      finishedSeconds: number.nullable().optional(),
    }),
  ),
  resources: z.array(z.object({ id: z.string(), kind: z.enum(['pcie', 'ethernet', 'vswitch-copy']), ref: z.string(), capacity: number, load: number, utilisation: number })),
  vswitchCpu: z.array(z.object({ host: z.string(), gbps: number, budget: number })),
  migrations: z.array(
    z.object({
      vm: z.string(),
      to: z.string(),
      rateGbps: number,
      bottleneck: z.string().nullable(),
      // The migration model's detail (rounds, stop reason) is shown as computed; only its shape is checked.
      result: z
        .object({
          converged: z.boolean(),
          stopReason: z.string(),
          policy: migrationPolicy.optional(),
          rounds: z.array(z.custom<MigrationRound>((v) => v !== null && typeof v === 'object')),
          transferredBytes: number,
          totalSeconds: number,
          downtimeSeconds: number,
          lambda: number,
          // Optional: results stored before local-storage copies and the edge update were modelled lack them.
          storageBytes: number.optional(),
          storageSeconds: number.optional(),
          storageRounds: z.array(z.object({ sentBytes: number, seconds: number })).optional(),
          storageConverged: z.boolean().optional(),
          resumeSeconds: number.optional(),
          networkUpdateSeconds: number.optional(),
          networkUpdateInDowntime: z.boolean().optional(),
          // Added with VSI associations (EVB-003); older results have none.
          vsiPreassociated: z.boolean().optional(),
        })
        .nullable(),
      dropped: z.string().nullable(),
      edgeUpdate: z.enum(['rarp', 'vdp-associate']).optional(),
      notes: z.array(z.string()).optional(),
      policy: migrationPolicy.optional(),
      bandwidthGbps: number.nullable().optional(),
      bandwidthLimitGbps: number.nullable().optional(),
      rateSteps,
    }),
  ),
  protocolEfficiency: number,
  durationSeconds: number.optional(),
  downLinks: z.array(z.string()).optional(),
  expectations: z
    .array(
      z.object({
        kind: z.enum(EXPECTATION_KINDS),
        label: z.string(),
        subject: z.string(),
        expected: number,
        measured: number.nullable(),
        passed: z.boolean(),
        message: z.string(),
      }),
    )
    .optional(),
});

/** The last run of a scenario: what ran, what came out, when, and on which design. */
export const storedResultSchema = z.object({
  /** The scenario exactly as it ran (its flows label the result rows). */
  scenario: scenarioSchema,
  result: simulationResultSchema,
  designFingerprint: z.string().min(1).max(100),
  runAt: z.string().min(1).max(100),
});

export interface StoredResult {
  scenario: Scenario;
  result: SimulationResult;
  designFingerprint: string;
  runAt: string;
}

/** Everything about simulation a project file holds. */
export interface ProjectSimulation {
  /** Name of the scenario the app shows when the project opens; null when none. */
  current: string | null;
  /** Distinct names, in the order saved. */
  scenarios: Scenario[];
  /** At most one per scenario name. */
  results: StoredResult[];
}

export const EMPTY_SIMULATION: ProjectSimulation = { current: null, scenarios: [], results: [] };

/** The IPC form: checked as a whole (a renderer that sends a malformed entry has a bug, not a bad file). */
export const projectSimulationSchema = z.object({
  current: name.nullable(),
  scenarios: z.array(scenarioSchema).max(10_000),
  results: z.array(storedResultSchema).max(10_000),
});

/**
 * FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 hex digits. Pure TypeScript (no BigInt: four
 * 16-bit limbs keep every product exact in a double), the same in the app, the worker and the CLI.
 * It detects change, not tampering: a collision needs crafted input.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325 as limbs, least significant first.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const step = (byte: number) => {
    h0 ^= byte;
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3;
    const t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    h0 = t0 & 0xffff;
    const c1 = t1 + (t0 >>> 16);
    h1 = c1 & 0xffff;
    const c2 = t2 + Math.floor(c1 / 0x10000);
    h2 = c2 & 0xffff;
    h3 = (t3 + Math.floor(c2 / 0x10000)) & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) step(c);
    else if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 0x3f));
    } else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // a lone surrogate encodes as U+FFFD, as TextEncoder does
      if (c < 0x10000) {
        step(0xe0 | (c >> 12));
      } else {
        step(0xf0 | (c >> 18));
        step(0x80 | ((c >> 12) & 0x3f));
      }
      step(0x80 | ((c >> 6) & 0x3f));
      step(0x80 | (c & 0x3f));
    }
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * Identifies what a simulation reads: the FNV-1a 64 hash of the design's topology JSON with its metadata
 * blanked. Saving bumps the revision and renaming changes the name; neither changes a result, so
 * neither may mark one stale. Any element or link change (moves included) does.
 */
export function designFingerprint(design: Design): string {
  return `fnv1a64:${fnv1a64(exportTopologyJson({ ...design, meta: { name: '', description: '', revision: 0 } }))}`;
}

/** JSON text that keeps non-finite numbers (JSON would turn Infinity into null). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/** Parses `encodeJson` text; throws SyntaxError on text that is not JSON. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tag = (v as { $number?: unknown }).$number;
      if (keys.length === 1 && (tag === 'Infinity' || tag === '-Infinity' || tag === 'NaN')) return Number(tag);
    }
    return v;
  });
}

const firstIssue = (e: z.ZodError) => {
  const i = e.issues[0];
  return i ? `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` : 'invalid value';
};

/**
 * Checks simulation state entry by entry: a bad scenario or result is dropped with one repair line, a
 * duplicate name keeps its first entry, a result for an unknown scenario is kept (the CLI can still show
 * it), and `current` falls back to null when it names no scenario.
 */
export function checkProjectSimulation(raw: { current?: unknown; scenarios?: unknown; results?: unknown } | null | undefined): { simulation: ProjectSimulation; repairs: string[] } {
  const repairs: string[] = [];
  const scenarios: Scenario[] = [];
  const results: StoredResult[] = [];
  const seen = new Set<string>();
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
  // A name, when the entry has one, tells the user which scenario was lost.
  const label = (v: unknown, i: number) => (typeof (v as { name?: unknown } | null)?.name === 'string' ? `“${(v as { name: string }).name}”` : `#${i + 1}`);
  for (const [i, s] of list(raw?.scenarios).entries()) {
    const r = scenarioSchema.safeParse(s);
    if (!r.success) repairs.push(`dropped stored scenario ${label(s, i)} (${firstIssue(r.error)})`);
    else if (seen.has(r.data.name)) repairs.push(`dropped a second stored scenario named “${r.data.name}”`);
    else {
      seen.add(r.data.name);
      scenarios.push(r.data);
    }
  }
  const ran = new Set<string>();
  for (const [i, s] of list(raw?.results).entries()) {
    const r = storedResultSchema.safeParse(s);
    if (!r.success) repairs.push(`dropped the stored result of scenario ${label((s as { scenario?: unknown } | null)?.scenario, i)} (${firstIssue(r.error)})`);
    else if (ran.has(r.data.scenario.name)) repairs.push(`dropped a second stored result of scenario “${r.data.scenario.name}”`);
    else {
      ran.add(r.data.scenario.name);
      results.push(r.data as StoredResult);
    }
  }
  const current = typeof raw?.current === 'string' && seen.has(raw.current) ? raw.current : null;
  return { simulation: { current, scenarios, results }, repairs };
}

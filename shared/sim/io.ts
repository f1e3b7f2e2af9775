/** The max-min instance and rates JSON formats shared with the measurement peers (../shared/bench). */

import type { MaxMinInstance, MaxMinSolution } from './maxmin';

/** Instance JSON: `{"links":[{"id","capacity"}], "flows":[{"id","path":[linkId,…]}]}` (Gb/s). */
export interface InstanceJson {
  links: { id: string; capacity: number }[];
  flows: { id: string; path: string[]; demand?: number | null }[];
  meta?: unknown;
}

export interface RatesJson {
  peer?: string;
  n_links: number;
  n_flows: number;
  solve_seconds: number;
  rates: Record<string, number | null>;
}

export type ParseInstanceResult = { ok: true; instance: MaxMinInstance; linkIds: string[]; flowIds: string[] } | { ok: false; reason: string };

/** Validates an instance object and builds the solver's arrays; never throws. */
export function buildInstance(raw: unknown): ParseInstanceResult {
  if (raw === null || typeof raw !== 'object') return { ok: false, reason: 'instance must be a JSON object with "links" and "flows"' };
  const { links, flows } = raw as Partial<InstanceJson>;
  if (!Array.isArray(links) || !Array.isArray(flows)) return { ok: false, reason: 'instance must have "links" and "flows" arrays' };
  const index = new Map<string, number>();
  const capacities = new Float64Array(links.length);
  const linkIds: string[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as { id?: unknown; capacity?: unknown };
    if (!l || typeof l.id !== 'string') return { ok: false, reason: `link #${i + 1} has no string "id"` };
    if (typeof l.capacity !== 'number' || !(l.capacity >= 0) || !Number.isFinite(l.capacity)) return { ok: false, reason: `link ${l.id}: "capacity" must be a finite number ≥ 0` };
    if (index.has(l.id)) return { ok: false, reason: `link id ${l.id} appears twice` };
    index.set(l.id, i);
    capacities[i] = l.capacity;
    linkIds[i] = l.id;
  }
  let entries = 0;
  for (const f of flows) entries += Array.isArray((f as { path?: unknown })?.path) ? (f as { path: unknown[] }).path.length : 0;
  const flowPtr = new Int32Array(flows.length + 1);
  const flowLinks = new Int32Array(entries);
  const flowIds: string[] = new Array(flows.length);
  let demands: Float64Array | undefined;
  let w = 0;
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i] as { id?: unknown; path?: unknown; demand?: unknown };
    if (!f || typeof f.id !== 'string') return { ok: false, reason: `flow #${i + 1} has no string "id"` };
    if (!Array.isArray(f.path)) return { ok: false, reason: `flow ${f.id}: "path" must be an array of link ids` };
    flowPtr[i] = w;
    for (const lid of f.path) {
      const li = index.get(lid as string);
      if (li === undefined) return { ok: false, reason: `flow ${f.id}: unknown link ${String(lid)}` };
      flowLinks[w++] = li;
    }
    if (f.demand !== undefined && f.demand !== null) {
      if (typeof f.demand !== 'number' || !(f.demand >= 0)) return { ok: false, reason: `flow ${f.id}: "demand" must be a number ≥ 0 or null` };
      demands ??= new Float64Array(flows.length).fill(Infinity);
      demands[i] = f.demand;
    }
    flowIds[i] = f.id;
  }
  flowPtr[flows.length] = w;
  const instance: MaxMinInstance = demands ? { capacities, flowPtr, flowLinks, demands } : { capacities, flowPtr, flowLinks };
  return { ok: true, instance, linkIds, flowIds };
}

/** The rates JSON of a solution (unbounded flows as null). */
export function ratesJson(flowIds: string[], nLinks: number, sol: MaxMinSolution, solveSeconds: number, peer = 'rackplane'): RatesJson {
  const rates: Record<string, number | null> = {};
  for (let i = 0; i < flowIds.length; i++) {
    const r = sol.rates[i]!;
    rates[flowIds[i]!] = r === Infinity ? null : r;
  }
  return { peer, n_links: nLinks, n_flows: flowIds.length, solve_seconds: solveSeconds, rates };
}

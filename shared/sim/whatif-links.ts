/**
 * How each link's traffic changed between two runs of a scenario: the run without the what-if failures (the
 * baseline) and the run with them. The app's heatmap diff mode colours links by this: slowed (carries less than
 * before), lost (carried traffic before and none now), down (a failure took it down) and gained (carries more:
 * traffic failed over onto it). Links whose throughput did not change are left out.
 */
import { SLOW_EPSILON } from './whatif';
import type { ResourceResult, SimulationResult } from './simulate';

export type LinkChange = 'slowed' | 'lost' | 'down' | 'gained';

/** Resource kinds that are a direction of a drawn link (as the heatmap counts them). */
const LINK_KINDS = new Set<ResourceResult['kind']>(['pcie', 'ethernet']);

/** Throughput of each PCIe and Ethernet link: the peak loads of its directions added, Gb/s. */
export function linkThroughput(resources: readonly Pick<ResourceResult, 'kind' | 'ref' | 'load'>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of resources) {
    if (!LINK_KINDS.has(r.kind)) continue;
    const load = Number.isFinite(r.load) ? r.load : 0;
    out.set(r.ref, (out.get(r.ref) ?? 0) + load);
  }
  return out;
}

/** Two rates are the same when closer than SLOW_EPSILON of the larger (solver rounding, not a change). */
const same = (a: number, b: number) => Math.abs(a - b) <= SLOW_EPSILON * Math.max(1, a, b);

/** Each link whose traffic the failures changed, and how; `after.downLinks` beyond the baseline's are down. */
export function linkChanges(base: Pick<SimulationResult, 'resources' | 'downLinks'>, after: Pick<SimulationResult, 'resources' | 'downLinks'>): Map<string, LinkChange> {
  const out = new Map<string, LinkChange>();
  const wasDown = new Set(base.downLinks ?? []);
  for (const l of after.downLinks ?? []) if (!wasDown.has(l)) out.set(l, 'down');
  const before = linkThroughput(base.resources);
  const now = linkThroughput(after.resources);
  for (const [link, b] of before) {
    if (out.has(link)) continue;
    const a = now.get(link) ?? 0;
    if (same(a, b)) continue;
    if (a < b) out.set(link, same(a, 0) ? 'lost' : 'slowed');
    else out.set(link, 'gained');
  }
  // A link the baseline did not model (it was down there) that now carries traffic gained it.
  for (const [link, a] of now) if (!before.has(link) && !out.has(link) && !same(a, 0)) out.set(link, 'gained');
  return out;
}

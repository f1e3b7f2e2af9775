/**
 * Hosts' own findings, as a fabric rule's check hands them on: the diagnostics each host's facts carry, host after
 * host in document order. Kept across passes and refreshed from the hosts whose facts changed, so that an edit to
 * one host costs that host and a sort of the hosts that have findings, not a walk over 10,000 hosts' facts.
 */
import type { Diagnostic, FabricContext, Reads } from './types';

/**
 * Only which hosts exist and their order matter (a host's own record reaches the rule through its facts): a host
 * edited in place keeps the kept lists, a host added, removed or moved into another container rebuilds them.
 */
const HOST_ORDER_READS: Reads = { elements: ['host'], links: [], fields: { host: [] } };

interface HostFindings {
  /** Host id → its non-empty findings. */
  byHost: Map<string, readonly Diagnostic[]>;
  /** The concatenation in host order, or null when a host's findings changed since it was made. */
  ordered: Diagnostic[] | null;
  /** True right after a rebuild from every host's facts, which already holds what `changed` names. */
  fresh: boolean;
}

/**
 * Every host's findings (`pick(facts)`), in host document order; `key` names the kept lists (one per rule). The
 * result is shared with later passes: callers copy it before appending their own findings.
 */
export function hostFindingsInOrder<F>(ctx: FabricContext, key: string, facts: ReadonlyMap<string, F>, changed: ReadonlySet<string>, pick: (f: F) => readonly Diagnostic[]): readonly Diagnostic[] {
  const kept = ctx.keep<HostFindings>(`host-findings:${key}`, HOST_ORDER_READS, () => {
    const byHost = new Map<string, readonly Diagnostic[]>();
    for (const host of ctx.ofKind('host')) {
      const f = facts.get(host.id);
      const list = f === undefined ? undefined : pick(f);
      if (list?.length) byHost.set(host.id, list);
    }
    return { byHost, ordered: null, fresh: true };
  });
  if (kept.fresh) kept.fresh = false;
  else {
    for (const id of changed) {
      const f = facts.get(id);
      const list = f === undefined ? undefined : pick(f);
      const had = kept.byHost.get(id);
      if (list?.length) kept.byHost.set(id, list);
      else kept.byHost.delete(id);
      if (had !== list && (had?.length || list?.length)) kept.ordered = null;
    }
  }
  if (kept.ordered === null) {
    const ids = [...kept.byHost.keys()];
    if (ids.length > 1) {
      const pos = ctx.positions('host');
      ids.sort((a, b) => pos.get(a)! - pos.get(b)!);
    }
    const ordered: Diagnostic[] = [];
    for (const id of ids) for (const d of kept.byHost.get(id)!) ordered.push(d);
    kept.ordered = ordered;
  }
  return kept.ordered;
}

/**
 * What the results tables show: flow rows (source, destination, mode, rate, bottleneck, dropped reason),
 * sorting, migration rows, and readable names for resources ("esx-h001 eth0 → ToR p3"). Pure functions
 * over the design, the scenario that ran and its result.
 */
import type { Design } from '../../shared/model/design';
import type { PathMode } from '../../shared/sim/paths';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { endLabel } from './scenario-draft';

export const MODE_LABELS: Record<PathMode, string> = {
  'vswitch-local': 'vSwitch (local copy)',
  'sriov-embedded': 'SR-IOV embedded bridge',
  'vepa-hairpin': 'VEPA hairpin',
  vntag: 'VN-Tag',
  routed: 'routed (L3 gateway)',
  fabric: 'fabric',
};

export interface FlowRow {
  id: string;
  source: string;
  destination: string;
  mode: string;
  /** Gb/s; 0 for dropped flows. */
  rate: number;
  bottleneck: string;
  dropped: string;
}

export type FlowColumn = 'source' | 'destination' | 'mode' | 'rate' | 'bottleneck' | 'dropped';
export interface FlowSort {
  column: FlowColumn;
  descending: boolean;
}

const elName = (d: Design, id: string) => {
  const e = d.elements[id];
  return e ? e.name || e.id : id;
};

// Devices inside servers share names ("nic0" in every host): a link end names its server too.
const endName = (d: Design, id: string) => {
  const e = d.elements[id];
  if (!e) return id;
  const host = e.parent !== null ? d.elements[e.parent] : undefined;
  return host ? `${host.name || host.id} ${e.name || e.id}` : e.name || e.id;
};

/** A resource id as a person reads it: which link and which direction, or whose vSwitch copy budget. */
export function resourceLabel(d: Design, resourceId: string): string {
  if (resourceId === 'demand') return 'demand cap';
  const [kind, ...rest] = resourceId.split(':');
  if (kind === 'copy') return `vSwitch copy on ${elName(d, rest.join(':'))}`;
  const dir = rest.pop();
  const linkId = rest.join(':');
  const link = d.links[linkId];
  if (!link) return resourceId;
  const a = `${endName(d, link.a.element)} ${link.a.port}`;
  const b = `${endName(d, link.b.element)} ${link.b.port}`;
  if (kind === 'pcie') return dir === 'down' ? `PCIe ${a} → ${b}` : `PCIe ${b} → ${a}`;
  return dir === 'ab' ? `${a} → ${b}` : `${b} → ${a}`;
}

/** One row per flow, in scenario order (result.flows[i] answers scenario.flows[i]). */
export function flowRows(d: Design, scenario: Scenario, result: SimulationResult): FlowRow[] {
  const labels = new Map<string, string>();
  const label = (id: string) => {
    let l = labels.get(id);
    if (l === undefined) labels.set(id, (l = resourceLabel(d, id)));
    return l;
  };
  return result.flows.map((f, i) => {
    const spec = scenario.flows[i];
    return {
      id: f.id,
      source: spec ? endLabel(d, spec.src) : f.id,
      destination: spec ? endLabel(d, spec.dst) : '',
      mode: f.mode ? MODE_LABELS[f.mode] : '—',
      rate: f.dropped ? 0 : f.rate,
      bottleneck: f.bottleneck ? label(f.bottleneck) : '',
      dropped: f.dropped ?? '',
    };
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows sorted by a column; ties keep scenario order so the table never jumps between equal rows. */
export function sortFlowRows(rows: readonly FlowRow[], sort: FlowSort): FlowRow[] {
  const sign = sort.descending ? -1 : 1;
  const key = sort.column;
  const idx = rows.map((r, i) => i);
  idx.sort((i, j) => {
    const a = rows[i]!;
    const b = rows[j]!;
    const c = key === 'rate' ? a.rate - b.rate : collator.compare(a[key], b[key]);
    return c !== 0 ? sign * c : i - j;
  });
  return idx.map((i) => rows[i]!);
}

/** Clicking a header sorts by it; clicking it again reverses. Rates start highest first, text A→Z. */
export function nextSort(cur: FlowSort, column: FlowColumn): FlowSort {
  if (cur.column === column) return { column, descending: !cur.descending };
  return { column, descending: column === 'rate' };
}

export interface MigrationRow {
  vm: string;
  from: string;
  to: string;
  rate: number;
  rounds: number | null;
  totalSeconds: number | null;
  downtimeMs: number | null;
  transferredGiB: number | null;
  /** Local disk copied before the memory, GiB; null when none was (shared storage). */
  diskGiB: number | null;
  status: string;
  bottleneck: string;
  /** The stop policy that decided it ('' in results stored before policies existed). */
  policy: string;
}

const STOP_REASONS: Record<string, string> = {
  'downtime-limit': 'converged',
  'few-dirty-pages': 'converged (few dirty pages)',
  'max-rounds': 'not converged: round cap',
  'max-transfer': 'not converged: 3× memory sent',
  'no-bandwidth': 'no bandwidth',
  'no-convergence': 'does not finish',
};

/** One row per requested migration, with the pre-copy figures when it ran. */
export function migrationRows(d: Design, result: SimulationResult, fromHosts: ReadonlyMap<string, string>): MigrationRow[] {
  return result.migrations.map((m) => {
    const r = m.result;
    const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
    return {
      vm: elName(d, m.vm),
      from: elName(d, fromHosts.get(m.vm) ?? '?'),
      to: elName(d, m.to),
      // The stream's average rate (it changes as other streams end); its last rate when it does not finish.
      rate: m.rateGbps,
      rounds: r && r.rounds.length ? r.rounds.length : null,
      totalSeconds: finite(r?.totalSeconds),
      downtimeMs: r && Number.isFinite(r.downtimeSeconds) ? r.downtimeSeconds * 1000 : null,
      transferredGiB: r && r.rounds.length ? r.transferredBytes / 1024 ** 3 : null,
      diskGiB: r?.storageBytes ? r.storageBytes / 1024 ** 3 : null,
      // "does not finish: …" already says it all; anything else in `dropped` could not start.
      status: m.dropped ? (m.dropped.startsWith('does not finish') ? m.dropped : `dropped: ${m.dropped}`) : r ? (r.storageConverged === false ? 'disk copy did not catch up' : (STOP_REASONS[r.stopReason] ?? r.stopReason)) : '',
      bottleneck: m.bottleneck ? resourceLabel(d, m.bottleneck) : '',
      policy: m.policy ?? '',
    };
  });
}

/** Where each migrating VM was when the run started (the design may move it later). */
export function migrationSources(d: Design, scenario: Scenario): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of scenario.migrations) {
    const vm = d.elements[s.vm];
    if (vm?.kind === 'vm' && vm.parent !== null) m.set(s.vm, vm.parent);
  }
  return m;
}

/** Gb/s as the tables show it: three significant figures, small rates in Mb/s-sized decimals. */
export function formatRate(gbps: number): string {
  if (gbps === 0) return '0';
  if (gbps >= 100) return gbps.toFixed(0);
  if (gbps >= 10) return gbps.toFixed(1);
  if (gbps >= 0.01) return gbps.toFixed(2);
  return gbps.toPrecision(2);
}

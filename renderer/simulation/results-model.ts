/**
 * What the results tables show: flow rows (source, destination, mode, rate, bottleneck, dropped reason),
 * sorting, migration rows, and readable names for resources ("esx-h001 eth0 → ToR p3"). Pure functions
 * over the design, the scenario that ran and its result.
 */
import type { Design } from '../../shared/model/design';
import type { PathMode } from '../../shared/sim/paths';
import type { Scenario, SimulationResult } from '../../shared/sim/simulate';
import { endLabel } from './scenario-draft';
import { MODE_LABELS, resourceLabel } from '../../shared/export/sim-names';

// Names for modes and resources are shared with the reports (shared/export/sim-names.ts).
export { MODE_LABELS, resourceLabel };

/** What each path mode means, for the Mode column's tooltips (docs/simulation.md "Paths per bridging mode"). */
export const MODE_HINTS: Record<PathMode, string> = {
  'vswitch-local': 'Both VMs on one host’s software switch: the frames are copied in memory, limited by the host’s vSwitch copy budget',
  'sriov-embedded': 'VF to VF through the NIC’s embedded bridge (VEB): switched inside the card, limited by its PCIe link',
  'vepa-hairpin': 'VEPA: the NIC sends VM-to-VM frames out to the adjacent switch, which reflects them back (hairpin) on the same port',
  vntag: 'VN-Tag / 802.1BR port extension: every frame goes to the controlling bridge, which switches it',
  routed: 'Different VLANs: the frames go through the switch that routes them (its L3 interface) and back',
  fabric: 'Between hosts: out of one host’s NIC, across the ToR (and spine) switches, into the other host',
};

/** Column explanations shown as header tooltips. */
export const FLOW_COLUMN_HINTS = {
  mode: 'How the flow’s frames travel, which decides what limits them; hover a mode for what it means',
  demand: 'The rate the flow asks for (its cap); “no cap” takes whatever its path leaves',
  share: 'Rate as a share of the demand: below 100 % the path, not the flow, is the limit',
} as const;

export interface FlowRow {
  id: string;
  source: string;
  destination: string;
  mode: string;
  /** What the mode means (empty for a dropped flow without one). */
  modeHint: string;
  /** Gb/s; 0 for dropped flows. */
  rate: number;
  /** The flow's demand cap, Gb/s; null when it has none. */
  demand: number | null;
  /** rate ÷ demand (0-1); null without a demand cap. */
  share: number | null;
  bottleneck: string;
  dropped: string;
}

export type FlowColumn = 'source' | 'destination' | 'mode' | 'rate' | 'demand' | 'share' | 'bottleneck' | 'dropped';
export interface FlowSort {
  column: FlowColumn;
  descending: boolean;
}

const elName = (d: Design, id: string) => {
  const e = d.elements[id];
  return e ? e.name || e.id : id;
};


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
    const rate = f.dropped ? 0 : f.rate;
    const demand = f.demand !== null && Number.isFinite(f.demand) && f.demand > 0 ? f.demand : null;
    return {
      id: f.id,
      source: spec ? endLabel(d, spec.src) : f.id,
      destination: spec ? endLabel(d, spec.dst) : '',
      mode: f.mode ? MODE_LABELS[f.mode] : '—',
      modeHint: f.mode ? MODE_HINTS[f.mode] : '',
      rate,
      demand,
      share: demand === null ? null : rate / demand,
      bottleneck: f.bottleneck ? label(f.bottleneck) : '',
      dropped: f.dropped ?? '',
    };
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const NUMERIC_COLUMNS: ReadonlySet<FlowColumn> = new Set(['rate', 'demand', 'share']);
type TextColumn = Exclude<FlowColumn, 'rate' | 'demand' | 'share'>;
// No cap is more than any cap; no share (no cap) sorts below every share.
const numeric = (r: FlowRow, key: FlowColumn): number => (key === 'rate' ? r.rate : key === 'demand' ? (r.demand ?? Infinity) : (r.share ?? -1));

/** Rows sorted by a column; ties keep scenario order so the table never jumps between equal rows. */
export function sortFlowRows(rows: readonly FlowRow[], sort: FlowSort): FlowRow[] {
  const sign = sort.descending ? -1 : 1;
  const key = sort.column;
  const idx = rows.map((r, i) => i);
  idx.sort((i, j) => {
    const a = rows[i]!;
    const b = rows[j]!;
    const c = NUMERIC_COLUMNS.has(key) ? numeric(a, key) - numeric(b, key) : collator.compare(a[key as TextColumn], b[key as TextColumn]);
    return c !== 0 ? sign * c : i - j;
  });
  return idx.map((i) => rows[i]!);
}

/** Clicking a header sorts by it; clicking it again reverses. Rates start highest first, text A→Z. */
export function nextSort(cur: FlowSort, column: FlowColumn): FlowSort {
  if (cur.column === column) return { column, descending: !cur.descending };
  return { column, descending: NUMERIC_COLUMNS.has(column) };
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
      status:
        (m.dropped ? (m.dropped.startsWith('does not finish') ? m.dropped : `dropped: ${m.dropped}`) : r ? (r.storageConverged === false ? 'disk copy did not catch up' : (STOP_REASONS[r.stopReason] ?? r.stopReason)) : '') +
        // The run's notes (a VSI not pre-associated at the destination's bridge) follow the outcome.
        (m.notes?.length ? ` — ${m.notes.join(' ')}` : ''),
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

/** A total throughput with its unit: Tb/s from 1,000 Gb/s up, where Gb/s figures get too long to read. */
export function formatThroughput(gbps: number): string {
  if (gbps >= 1000) return `${(gbps / 1000).toFixed(gbps >= 10_000 ? 1 : 2)} Tb/s`;
  return `${gbps.toFixed(1)} Gb/s`;
}

/** A share as a percentage: `87 %`, `99.5 %` (one decimal only where the whole number would round to 100). */
export function formatShare(share: number): string {
  const p = share * 100;
  return `${p < 99.5 || p >= 100 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/**
 * A long name shortened in the middle, where names in a rack differ least ("esx-r01-h001 … vm07" keeps both the
 * host and the VM); the full name goes in the tooltip.
 */
export function elideMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

/** Gb/s as the tables show it: three significant figures, small rates in Mb/s-sized decimals. */
export function formatRate(gbps: number): string {
  if (gbps === 0) return '0';
  if (gbps >= 100) return gbps.toFixed(0);
  if (gbps >= 10) return gbps.toFixed(1);
  if (gbps >= 0.01) return gbps.toFixed(2);
  return gbps.toPrecision(2);
}

/**
 * What `rackplane simulate` prints: the simulation result with a summary (JSON), a short table of the busiest
 * resources and the slowest flows (text), and the traffic's max-min instance in the measurement peers' format.
 */
import type { InstanceJson } from '../../../shared/sim/io';
import { escapeControls } from '../../../shared/text/printable';
import type { FlowResult, ResourceResult, SimulationResult } from '../../../shared/sim/simulate';

/** Utilisation at or above this counts as saturated (max-min leaves bottlenecks full up to rounding). */
const SATURATED = 1 - 1e-9;
const TOP = 10;

export interface SimulationSummary {
  flows: number;
  routed: number;
  dropped: number;
  /** Sum of the routed flows' rates, Gb/s. */
  totalGbps: number;
  minRateGbps: number | null;
  meanRateGbps: number | null;
  resources: number;
  busyResources: number;
  saturatedResources: number;
  busiest: { id: string; utilisation: number } | null;
  migrations: number;
  migrationsDropped: number;
  migrationsConverged: number;
  maxMigrationSeconds: number | null;
  maxDowntimeSeconds: number | null;
  /** Local-disk bytes copied by all migrations (0 when every source host uses shared storage). */
  storageBytes: number;
  /** Longest local-disk copy, seconds; null when no migration copied a disk. */
  maxStorageSeconds: number | null;
}

const max = (xs: number[]) => (xs.length ? xs.reduce((a, b) => (b > a ? b : a)) : null);

export function summarizeSimulation(r: SimulationResult): SimulationSummary {
  const routed = r.flows.filter((f) => f.dropped === null);
  let total = 0;
  let min = Infinity;
  for (const f of routed) {
    total += f.rate;
    if (f.rate < min) min = f.rate;
  }
  let busiest: ResourceResult | null = null;
  let busy = 0;
  let saturated = 0;
  for (const res of r.resources) {
    if (res.load > 0) busy++;
    if (res.utilisation >= SATURATED) saturated++;
    if (res.load > 0 && (!busiest || res.utilisation > busiest.utilisation)) busiest = res;
  }
  const ran = r.migrations.filter((m) => m.result !== null).map((m) => m.result!);
  return {
    flows: r.flows.length,
    routed: routed.length,
    dropped: r.flows.length - routed.length,
    totalGbps: total,
    minRateGbps: routed.length ? min : null,
    meanRateGbps: routed.length ? total / routed.length : null,
    resources: r.resources.length,
    busyResources: busy,
    saturatedResources: saturated,
    busiest: busiest ? { id: busiest.id, utilisation: busiest.utilisation } : null,
    migrations: r.migrations.length,
    migrationsDropped: r.migrations.filter((m) => m.dropped !== null).length,
    migrationsConverged: ran.filter((m) => m.converged).length,
    // Infinity (a stream that got no bandwidth) is kept out of the maxima and shows as not converged.
    maxMigrationSeconds: max(ran.map((m) => m.totalSeconds).filter(Number.isFinite)),
    maxDowntimeSeconds: max(ran.map((m) => m.downtimeSeconds).filter(Number.isFinite)),
    storageBytes: ran.reduce((sum, m) => sum + (m.storageBytes ?? 0), 0),
    maxStorageSeconds: max(ran.map((m) => m.storageSeconds ?? 0).filter((x) => x > 0 && Number.isFinite(x))),
  };
}

/** The JSON report: the SimulationResult without idle resources, with a summary. Infinite values become null. */
export function simulationJson(r: SimulationResult) {
  return {
    scenario: r.scenario,
    summary: summarizeSimulation(r),
    flows: r.flows,
    resources: r.resources.filter((x) => x.load > 0),
    vswitchCpu: r.vswitchCpu,
    migrations: r.migrations,
    protocolEfficiency: r.protocolEfficiency,
    ...(r.downLinks ? { downLinks: r.downLinks } : {}),
    ...(r.expectations ? { expectations: r.expectations } : {}),
  };
}

export const rate = (gbps: number | null) => (gbps === null ? '-' : gbps === 0 ? '0 Gb/s' : gbps >= 100 ? `${gbps.toFixed(0)} Gb/s` : gbps >= 1 ? `${gbps.toFixed(2)} Gb/s` : `${(gbps * 1e3).toFixed(1)} Mb/s`);
const pct = (u: number) => `${(u * 100).toFixed(1)}%`;
const secs = (s: number | null) => (s === null ? '-' : s < 1 ? `${(s * 1e3).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const bytes = (b: number | undefined) => (!b ? '-' : b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GiB` : `${(b / 1024 ** 2).toFixed(0)} MiB`);
/** "10 ms RARP" / "10 ms VDP (downtime)": the edge update and whether it stopped traffic. */
function edge(m: SimulationResult['migrations'][number]): string {
  const r = m.result;
  if (!r || r.networkUpdateSeconds === undefined) return '-';
  const how = m.edgeUpdate === 'vdp-associate' ? 'VDP' : 'RARP';
  return `${secs(r.networkUpdateSeconds)} ${how}${r.networkUpdateInDowntime ? ' (downtime)' : ''}`;
}

/** Columns padded to their widest cell, the first left-aligned and the rest right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

const byRate = (a: FlowResult, b: FlowResult) => a.rate - b.rate || (a.id < b.id ? -1 : 1);

export function simulationText(r: SimulationResult, file: string): string {
  const s = summarizeSimulation(r);
  const out = [
    `Scenario ${r.scenario} on ${file}: ${s.flows} flows (${s.routed} routed, ${s.dropped} dropped), ${rate(s.totalGbps)} in all; ` +
      `${s.saturatedResources} saturated of ${s.busyResources} busy resources; PCIe protocol efficiency ${r.protocolEfficiency.toFixed(3)}`,
  ];
  const busiest = r.resources
    .filter((x) => x.load > 0)
    .sort((a, b) => b.utilisation - a.utilisation || (a.id < b.id ? -1 : 1))
    .slice(0, TOP);
  if (busiest.length) {
    out.push('', `Busiest resources (top ${busiest.length}${r.durationSeconds ? `; load = the peak over the run's ${secs(r.durationSeconds)}` : ''}):`);
    out.push(...table(['resource', 'kind', 'capacity', 'load', 'use'], busiest.map((x) => [x.id, x.kind, Number.isFinite(x.capacity) ? rate(x.capacity) : 'unbounded', rate(x.load), pct(x.utilisation)])));
  }
  const slowest = r.flows.filter((f) => f.dropped === null).sort(byRate).slice(0, TOP);
  if (slowest.length) {
    out.push('', `Slowest flows (${slowest.length} of ${s.routed}; mean ${rate(s.meanRateGbps)}):`);
    out.push(...table(['flow', 'rate', 'mode', 'bottleneck'], slowest.map((f) => [f.id, rate(f.rate), f.mode ?? '-', f.bottleneck ?? '-'])));
  }
  const dropped = r.flows.filter((f) => f.dropped !== null);
  if (dropped.length) {
    out.push('', `Dropped flows: ${dropped.length}`);
    out.push(...dropped.slice(0, TOP).map((f) => `  ${f.id}: ${f.dropped}`));
    if (dropped.length > TOP) out.push(`  … and ${dropped.length - TOP} more (see --format json)`);
  }
  if (r.migrations.length) {
    const slow = [...r.migrations].sort((a, b) => (b.result?.totalSeconds ?? Infinity) - (a.result?.totalSeconds ?? Infinity) || (a.vm < b.vm ? -1 : 1)).slice(0, TOP);
    const disks = s.storageBytes > 0 ? `; local disks ${bytes(s.storageBytes)} copied, longest copy ${secs(s.maxStorageSeconds)}` : '';
    out.push('', `Migrations: ${s.migrations} (${s.migrationsConverged} converged, ${s.migrationsDropped} not possible); longest ${secs(s.maxMigrationSeconds)}, worst downtime ${secs(s.maxDowntimeSeconds)}${disks}`);
    const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
    // rate: the stream's average from first to last byte (rates change as other streams end).
    out.push(
      ...table(
        ['vm', 'to', 'policy', 'rate', 'disk', 'disk copy', 'time', 'downtime', 'edge update', 'outcome'],
        slow.map((m) => [
          m.vm,
          m.to,
          m.policy ?? '-',
          m.result ? rate(m.rateGbps) : '-',
          bytes(m.result?.storageBytes),
          m.result?.storageBytes ? secs(finite(m.result.storageSeconds)) : '-',
          secs(finite(m.result?.totalSeconds)),
          secs(finite(m.result?.downtimeSeconds)),
          edge(m),
          m.dropped ?? (m.result!.converged ? 'converged' : `not converged (${m.result!.storageConverged === false ? 'disk copy did not catch up' : m.result!.stopReason})`),
        ]),
      ),
    );
  }
  if (r.migrations.some((m) => m.policy === 'vsphere' && m.result)) out.push('', 'vSphere migrations: the SDPS guest slowdown is an estimate (VMware publishes no controller).');
  const cpu = [...r.vswitchCpu].filter((c) => c.gbps > 0).sort((a, b) => b.gbps / b.budget - a.gbps / a.budget || (a.host < b.host ? -1 : 1))[0];
  if (cpu) out.push('', `vSwitch memory copy: busiest host ${cpu.host} at ${rate(cpu.gbps)} of ${rate(cpu.budget)}`);
  if (r.downLinks) out.push('', `Failures: ${r.downLinks.length} link(s) down: ${r.downLinks.slice(0, TOP).join(', ')}${r.downLinks.length > TOP ? ', …' : ''}`);
  if (r.expectations?.length) {
    const failed = r.expectations.filter((e) => !e.passed).length;
    out.push('', `Expectations: ${r.expectations.length - failed} hold, ${failed} failed`);
    out.push(...r.expectations.map((e) => `  ${e.passed ? 'ok  ' : 'FAIL'}  ${e.label}: ${e.message}`));
  }
  // Flow ids, names and drop reasons come from the file: a control character in them is shown as an escape.
  return out.map(escapeControls).join('\n') + '\n';
}

/**
 * The traffic's max-min instance: every resource of finite capacity as a link (Gb/s), every routed flow with its
 * path of resource ids. Resources of unknown (infinite) capacity constrain nothing, so they are left out of
 * links and paths alike; dropped flows have no path and are left out; "demand" appears only on capped flows.
 */
export function maxMinInstance(r: SimulationResult, meta: Record<string, unknown>): InstanceJson {
  const finite = new Set(r.resources.filter((x) => Number.isFinite(x.capacity)).map((x) => x.id));
  return {
    meta,
    links: r.resources.filter((x) => finite.has(x.id)).map((x) => ({ id: x.id, capacity: x.capacity })),
    flows: r.flows
      .filter((f) => f.dropped === null)
      .map((f) => {
        const flow: InstanceJson['flows'][number] = { id: f.id, path: f.path.filter((id) => finite.has(id)) };
        if (f.demand !== null) flow.demand = f.demand;
        return flow;
      }),
  };
}

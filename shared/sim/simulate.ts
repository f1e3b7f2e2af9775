/**
 * One simulation run: resolve every flow's path, share capacities max-min fairly, then run the requested
 * live migrations on what the traffic leaves (migration streams share the residual capacity max-min among
 * themselves, so evacuating a host shows its links as the hot spot).
 */
import type { Design } from '../model/design';
import { pcieProtocolEfficiency } from '../model/pcie';
import { buildNetwork, type Resource } from './network';
import { resolveFlow, SwitchRouter, type FlowSpec, type PathMode } from './paths';
import { BOTTLENECK_DEMAND, solveMaxMin, type MaxMinInstance } from './maxmin';
import { MIGRATION_DEFAULTS, type MigrationResult } from './migration';
import { simulateLiveMigration, type EdgeUpdate } from './live-migration';
import type { Network } from './network';

export interface MigrationSpec {
  vm: string;
  to: string;
}

export interface Scenario {
  name: string;
  flows: FlowSpec[];
  migrations: MigrationSpec[];
  /** PCIe max payload size, bytes (sets the protocol-efficiency factor). */
  maxPayload: number;
  /** Downtime limit for stop-and-copy, seconds. */
  downtimeLimitSec: number;
  /** Guest disk write rate for local-storage migrations, Gb/s (default SCENARIO_DEFAULTS.diskWriteGbps). */
  diskWriteGbps?: number;
  /** Duration of the network update at the edge after a migration, seconds (default SCENARIO_DEFAULTS.networkUpdateSec). */
  networkUpdateSec?: number;
}

/** Defaults of a scenario's optional migration parameters (estimates; see docs/simulation.md). */
export const MIGRATION_SCENARIO_DEFAULTS = {
  /** 50 MB/s of guest disk writes: a busy but ordinary VM. */
  diskWriteGbps: 0.4,
  /** A RARP or a VDP associate reaching the ToR: about 10 ms. */
  networkUpdateSec: 0.01,
} as const;

export interface FlowResult {
  id: string;
  rate: number;
  demand: number | null;
  mode: PathMode | null;
  /** Resource ids on the path, in order. */
  path: string[];
  /** Resource id that limits the flow, "demand" when its own cap does, null when dropped. */
  bottleneck: string | null;
  pcieCrossings: number;
  dropped: string | null;
}

export interface ResourceResult {
  id: string;
  kind: Resource['kind'];
  ref: string;
  capacity: number;
  load: number;
  utilisation: number;
}

export interface MigrationRunResult extends MigrationSpec {
  /** Rate the stream got on the residual network, Gb/s. */
  rateGbps: number;
  bottleneck: string | null;
  result: MigrationResult | null;
  dropped: string | null;
  /** How the edge learns the new location (absent in results stored before it existed). */
  edgeUpdate?: EdgeUpdate;
}

/** RARP for a VEB edge; a VDP associate when the VM's port sits on a VEPA or VN-Tag/802.1BR edge. */
function edgeUpdateOf(net: Network, vm: string): EdgeUpdate {
  const att = net.attachments.get(vm)?.[0];
  if (!att) return 'rarp';
  if (att.kind === 'vf') return att.device.kind === 'nic' && att.device.embeddedBridge === 'vepa' ? 'vdp-associate' : 'rarp';
  return att.vswitch.evbMode === 'veb' ? 'rarp' : 'vdp-associate';
}

export interface SimulationResult {
  scenario: string;
  flows: FlowResult[];
  resources: ResourceResult[];
  /** vSwitch memory-copy use per host, Gb/s. */
  vswitchCpu: { host: string; gbps: number; budget: number }[];
  migrations: MigrationRunResult[];
  protocolEfficiency: number;
}

export interface SimulateOptions {
  onProgress?: (phase: string, fraction: number) => void;
  shouldCancel?: () => boolean;
}

const GBPS_TO_BYTES = 1e9 / 8;

function solvePaths(paths: number[][], demands: (number | null)[], capacities: Float64Array, opts: SimulateOptions, phase: string) {
  let entries = 0;
  for (const p of paths) entries += p.length;
  const flowPtr = new Int32Array(paths.length + 1);
  const flowLinks = new Int32Array(entries);
  let w = 0;
  paths.forEach((p, i) => {
    flowPtr[i] = w;
    for (const r of p) flowLinks[w++] = r;
  });
  flowPtr[paths.length] = w;
  const d = new Float64Array(paths.length);
  demands.forEach((x, i) => (d[i] = x ?? Infinity));
  const inst: MaxMinInstance = { capacities, flowPtr, flowLinks, demands: d };
  return solveMaxMin(inst, { onProgress: (f) => opts.onProgress?.(phase, f), shouldCancel: opts.shouldCancel });
}

/** Runs a scenario on a design. */
export function simulate(design: Design, scenario: Scenario, opts: SimulateOptions = {}): SimulationResult {
  const net = buildNetwork(design, { maxPayload: scenario.maxPayload });
  const router = new SwitchRouter(net);
  const capacities = Float64Array.from(net.resources.map((r) => r.capacity));

  const flows: FlowResult[] = [];
  const live: { i: number; path: number[] }[] = [];
  for (const f of scenario.flows) {
    const r = resolveFlow(net, router, f);
    const res: FlowResult = { id: f.id, rate: 0, demand: f.demandGbps, mode: r.mode, path: [], bottleneck: null, pcieCrossings: 0, dropped: null };
    if (r.ok) {
      res.path = r.resources.map((x) => net.resources[x]!.id);
      res.pcieCrossings = r.pcieCrossings;
      live.push({ i: flows.length, path: r.resources });
    } else res.dropped = r.reason;
    flows.push(res);
  }
  opts.onProgress?.('paths', 1);

  const load = new Float64Array(net.resources.length);
  if (live.length) {
    const sol = solvePaths(live.map((x) => x.path), live.map((x) => flows[x.i]!.demand), capacities, opts, 'traffic');
    live.forEach((x, k) => {
      const fr = flows[x.i]!;
      const rate = sol.rates[k]!;
      // A flow with no constraint at all (empty path, no demand) is reported at 0 rather than infinity.
      fr.rate = Number.isFinite(rate) ? rate : 0;
      const b = sol.bottleneck[k]!;
      fr.bottleneck = b === BOTTLENECK_DEMAND ? 'demand' : b >= 0 ? net.resources[b]!.id : null;
      for (const r of x.path) load[r] = load[r]! + fr.rate;
    });
  }

  // Migrations run on the capacity the traffic leaves.
  const migrations: MigrationRunResult[] = [];
  const migLive: { i: number; path: number[] }[] = [];
  for (const m of scenario.migrations) {
    const vm = design.elements[m.vm];
    const run: MigrationRunResult = { ...m, rateGbps: 0, bottleneck: null, result: null, dropped: null, edgeUpdate: edgeUpdateOf(net, m.vm) };
    if (vm?.kind !== 'vm' || vm.parent === null) run.dropped = `VM ${m.vm} does not exist or is not in a host`;
    else if (vm.parent === m.to) run.dropped = `VM ${vm.name || vm.id} is already on ${m.to}`;
    else {
      const r = resolveFlow(net, router, { id: `migrate:${m.vm}`, src: { host: vm.parent }, dst: { host: m.to }, demandGbps: null });
      if (r.ok) migLive.push({ i: migrations.length, path: r.resources });
      else run.dropped = r.reason;
    }
    migrations.push(run);
  }
  if (migLive.length) {
    const residual = Float64Array.from(capacities, (c, i) => Math.max(0, c - load[i]!));
    const sol = solvePaths(migLive.map((x) => x.path), migLive.map(() => null), residual, opts, 'migration');
    migLive.forEach((x, k) => {
      const run = migrations[x.i]!;
      const vm = design.elements[run.vm] as Extract<Design['elements'][string], { kind: 'vm' }>;
      const rate = Number.isFinite(sol.rates[k]!) ? sol.rates[k]! : 0;
      run.rateGbps = rate;
      const b = sol.bottleneck[k]!;
      run.bottleneck = b >= 0 ? net.resources[b]!.id : null;
      const memoryBytes = vm.memoryGiB * 1024 ** 3;
      const source = design.elements[vm.parent!];
      const localDisk = source?.kind === 'host' && source.storage === 'local';
      run.result = simulateLiveMigration({
        ...MIGRATION_DEFAULTS,
        diskBytes: localDisk ? vm.diskGiB * 1024 ** 3 : 0,
        diskWriteBytesPerSec: (scenario.diskWriteGbps ?? MIGRATION_SCENARIO_DEFAULTS.diskWriteGbps) * GBPS_TO_BYTES,
        networkUpdateSec: scenario.networkUpdateSec ?? MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec,
        edgeUpdate: run.edgeUpdate!,
        memoryBytes,
        bandwidthBytesPerSec: rate * GBPS_TO_BYTES,
        dirtyBytesPerSec: vm.dirtyRateGbps * GBPS_TO_BYTES,
        downtimeLimitSec: scenario.downtimeLimitSec,
        zeroPageShare: vm.zeroPageShare,
        workingSetBytes: vm.workingSetGiB === null ? memoryBytes : vm.workingSetGiB * 1024 ** 3,
      });
      for (const r of x.path) load[r] = load[r]! + rate;
    });
  }

  const resources: ResourceResult[] = net.resources.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    ref: r.ref,
    capacity: r.capacity,
    load: load[i]!,
    utilisation: r.capacity > 0 && Number.isFinite(r.capacity) ? load[i]! / r.capacity : 0,
  }));
  const vswitchCpu = resources.filter((r) => r.kind === 'vswitch-copy').map((r) => ({ host: r.ref, gbps: r.load, budget: r.capacity }));
  return { scenario: scenario.name, flows, resources, vswitchCpu, migrations, protocolEfficiency: pcieProtocolEfficiency(net.maxPayload) };
}

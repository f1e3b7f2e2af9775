/**
 * One simulation run: resolve every flow's and migration stream's path, then share capacities max-min fairly
 * among all of them at once (a migration stream competes like a TCP flow, capped by the hypervisor's migration
 * bandwidth limit when one is set), event by event (flow-events.ts): when a migration's stream or a finite
 * transfer ends, the rest are re-allocated, so an evacuation's later migrations speed up as earlier ones end.
 *
 * What the result's figures mean now that rates change over time (docs/simulation.md "Results over time"):
 * a flow's `rate` is its rate at t = 0, while every migration and finite transfer runs (its `rateSteps`, when
 * present, say how it changed); a resource's `load` is the largest load it carried at any time (the peak), so
 * the heatmap shows each link's worst moment; a migration's `rateGbps` is its average rate over its stream.
 */
import type { Design } from '../model/design';
import { pcieProtocolEfficiency } from '../model/pcie';
import { buildNetwork, type Resource } from './network';
import { resolveFlow, SwitchRouter, type FlowSpec, type PathMode, type Resolved } from './paths';
import { BOTTLENECK_DEMAND } from './maxmin';
import { runFlowEvents, TransferProcess, type EventStream } from './flow-events';
import type { MigrationResult } from './migration';
import type { MigrationPolicy } from './migration-policy';
import type { EdgeUpdate } from './live-migration';
import { migrationStream, migrationOutcome, type MigrationSetup } from './simulate-migrations';
import type { Network } from './network';
import { applyFailures, hostOf, type Failure, type FailedDesign } from './failures';
import { evaluateExpectations, type Expectation, type ExpectationOutcome } from './expectations';
import { buildQosPlan, qosSolver } from './qos';

export interface MigrationSpec {
  vm: string;
  to: string;
  /** Overrides the stop policy for this migration (default: the scenario's, else the source host's hypervisor's). */
  policy?: MigrationPolicy;
  /** Overrides the migration bandwidth limit for this migration, Gb/s; null = unlimited. */
  bandwidthGbps?: number | null;
}

/** A scenario's flow: a FlowSpec, steady unless it has a size. */
export interface ScenarioFlow extends FlowSpec {
  /** A finite transfer of this many GB (10^9 bytes) that ends when sent; absent = steady (never ends). */
  sizeGB?: number;
  /** Traffic class: a label that groups flows for expectations (`minRate` of a class); it sets no priority. */
  class?: string;
}

export interface Scenario {
  name: string;
  flows: ScenarioFlow[];
  migrations: MigrationSpec[];
  /** PCIe max payload size, bytes (sets the protocol-efficiency factor). */
  maxPayload: number;
  /** Downtime limit for stop-and-copy, seconds. */
  downtimeLimitSec: number;
  /** Guest disk write rate for local-storage migrations, Gb/s (default SCENARIO_DEFAULTS.diskWriteGbps). */
  diskWriteGbps?: number;
  /** Duration of the network update at the edge after a migration, seconds (default SCENARIO_DEFAULTS.networkUpdateSec). */
  networkUpdateSec?: number;
  /** Stop policy of every migration (default: each source host's hypervisor picks it, migration-policy.ts). */
  migrationPolicy?: MigrationPolicy;
  /** Migration bandwidth limit, Gb/s; null = unlimited; absent = the policy's default (unlimited for all four). */
  migrationBandwidthGbps?: number | null;
  /** Links, switches, ports, team members and hosts taken down before the run (failures.ts). */
  failures?: Failure[];
  /** Checks judged after the run (expectations.ts); their outcomes are in the result. */
  expectations?: Expectation[];
}

/** A rate from time `t` (seconds after the start) until the next step. */
export interface RateStep {
  t: number;
  gbps: number;
}

export { MIGRATION_SCENARIO_DEFAULTS } from './simulate-migrations';

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
  /** How the rate changed as migrations and transfers ended (absent when it never changed). */
  rateSteps?: RateStep[];
  /** For a finite transfer: when its last byte arrived, seconds; null when it never does. */
  finishedSeconds?: number | null;
}

export interface ResourceResult {
  id: string;
  kind: Resource['kind'];
  ref: string;
  capacity: number;
  /** The largest load at any time of the run, Gb/s (the t = 0 load when nothing ends). */
  load: number;
  utilisation: number;
}

export interface MigrationRunResult extends MigrationSpec {
  /**
   * The stream's average rate from its first to its last byte, Gb/s (bytes it carried ÷ its duration); for a
   * migration that does not finish, its rate when the run ended.
   */
  rateGbps: number;
  /** What limited the stream at the start: a resource id, "bandwidth-limit" (the migration limit), or null. */
  bottleneck: string | null;
  /** Null when the migration could not start or does not finish (`dropped` says why). */
  result: MigrationResult | null;
  /** Why it could not start, or "does not finish: …" (no bandwidth on a resource, or the policy never stops). */
  dropped: string | null;
  /** The stop policy used (absent in results stored before policies). */
  policy?: MigrationPolicy;
  /** The migration bandwidth limit applied, Gb/s; null = none. */
  bandwidthLimitGbps?: number | null;
  /** The stream's rate over time, ending with a 0 step when its last byte is sent. */
  rateSteps?: RateStep[];
  /** How the edge learns the new location (absent in results stored before it existed). */
  edgeUpdate?: EdgeUpdate;
  /** Sentences about the run worth showing with its row (a VSI not pre-associated at the destination's bridge). */
  notes?: string[];
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
  /** Time of the last event (the last migration or transfer to end), seconds; 0 when nothing ends. */
  durationSeconds?: number;
  /** Links the scenario's failures took down (absent when it has none). */
  downLinks?: string[];
  /** The outcome of each of the scenario's expectations, in its order (absent when it states none). */
  expectations?: ExpectationOutcome[];
}

export interface SimulateOptions {
  onProgress?: (phase: string, fraction: number) => void;
  shouldCancel?: () => boolean;
}

/** Runs a scenario on a design. */
export function simulate(original: Design, scenario: Scenario, opts: SimulateOptions = {}): SimulationResult {
  const failed = applyFailures(original, scenario.failures ?? []);
  const net = buildNetwork(failed.design, { maxPayload: scenario.maxPayload });
  return simulateOn(original, scenario, { failed, net, router: new SwitchRouter(net) }, opts);
}

/**
 * What a run stands on besides the scenario: the failed design, its network and router. `simulate` builds them from
 * scratch; the what-if fast path (whatif-incremental.ts) hands in a network derived from the baseline's and a
 * resolver that reuses the baseline's paths a failure cannot change, so its runs stay exactly `simulate`'s.
 */
export interface PreparedRun {
  failed: FailedDesign;
  net: Network;
  router: SwitchRouter;
  /** Resolves a flow whose ends are up; default: resolveFlow on `net` and `router`. */
  resolve?: (f: ScenarioFlow, index: number) => Resolved;
  /** The resource ids of a resolved flow's path when already known (a reused path), else undefined. */
  pathIds?: (index: number) => string[] | undefined;
}

/** Runs a scenario on a prepared network (see PreparedRun); `original` is the design before any failure. */
export function simulateOn(original: Design, scenario: Scenario, prepared: PreparedRun, opts: SimulateOptions = {}): SimulationResult {
  const { failed, net, router } = prepared;
  const resolve = prepared.resolve ?? ((f: ScenarioFlow) => resolveFlow(net, router, f));
  const design = failed.design;
  // A host down takes its VMs with it: their flows and migrations are dropped, not rerouted.
  const hostDown = (id: string): string | null => {
    const h = failed.downHosts.size ? hostOf(original, id) : null;
    return h !== null && failed.downHosts.has(h) ? `host ${h} is down (scenario failure)` : null;
  };
  const endDown = (end: FlowSpec['src']) => ('vm' in end ? hostDown(end.vm) : 'host' in end ? hostDown(end.host) : null);
  const capacities = Float64Array.from(net.resources.map((r) => r.capacity));

  // Streams in a fixed order (flows, then migrations): the event engine breaks time ties by this order.
  const streams: EventStream[] = [];
  const flows: FlowResult[] = [];
  const flowStream: number[] = [];
  scenario.flows.forEach((f, i) => {
    const down = endDown(f.src) ?? endDown(f.dst);
    const r = down === null ? resolve(f, i) : ({ ok: false, mode: null, reason: down } as const);
    const res: FlowResult = { id: f.id, rate: 0, demand: f.demandGbps, mode: r.mode, path: [], bottleneck: null, pcieCrossings: 0, dropped: null };
    if (f.sizeGB !== undefined) res.finishedSeconds = null;
    if (r.ok) {
      res.path = prepared.pathIds?.(i) ?? r.resources.map((x) => net.resources[x]!.id);
      res.pcieCrossings = r.pcieCrossings;
      flowStream.push(streams.length);
      streams.push({ path: r.resources, demandGbps: f.demandGbps ?? Infinity, process: f.sizeGB !== undefined ? new TransferProcess(f.sizeGB * 1e9) : null });
    } else {
      res.dropped = r.reason;
      flowStream.push(-1);
    }
    flows.push(res);
  });
  opts.onProgress?.('paths', 1);

  const migrations: MigrationRunResult[] = [];
  const setups: (MigrationSetup | null)[] = [];
  for (const m of scenario.migrations) {
    const run: MigrationRunResult = { ...m, rateGbps: 0, bottleneck: null, result: null, dropped: null, edgeUpdate: edgeUpdateOf(net, m.vm) };
    const down = hostDown(m.vm) ?? hostDown(m.to);
    if (down !== null) run.dropped = down;
    const setup = down === null ? migrationStream(design, net, router, scenario, m, run) : null;
    if (setup) {
      setup.stream = streams.length;
      streams.push({ path: setup.path, demandGbps: setup.limitGbps ?? Infinity, process: setup.process });
    }
    setups.push(setup);
    migrations.push(run);
  }

  // vSwitch QoS (qos.ts): only a run that QoS touches gets the two-level solver; every other run is solved as before.
  const qosPlan = buildQosPlan(net, scenario.flows, flowStream, streams);
  const ev = runFlowEvents(capacities, streams, { onProgress: (f) => opts.onProgress?.('traffic', f), shouldCancel: opts.shouldCancel, ...(qosPlan ? { solver: qosSolver(qosPlan) } : {}) });
  const bottleneckId = (b: number, capped: string) => (b === BOTTLENECK_DEMAND ? capped : b >= 0 ? net.resources[b]!.id : null);
  let duration = 0;
  flows.forEach((fr, i) => {
    const k = flowStream[i]!;
    if (k < 0) return;
    fr.rate = ev.initialGbps[k]!;
    fr.bottleneck = bottleneckId(ev.initialBottleneck[k]!, 'demand');
    const steps = ev.steps[k];
    if (steps && steps.length > 1) fr.rateSteps = steps.map(([t, gbps]) => ({ t, gbps }));
    if (fr.finishedSeconds !== undefined) {
      const end = ev.endSeconds[k]!;
      fr.finishedSeconds = Number.isNaN(end) ? null : end;
      if (!Number.isNaN(end)) duration = Math.max(duration, end);
    }
  });
  migrations.forEach((run, i) => {
    const setup = setups[i];
    if (!setup) return;
    const k = setup.stream;
    const end = ev.endSeconds[k]!;
    if (!Number.isNaN(end)) duration = Math.max(duration, end);
    migrationOutcome(run, setup, {
      steps: (ev.steps[k] ?? []).map(([t, gbps]) => ({ t, gbps })),
      endSeconds: Number.isNaN(end) ? null : end,
      initialBottleneck: bottleneckId(ev.initialBottleneck[k]!, 'bandwidth-limit'),
      lastBottleneck: bottleneckId(ev.lastBottleneck[k]!, 'bandwidth-limit'),
    });
  });

  const resources: ResourceResult[] = net.resources.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    ref: r.ref,
    capacity: r.capacity,
    load: ev.peakLoad[i]!,
    utilisation: r.capacity > 0 && Number.isFinite(r.capacity) ? ev.peakLoad[i]! / r.capacity : 0,
  }));
  const vswitchCpu = resources.filter((r) => r.kind === 'vswitch-copy').map((r) => ({ host: r.ref, gbps: r.load, budget: r.capacity }));
  const result: SimulationResult = { scenario: scenario.name, flows, resources, vswitchCpu, migrations, protocolEfficiency: pcieProtocolEfficiency(net.maxPayload), durationSeconds: duration };
  if (scenario.failures?.length) result.downLinks = failed.downLinks;
  if (scenario.expectations?.length) result.expectations = evaluateExpectations(design, scenario, result);
  return result;
}

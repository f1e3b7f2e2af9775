/**
 * The migration side of a simulation run: each requested migration becomes a stream (its path between the two
 * hypervisors, its bandwidth limit, its steppable process), and after the event run, a result row. A
 * migration that cannot finish is reported as "does not finish: …" with no figures: a number no hypervisor
 * would show (an infinite or 10^17 s migration) never reaches a table.
 */
import type { Design } from '../model/design';
import { HOSTDEV_PORT } from '../model/elements';
import { LiveMigrationProcess } from './live-migration';
import { vsiPreassociation } from './vsi-preassociation';
import { MIGRATION_DEFAULTS } from './migration';
import { defaultMigrationBandwidthGbps, policyForHypervisor, QEMU_THROTTLE, type MigrationPolicy } from './migration-policy';
import type { Network } from './network';
import { resolveFlow, type SwitchRouter } from './paths';
import type { MigrationRunResult, MigrationSpec, RateStep, Scenario } from './simulate';

const GBPS_TO_BYTES = 1e9 / 8;

/** Defaults of a scenario's optional migration parameters (estimates; see docs/simulation.md). */
export const MIGRATION_SCENARIO_DEFAULTS = {
  /** 50 MB/s of guest disk writes: a busy but ordinary VM. */
  diskWriteGbps: 0.4,
  /** A RARP or a VDP associate reaching the ToR: about 10 ms. */
  networkUpdateSec: 0.01,
} as const;

export interface MigrationSetup {
  path: number[];
  /** Migration bandwidth limit, Gb/s; null = none. */
  limitGbps: number | null;
  process: LiveMigrationProcess;
  policy: MigrationPolicy;
  dirtyGbps: number;
  /** Index of its stream in the event run (set by simulate). */
  stream: number;
}

const devicesByVm = new WeakMap<Design, Map<string, string[]>>();

/** Whole devices on each VM's hostdev port, by VM id (one pass over the links per design, however many migrations). */
function passthroughDevices(design: Design): Map<string, string[]> {
  let m = devicesByVm.get(design);
  if (!m) {
    m = new Map();
    for (const l of Object.values(design.links)) {
      if (l.kind !== 'passthrough' || l.a.port !== HOSTDEV_PORT) continue;
      const list = m.get(l.a.element);
      if (list) list.push(l.b.element);
      else m.set(l.a.element, [l.b.element]);
    }
    devicesByVm.set(design, m);
  }
  return m;
}

/** The stream of one requested migration, or null (with `run.dropped` set) when it cannot start. */
export function migrationStream(design: Design, net: Network, router: SwitchRouter, scenario: Scenario, m: MigrationSpec, run: MigrationRunResult): MigrationSetup | null {
  const vm = design.elements[m.vm];
  if (vm?.kind !== 'vm' || vm.parent === null) {
    run.dropped = `VM ${m.vm} does not exist or is not in a host`;
    return null;
  }
  if (vm.parent === m.to) {
    run.dropped = `VM ${vm.name || vm.id} is already on ${m.to}`;
    return null;
  }
  // A whole GPU, HBA or accelerator cannot follow the VM (IOV-003): nothing on the destination holds its state, and
  // VFIO devices block QEMU's migration unless the device driver implements migration.
  const devices = passthroughDevices(design).get(vm.id);
  if (devices) {
    const names = devices.map((id) => design.elements[id]?.name || id);
    run.dropped = `does not start: VM ${vm.name || vm.id} holds ${names.join(', ')} passed through whole, which cannot move with a live migration (IOV-003)`;
    return null;
  }
  const source = design.elements[vm.parent];
  const hostPolicy = source?.kind === 'host' ? policyForHypervisor(source.hypervisor) : 'qemu';
  const policy = m.policy ?? scenario.migrationPolicy ?? hostPolicy;
  const limitGbps = m.bandwidthGbps !== undefined ? m.bandwidthGbps : scenario.migrationBandwidthGbps !== undefined ? scenario.migrationBandwidthGbps : defaultMigrationBandwidthGbps(policy);
  run.policy = policy;
  run.bandwidthLimitGbps = limitGbps;
  const r = resolveFlow(net, router, { id: `migrate:${m.vm}`, src: { host: vm.parent }, dst: { host: m.to }, demandGbps: null });
  if (!r.ok) {
    run.dropped = r.reason;
    return null;
  }
  const memoryBytes = vm.memoryGiB * 1024 ** 3;
  const localDisk = source?.kind === 'host' && source.storage === 'local';
  // A VDP edge associates the VM's VSIs at resume; one the destination's bridge could not pre-associate waits longer.
  const vsi = run.edgeUpdate === 'vdp-associate' ? vsiPreassociation(design, vm.id, m.to) : null;
  if (vsi?.notes.length) run.notes = vsi.notes;
  const process = new LiveMigrationProcess({
    ...MIGRATION_DEFAULTS,
    policy,
    diskBytes: localDisk ? vm.diskGiB * 1024 ** 3 : 0,
    diskWriteBytesPerSec: (scenario.diskWriteGbps ?? MIGRATION_SCENARIO_DEFAULTS.diskWriteGbps) * GBPS_TO_BYTES,
    networkUpdateSec: scenario.networkUpdateSec ?? MIGRATION_SCENARIO_DEFAULTS.networkUpdateSec,
    edgeUpdate: run.edgeUpdate ?? 'rarp',
    ...(vsi ? { vsiPreassociated: vsi.preassociated } : {}),
    memoryBytes,
    // The process is given its rate as the run advances; this field is only read by constant-rate callers.
    bandwidthBytesPerSec: 0,
    dirtyBytesPerSec: vm.dirtyRateGbps * GBPS_TO_BYTES,
    downtimeLimitSec: scenario.downtimeLimitSec,
    zeroPageShare: vm.zeroPageShare,
    workingSetBytes: vm.workingSetGiB === null ? memoryBytes : vm.workingSetGiB * 1024 ** 3,
  });
  return { path: r.resources, limitGbps, process, policy, dirtyGbps: vm.dirtyRateGbps, stream: -1 };
}

export interface StreamHistory {
  steps: RateStep[];
  /** When the last byte was sent, seconds; null when never. */
  endSeconds: number | null;
  initialBottleneck: string | null;
  lastBottleneck: string | null;
}

const fmt = (gbps: number) => `${Number(gbps.toPrecision(3))} Gb/s`;

/** Why a stream that has bandwidth never ends under its policy. */
function neverStops(setup: MigrationSetup, rateGbps: number): string {
  const proc = setup.process;
  const mirror = proc.params.diskBytes > 0 && proc.diskInSync ? (proc.params.diskWriteBytesPerSec * 8) / 1e9 : 0;
  const memGbps = rateGbps - mirror;
  if (memGbps <= 0) return `the local-disk mirror (${fmt(mirror)}) takes all of the ${fmt(rateGbps)} the stream gets`;
  const lambda = `λ = ${Number((setup.dirtyGbps / memGbps).toPrecision(3))}`;
  const base = `the guest dirties ${fmt(setup.dirtyGbps)}, at least the ${fmt(memGbps)} its memory copy gets (${lambda})`;
  switch (setup.policy) {
    case 'qemu':
      return proc.params.autoConverge && proc.memory.throttle >= QEMU_THROTTLE.max - 1e-12 ? `${base}, even with auto-converge at its 99 % limit` : `${base}, and QEMU never switches over without auto-converge`;
    case 'vsphere':
    case 'xen':
    case 'xen-legacy':
      return base;
    default: {
      const never: never = setup.policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

/** Fills a migration's row from its stream's history. */
export function migrationOutcome(run: MigrationRunResult, setup: MigrationSetup, h: StreamHistory): void {
  run.rateSteps = h.steps;
  run.bottleneck = h.initialBottleneck;
  const lastRate = h.steps.length ? h.steps[h.steps.length - 1]!.gbps : 0;
  if (h.endSeconds === null) {
    run.rateGbps = lastRate;
    run.dropped = lastRate > 0 ? `does not finish: ${neverStops(setup, lastRate)}` : `does not finish: no bandwidth on ${h.lastBottleneck ?? 'its path'}`;
    return;
  }
  // Average over the stream: ∫ rate dt ÷ duration, from the piecewise-constant steps.
  let gbit = 0;
  for (let i = 0; i + 1 < h.steps.length; i++) gbit += h.steps[i]!.gbps * (h.steps[i + 1]!.t - h.steps[i]!.t);
  run.rateGbps = h.endSeconds > 0 ? gbit / h.endSeconds : lastRate;
  run.result = setup.process.result();
}

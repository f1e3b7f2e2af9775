/**
 * A whole live migration of a VM between hosts, around the memory pre-copy of precopy.ts, as a process that
 * advances under a changing stream rate (simulate.ts re-allocates rates as other streams end):
 *
 * 1. Local storage (the source host keeps the VM's disk): the disk is copied first, as QEMU's
 *    drive-mirror does it: a bulk pass over the whole disk, then passes over the blocks the guest wrote
 *    meanwhile, until the remainder fits the downtime budget (rate × downtime limit, the rate measured over
 *    the pass just ended). From then on the mirror is synchronous: every guest write goes to both disks, so
 *    the guest's disk write rate is taken from the stream for the rest of the migration and the memory
 *    pre-copy gets the rest. When the copy does not catch up (W ≥ rate, or DISK_COPY_MAX_PASSES), the
 *    remaining blocks go with the stop-and-copy and lengthen the downtime, and the migration is reported as
 *    not converged.
 * 2. The memory pre-copy of DOMAIN.md §5 under the host's stop policy (migration-policy.ts).
 * 3. The network update at the edge: the edge learns the VM's new location. With a VEB (vSwitch or NIC
 *    embedded bridge) the hypervisor sends a RARP/gratuitous ARP once the VM runs; the VM already forwards
 *    and only inbound frames in flight are lost, so the step is not downtime. With VEPA or VN-Tag/802.1BR
 *    port profiles the bridge forwards a VSI's frames only once VDP has associated it (802.1Qbg, EVB-003),
 *    so the associate gates traffic and counts as downtime. Its duration is an estimate (a parameter). libvirt
 *    pre-associates the VSI at the destination when the migration is prepared and associates it before resuming the
 *    guest (qemu_migration.c); a VSI the destination's bridge could not pre-associate also waits, in the downtime, for
 *    the bridge to resolve its type with the VSI manager, charged at the VDP resource-wait bound (VDP_RESOURCE_WAIT_SEC).
 *
 * Resume and the network update use no bandwidth: the stream ends with the last stop-and-copy byte.
 */
import { precopyProcess, precopyResult, type MigrationParams, type MigrationResult, type StorageRound } from './migration';
import type { PrecopyProcess } from './precopy';

export type EdgeUpdate = 'rarp' | 'vdp-associate';

/**
 * How long a bridge may take to answer a VDP request for a VSI it must first resolve with its VSI manager (fetch the
 * type, reserve resources): the resourceWaitDelay of IEEE 802.1Qbg-2012 §41.5.5, 10 µs × 2^RWD, with lldpad's default
 * exponent RWD = 20 (intel/openlldp lldp_evb22_cmds.c `evb22_conf_rwd`; the bridge arms this timer in qbg/vdp22sm.c
 * `vdp22br_start_restimer`): 10 µs × 1,048,576 = 10.48576 s. A bound, not a measured time: no source gives a typical
 * VSI-manager look-up, so a VSI that was not pre-associated is charged this worst case.
 */
export const VDP_RESOURCE_WAIT_SEC = 10e-6 * 2 ** 20;

/** Dirty-block passes of the disk copy before it gives up and leaves the rest for the stop-and-copy (the cap the model always used). */
export const DISK_COPY_MAX_PASSES = 30;

export interface LiveMigrationParams extends MigrationParams {
  /** Bytes of local disk to copy; 0 when the disk is on shared storage. */
  diskBytes: number;
  /** Rate at which the guest writes its disk, bytes/s (drives the dirty-block passes). */
  diskWriteBytesPerSec: number;
  /** Duration of the network update at the edge, seconds. */
  networkUpdateSec: number;
  edgeUpdate: EdgeUpdate;
  /**
   * For a VDP edge: false when some VSI of the VM could not be pre-associated at the destination's bridge, so the
   * ASSOCIATE at resume waits for the bridge's VSI manager (up to VDP_RESOURCE_WAIT_SEC, in the downtime). Absent or
   * true: pre-associated (libvirt pre-associates when the migration is prepared), so only the ASSOCIATE remains.
   */
  vsiPreassociated?: boolean;
}

/** Seconds of the network update: the RARP or the VDP associate, plus the VSI-manager wait when not pre-associated. */
export function networkUpdateSeconds(p: Pick<LiveMigrationParams, 'networkUpdateSec' | 'edgeUpdate' | 'vsiPreassociated'>): number {
  return p.networkUpdateSec + (p.edgeUpdate === 'vdp-associate' && p.vsiPreassociated === false ? VDP_RESOURCE_WAIT_SEC : 0);
}

/** The result's VSI field: only for a VDP edge whose pre-association was judged. */
const vsiField = (p: LiveMigrationParams) => (p.edgeUpdate === 'vdp-associate' && p.vsiPreassociated !== undefined ? { vsiPreassociated: p.vsiPreassociated } : {});

export interface StorageCopy {
  rounds: StorageRound[];
  bytes: number;
  seconds: number;
  /** True when the mirror reached sync; false when the round cap stopped it. */
  converged: boolean;
  /** Dirty blocks left when the cap stopped it (sent during the stop-and-copy). */
  remainderBytes: number;
}

/** Bulk copy then dirty-block passes at rate R while the guest writes at W (drive-mirror). */
export function copyDisk(diskBytes: number, writeBytesPerSec: number, R: number, thresholdBytes: number, maxRounds: number): StorageCopy {
  const rounds: StorageRound[] = [];
  let toSend = diskBytes;
  let bytes = 0;
  let seconds = 0;
  while (toSend > 0) {
    if (rounds.length > 0 && toSend <= thresholdBytes) {
      // In sync: the last few blocks go while the mirror switches to synchronous writes.
      rounds.push({ sentBytes: toSend, seconds: toSend / R });
      bytes += toSend;
      seconds += toSend / R;
      return { rounds, bytes, seconds, converged: true, remainderBytes: 0 };
    }
    if (rounds.length >= maxRounds) return { rounds, bytes, seconds, converged: false, remainderBytes: toSend };
    const t = toSend / R;
    rounds.push({ sentBytes: toSend, seconds: t });
    bytes += toSend;
    seconds += t;
    // The guest cannot have written more blocks than the disk holds.
    toSend = Math.min(writeBytesPerSec * t, diskBytes);
  }
  return { rounds, bytes, seconds, converged: true, remainderBytes: 0 };
}

type Phase = 'disk' | 'memory' | 'disk-remainder' | 'done';

interface DiskState {
  passes: StorageRound[];
  passBytes: number;
  left: number;
  elapsed: number;
  /** True for the pass that brings the mirror into sync (its end starts the memory copy). */
  syncPass: boolean;
}

const EPS = 1e-12;

/** A VM's migration in progress: disk passes, memory pre-copy, then any disk blocks left for the pause. */
export class LiveMigrationProcess {
  private phase: Phase;
  private disk: DiskState;
  private diskConverged = true;
  private remainderBytes = 0;
  private remainderLeft = 0;
  private remainderSeconds = 0;
  private memoryStart = 0;
  private elapsed = 0;
  readonly memory: PrecopyProcess;

  constructor(readonly params: LiveMigrationParams) {
    this.memory = precopyProcess(params);
    const d = params.diskBytes;
    this.disk = { passes: [], passBytes: d, left: d, elapsed: 0, syncPass: false };
    this.phase = d > 0 ? 'disk' : 'memory';
  }

  get done(): boolean {
    return this.phase === 'done';
  }
  /** Seconds the stream has run (disk, memory and any disk remainder). */
  get streamSeconds(): number {
    return this.elapsed;
  }
  /** Bytes the stream has carried, disk and memory. */
  get sentBytes(): number {
    return this.disk.passes.reduce((s, x) => s + x.sentBytes, 0) + (this.disk.passBytes - this.disk.left) * (this.phase === 'disk' ? 1 : 0) + this.memory.sentBytes + (this.remainderBytes - this.remainderLeft);
  }
  /** False once the disk copy gave up (its rest goes with the stop-and-copy). */
  get diskInSync(): boolean {
    return this.diskConverged;
  }
  /** The guest's disk writes the synchronous mirror carries once in sync, bytes/s. */
  private get mirrored(): number {
    return this.phase === 'memory' && this.params.diskBytes > 0 && this.diskConverged ? this.params.diskWriteBytesPerSec : 0;
  }

  /** Seconds until the stream's last byte at a constant `rate` (bytes/s); Infinity when it never comes. */
  timeToEnd(rate: number): number {
    if (this.phase === 'done') return 0;
    if (!(rate > 0)) return Infinity;
    let t = 0;
    let converged = this.diskConverged;
    let remainder = this.remainderLeft;
    if (this.phase === 'disk') {
      const d = { ...this.disk, passes: [...this.disk.passes] };
      for (let guard = 0; guard < 10_000; guard++) {
        t += d.left / rate;
        const r = this.endPass(d, d.elapsed + d.left / rate, rate);
        if (r === 'sync') break;
        if (r === 'gave-up') {
          converged = false;
          remainder = d.left;
          break;
        }
      }
    }
    if (this.phase === 'disk' || this.phase === 'memory') {
      const memRate = rate - (converged && this.params.diskBytes > 0 ? this.params.diskWriteBytesPerSec : 0);
      const m = memRate > 0 ? this.memory.timeToEnd(memRate) : Infinity;
      if (!Number.isFinite(m)) return Infinity;
      t += m;
    }
    return t + remainder / rate;
  }

  /** Runs to the end at a constant rate (only when timeToEnd(rate) is finite). */
  runToEnd(rate: number): void {
    for (let guard = 0; this.phase !== 'done' && guard < 100_000; guard++) {
      if (this.phase === 'memory') {
        this.memory.runToEnd(rate - this.mirrored);
        this.elapsed = this.memoryStart + this.memory.elapsedSeconds;
        this.afterMemory();
      } else this.advance(this.phase === 'disk' ? this.disk.left / rate : this.remainderLeft / rate, rate);
    }
  }

  /** Advances `dt` seconds at `rate` bytes/s. */
  advance(dt: number, rate: number): void {
    let remaining = dt;
    for (let guard = 0; remaining > 0 && this.phase !== 'done' && guard < 100_000; guard++) {
      if (this.phase === 'disk') {
        const need = rate > 0 ? this.disk.left / rate : Infinity;
        if (need > remaining * (1 + EPS)) {
          this.disk.left -= rate * remaining;
          this.disk.elapsed += remaining;
          this.elapsed += remaining;
          return;
        }
        this.disk.elapsed += need;
        this.elapsed += need;
        remaining -= need;
        const r = this.endPass(this.disk, this.disk.elapsed, rate);
        if (r === 'sync') this.startMemory();
        else if (r === 'gave-up') {
          this.diskConverged = false;
          this.remainderBytes = this.disk.left;
          this.remainderLeft = this.disk.left;
          this.startMemory();
        }
      } else if (this.phase === 'memory') {
        const memRate = Math.max(0, rate - this.mirrored);
        const before = this.memory.elapsedSeconds;
        const need = memRate > 0 ? this.memory.timeToEnd(memRate) : Infinity;
        if (need > remaining * (1 + EPS)) {
          this.memory.advance(remaining, memRate);
          this.elapsed = this.memoryStart + this.memory.elapsedSeconds;
          return;
        }
        this.memory.runToEnd(memRate);
        this.elapsed = this.memoryStart + this.memory.elapsedSeconds;
        remaining -= this.memory.elapsedSeconds - before;
        this.afterMemory();
      } else {
        const need = rate > 0 ? this.remainderLeft / rate : Infinity;
        const t = Math.min(need, remaining);
        this.remainderLeft -= rate * t;
        this.remainderSeconds += t;
        this.elapsed += t;
        remaining -= t;
        if (need <= t * (1 + EPS)) {
          this.remainderLeft = 0;
          this.phase = 'done';
        }
      }
    }
  }

  /** A disk pass just ended at `rate`: 'sync' (mirror in sync), 'gave-up' (pass cap; d.left = blocks left) or 'next'. */
  private endPass(d: DiskState, passSeconds: number, rate: number): 'sync' | 'gave-up' | 'next' {
    d.passes.push({ sentBytes: d.passBytes, seconds: passSeconds });
    if (d.syncPass) return 'sync';
    const measuredRate = passSeconds > 0 ? d.passBytes / passSeconds : rate;
    const next = Math.min(this.params.diskWriteBytesPerSec * passSeconds, this.params.diskBytes);
    d.passBytes = next;
    d.left = next;
    d.elapsed = 0;
    if (next <= measuredRate * this.params.downtimeLimitSec) {
      // In sync: the last few blocks go while the mirror switches to synchronous writes.
      d.syncPass = true;
      return next === 0 ? 'sync' : 'next';
    }
    return d.passes.length >= DISK_COPY_MAX_PASSES ? 'gave-up' : 'next';
  }

  private startMemory(): void {
    this.phase = 'memory';
    this.memoryStart = this.elapsed;
  }

  private afterMemory(): void {
    this.phase = this.remainderLeft > 0 ? 'disk-remainder' : 'done';
  }

  /** At a rate where it never ends: the disk passes, then memory rounds until one shows it (for the report). */
  runUntilStuck(rate: number): void {
    if (this.phase === 'disk') this.advance(this.diskTimeToEnd(rate), rate);
    if (this.phase === 'memory') this.memory.runUntilStuck(Math.max(0, rate - this.mirrored));
  }

  private diskTimeToEnd(rate: number): number {
    const d = { ...this.disk, passes: [...this.disk.passes] };
    let t = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      t += d.left / rate;
      if (this.endPass(d, d.elapsed + d.left / rate, rate) !== 'next') break;
    }
    return t;
  }

  /**
   * The result once done (or the stuck state, with Infinity totals, when it never finishes). λ is the dirty
   * rate over `memoryRate`, the memory copy's rate (default: its average over the run).
   */
  result(memoryRate?: number): MigrationResult {
    const p = this.params;
    const avg = this.memory.elapsedSeconds > 0 ? this.memory.sentBytes / this.memory.elapsedSeconds : 0;
    const memory = precopyResult(p, this.memory, memoryRate ?? avg);
    const passes = this.disk.passes;
    const diskBytes = passes.reduce((s, x) => s + x.sentBytes, 0);
    const diskSeconds = passes.reduce((s, x) => s + x.seconds, 0);
    const inDowntime = p.edgeUpdate === 'vdp-associate';
    const storageSeconds = diskSeconds + this.remainderSeconds;
    const update = networkUpdateSeconds(p);
    return {
      ...memory,
      converged: memory.converged && this.diskConverged,
      totalSeconds: storageSeconds + memory.totalSeconds + update,
      downtimeSeconds: memory.downtimeSeconds + this.remainderSeconds + (inDowntime ? update : 0),
      storageBytes: diskBytes + this.remainderBytes,
      storageSeconds,
      storageRounds: this.remainderBytes > 0 ? [...passes, { sentBytes: this.remainderBytes, seconds: this.remainderSeconds }] : passes,
      storageConverged: this.diskConverged,
      networkUpdateSeconds: update,
      networkUpdateInDowntime: inDowntime,
      ...vsiField(p),
    };
  }
}

/** Simulates a VM's migration on a path of constant rate: local-disk copy (if any), memory pre-copy, resume, network update. */
export function simulateLiveMigration(p: LiveMigrationParams): MigrationResult {
  const R = p.bandwidthBytesPerSec;
  const proc = new LiveMigrationProcess(p);
  if (!(R > 0)) {
    const inDowntime = p.edgeUpdate === 'vdp-associate';
    return {
      converged: false, stopReason: 'no-bandwidth', policy: p.policy ?? 'qemu', rounds: [], transferredBytes: 0, totalSeconds: Infinity, downtimeSeconds: Infinity, lambda: Infinity,
      storageBytes: 0, storageSeconds: 0, storageRounds: [], storageConverged: true, networkUpdateSeconds: networkUpdateSeconds(p), networkUpdateInDowntime: inDowntime,
      ...vsiField(p),
    };
  }
  if (Number.isFinite(proc.timeToEnd(R))) proc.runToEnd(R);
  else proc.runUntilStuck(R);
  return proc.result(R - (p.diskBytes > 0 && proc.diskInSync ? Math.min(p.diskWriteBytesPerSec, R) : 0));
}

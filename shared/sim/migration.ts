/**
 * Live migration by iterative pre-copy (DOMAIN.md §5) on a path of constant rate: the parameters, their
 * defaults and checks, and `simulateMigration`, which runs the steppable pre-copy of precopy.ts at one rate.
 * Round 0 sends memory (minus zero pages); each later round sends what the guest dirtied during the previous
 * one (capped by the writable working set). When to stop and copy is the hypervisor's policy
 * (migration-policy.ts): `qemu` stops on the downtime target, `xen-legacy` and `xen` on their round caps
 * or a few dirty pages, `vsphere` on its switchover target while SDPS slows the guest (an estimate).
 */
import { policyRoundCap, type MigrationPolicy } from './migration-policy';
import { PrecopyProcess, type MigrationRound, type StopReason } from './precopy';

export type { MigrationRound, StopReason } from './precopy';
export type { MigrationPolicy } from './migration-policy';

export interface MigrationParams {
  /** Stop policy (default `qemu`, the policy DOMAIN.md's check value uses). */
  policy?: MigrationPolicy;
  /** Guest memory, bytes. */
  memoryBytes: number;
  /** Migration path rate, bytes/s. */
  bandwidthBytesPerSec: number;
  /** Guest dirty rate, bytes/s. */
  dirtyBytesPerSec: number;
  /** Switch-over target for `qemu` (QEMU default 0.3 s) and `vsphere`; Xen does not use one. */
  downtimeLimitSec: number;
  /**
   * Rounds in all, round 0 and the stop-and-copy included; null = the policy's own (Xen ≤ 4.5: 30, Xen 4.6+: 6,
   * none for qemu and vsphere). For `qemu` a number forces the switch-over at that round, as a management
   * layer's "force complete" would (reported as not converged); `vsphere` ignores it.
   */
  maxRounds: number | null;
  /** Time to resume the VM on the destination, seconds. */
  resumeSec: number;
  /** Share of memory that is zero pages, skipped in round 0 (0-1). */
  zeroPageShare: number;
  /** Writable working set, bytes: caps what one round can dirty. */
  workingSetBytes: number;
  /** Xen's few-pages test is in pages of this size. */
  pageBytes: number;
  /** QEMU auto-converge (`qemu` only): throttle the guest 20 %, then +10 % per two high-dirty periods, up to 99 %. */
  autoConverge: boolean;
  /** Kept for files and callers from before the policies; the policies fix both (Xen: 50 pages, Xen ≤ 4.5: 3×). */
  minDirtyPages?: number;
  maxTransferFactor?: number;
}

export const MIGRATION_DEFAULTS = {
  policy: 'qemu',
  downtimeLimitSec: 0.3,
  maxRounds: null,
  resumeSec: 0,
  zeroPageShare: 0,
  pageBytes: 4096,
  autoConverge: false,
} as const satisfies Partial<MigrationParams>;

/** One pass of a local-disk copy (bulk copy, then the blocks the guest wrote meanwhile). */
export interface StorageRound {
  sentBytes: number;
  seconds: number;
}

export interface MigrationResult {
  converged: boolean;
  stopReason: StopReason;
  /** The policy that decided when to stop (absent in results stored before policies existed: they mixed QEMU and Xen). */
  policy?: MigrationPolicy;
  rounds: MigrationRound[];
  transferredBytes: number;
  /** Pre-copy + stop-and-copy + resume; Infinity only from simulateMigration when it never finishes (simulate() reports those apart). */
  totalSeconds: number;
  /** Stop-and-copy + resume: how long the VM is paused. */
  downtimeSeconds: number;
  /** Dirty rate / bandwidth (λ); pre-copy converges on its own only when below 1. */
  lambda: number;
  // The fields below are filled by live-migration.ts (a VM moved between hosts). They are optional
  // because results stored before they existed have none; a missing one means "none" (0, no rounds).
  /** Local-disk copy before the memory pre-copy (drive-mirror style), bytes and seconds; 0 on shared storage. */
  storageBytes?: number;
  storageSeconds?: number;
  storageRounds?: StorageRound[];
  /** False when the disk copy never caught up with the guest's writes (the rest went in the stop-and-copy). */
  storageConverged?: boolean;
  /** Time to resume the VM at the destination, seconds (part of the downtime). */
  resumeSeconds?: number;
  /** Final step: the edge learns the VM's new location (RARP/gratuitous ARP, or a VDP associate), seconds. */
  networkUpdateSeconds?: number;
  /** Whether the network update counts as downtime (a VDP associate gates traffic; a RARP does not). */
  networkUpdateInDowntime?: boolean;
  /** For a VDP edge: whether every VSI of the VM was pre-associated at the destination's bridge (absent: not judged). */
  vsiPreassociated?: boolean;
}

/** Checks parameters; returns a one-line reason for the first impossible one, or null. */
export function checkMigrationParams(p: MigrationParams): string | null {
  const positive: (keyof MigrationParams)[] = ['memoryBytes', 'pageBytes'];
  for (const k of positive) if (!(Number(p[k]) > 0) || !Number.isFinite(Number(p[k]))) return `${k} must be a positive number`;
  const nonNeg: (keyof MigrationParams)[] = ['bandwidthBytesPerSec', 'dirtyBytesPerSec', 'downtimeLimitSec', 'resumeSec', 'workingSetBytes'];
  for (const k of nonNeg) if (!(Number(p[k]) >= 0) || !Number.isFinite(Number(p[k]))) return `${k} must be a number ≥ 0`;
  if (p.maxRounds !== null && (!Number.isInteger(p.maxRounds) || p.maxRounds < 1)) return 'maxRounds must be an integer ≥ 1 (or null for the policy’s own)';
  const policy = p.policy ?? 'qemu';
  if ((policy === 'xen' || policy === 'xen-legacy') && p.maxRounds !== null && p.maxRounds < 2) return `maxRounds must be at least 2 for ${policy}: one live iteration and the final one`;
  if (!(p.zeroPageShare >= 0 && p.zeroPageShare < 1)) return 'zeroPageShare must be in [0, 1)';
  return null;
}

/** The pre-copy of `p` as a steppable process (rates are given to it as it advances). */
export function precopyProcess(p: MigrationParams): PrecopyProcess {
  return new PrecopyProcess({
    policy: p.policy ?? 'qemu',
    memoryBytes: p.memoryBytes,
    dirtyBytesPerSec: p.dirtyBytesPerSec,
    downtimeLimitSec: p.downtimeLimitSec,
    maxRounds: p.maxRounds,
    zeroPageShare: p.zeroPageShare,
    workingSetBytes: p.workingSetBytes,
    pageBytes: p.pageBytes,
    autoConverge: p.autoConverge,
  });
}

/** The result of a finished (or proven stuck) pre-copy process; λ is taken against `R`, the memory copy's rate. */
export function precopyResult(p: MigrationParams, proc: PrecopyProcess, R: number): MigrationResult {
  const policy = p.policy ?? 'qemu';
  const lambda = R > 0 ? p.dirtyBytesPerSec / R : Infinity;
  if (!proc.done) {
    return { converged: false, stopReason: 'no-convergence', policy, rounds: proc.rounds, transferredBytes: proc.sentBytes, totalSeconds: Infinity, downtimeSeconds: Infinity, lambda, resumeSeconds: p.resumeSec };
  }
  const reason = proc.stopReason!;
  const last = proc.rounds.at(-1)!;
  return {
    converged: reason === 'downtime-limit' || reason === 'few-dirty-pages',
    stopReason: reason,
    policy,
    rounds: proc.rounds,
    transferredBytes: proc.sentBytes,
    totalSeconds: proc.elapsedSeconds + p.resumeSec,
    downtimeSeconds: last.seconds + p.resumeSec,
    lambda,
    resumeSeconds: p.resumeSec,
  };
}

/** Simulates one migration on a path of constant rate. */
export function simulateMigration(p: MigrationParams): MigrationResult {
  const R = p.bandwidthBytesPerSec;
  const policy = p.policy ?? 'qemu';
  if (!(R > 0)) {
    return { converged: false, stopReason: 'no-bandwidth', policy, rounds: [], transferredBytes: 0, totalSeconds: Infinity, downtimeSeconds: Infinity, lambda: Infinity };
  }
  const proc = precopyProcess(p);
  const t = proc.timeToEnd(R);
  // Never finishing at this rate, it runs the rounds that show it (the look-ahead stops there) for the report.
  if (Number.isFinite(t)) proc.runToEnd(R);
  else proc.runUntilStuck(R);
  return precopyResult(p, proc, R);
}

/** The policy's own round cap, for reports (null = none). */
export function roundCapOf(p: MigrationParams): number | null {
  return p.maxRounds ?? policyRoundCap(p.policy ?? 'qemu');
}

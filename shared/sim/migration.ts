/**
 * Live migration by iterative pre-copy (DOMAIN.md §5). Round 0 sends memory (minus zero pages); each later
 * round sends what the guest dirtied during the previous one (capped by the writable working set). The VM
 * stops when the remainder fits the downtime limit (QEMU), when fewer than a handful of pages are dirty,
 * or when a round or volume cap is hit (Xen); the last case is reported as not converged.
 */

export interface MigrationParams {
  /** Guest memory, bytes. */
  memoryBytes: number;
  /** Migration path rate, bytes/s. */
  bandwidthBytesPerSec: number;
  /** Guest dirty rate, bytes/s. */
  dirtyBytesPerSec: number;
  /** Stop-and-copy when the remainder can be sent within this many seconds (QEMU default 0.3 s). */
  downtimeLimitSec: number;
  /** Round cap including round 0 (Xen: 30). */
  maxRounds: number;
  /** Time to resume the VM on the destination, seconds. */
  resumeSec: number;
  /** Share of memory that is zero pages, skipped in round 0 (0-1). */
  zeroPageShare: number;
  /** Writable working set, bytes: caps what one round can dirty. */
  workingSetBytes: number;
  /** Stop when fewer pages than this are dirty (Xen: 50). */
  minDirtyPages: number;
  pageBytes: number;
  /** Force stop-and-copy once this multiple of memory has been sent (Xen: 3). */
  maxTransferFactor: number;
  /** QEMU auto-converge: throttle the guest (20 % then +10 % per round, up to 99 %) while rounds do not shrink fast enough. */
  autoConverge: boolean;
}

export const MIGRATION_DEFAULTS = {
  downtimeLimitSec: 0.3,
  maxRounds: 30,
  resumeSec: 0,
  zeroPageShare: 0,
  minDirtyPages: 50,
  pageBytes: 4096,
  maxTransferFactor: 3,
  autoConverge: false,
} as const;

export interface MigrationRound {
  /** Bytes sent in this round. */
  sentBytes: number;
  seconds: number;
  /** Guest throttle during this round (0 without auto-converge). */
  throttle: number;
  /** True for the final stop-and-copy round (the VM is paused). */
  stopAndCopy: boolean;
}

export type StopReason = 'downtime-limit' | 'few-dirty-pages' | 'max-rounds' | 'max-transfer' | 'no-bandwidth';

/** One pass of a local-disk copy (bulk copy, then the blocks the guest wrote meanwhile). */
export interface StorageRound {
  sentBytes: number;
  seconds: number;
}

export interface MigrationResult {
  converged: boolean;
  stopReason: StopReason;
  rounds: MigrationRound[];
  transferredBytes: number;
  /** Pre-copy + stop-and-copy + resume. */
  totalSeconds: number;
  /** Stop-and-copy + resume: how long the VM is paused. */
  downtimeSeconds: number;
  /** Dirty rate / bandwidth (λ); pre-copy converges only when below 1. */
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
}

/** Checks parameters; returns a one-line reason for the first impossible one, or null. */
export function checkMigrationParams(p: MigrationParams): string | null {
  const positive: (keyof MigrationParams)[] = ['memoryBytes', 'pageBytes'];
  for (const k of positive) if (!(Number(p[k]) > 0) || !Number.isFinite(Number(p[k]))) return `${k} must be a positive number`;
  const nonNeg: (keyof MigrationParams)[] = ['bandwidthBytesPerSec', 'dirtyBytesPerSec', 'downtimeLimitSec', 'resumeSec', 'workingSetBytes', 'minDirtyPages', 'maxTransferFactor'];
  for (const k of nonNeg) if (!(Number(p[k]) >= 0) || !Number.isFinite(Number(p[k]))) return `${k} must be a number ≥ 0`;
  if (!Number.isInteger(p.maxRounds) || p.maxRounds < 1) return 'maxRounds must be an integer ≥ 1';
  if (!(p.zeroPageShare >= 0 && p.zeroPageShare < 1)) return 'zeroPageShare must be in [0, 1)';
  return null;
}

/** Simulates one migration on a path of constant rate. */
export function simulateMigration(p: MigrationParams): MigrationResult {
  const R = p.bandwidthBytesPerSec;
  const lambda = R > 0 ? p.dirtyBytesPerSec / R : Infinity;
  if (R <= 0) {
    return { converged: false, stopReason: 'no-bandwidth', rounds: [], transferredBytes: 0, totalSeconds: Infinity, downtimeSeconds: Infinity, lambda };
  }
  const threshold = R * p.downtimeLimitSec;
  const fewPages = p.minDirtyPages * p.pageBytes;
  const rounds: MigrationRound[] = [];
  let throttle = 0;
  let toSend = p.memoryBytes * (1 - p.zeroPageShare);
  let sent = 0;
  let stopReason: StopReason | null = null;
  for (let i = 0; ; i++) {
    if (i > 0) {
      if (toSend <= threshold) stopReason = 'downtime-limit';
      else if (toSend < fewPages) stopReason = 'few-dirty-pages';
      else if (i >= p.maxRounds) stopReason = 'max-rounds';
      else if (sent >= p.maxTransferFactor * p.memoryBytes) stopReason = 'max-transfer';
    }
    const seconds = toSend / R;
    rounds.push({ sentBytes: toSend, seconds, throttle, stopAndCopy: stopReason !== null });
    sent += toSend;
    if (stopReason) break;
    const dirtied = Math.min(p.dirtyBytesPerSec * (1 - throttle) * seconds, p.workingSetBytes);
    // QEMU throttles when a round re-dirties more than half of what it sent.
    if (p.autoConverge && dirtied > toSend / 2) throttle = throttle === 0 ? 0.2 : Math.min(0.99, throttle + 0.1);
    toSend = dirtied;
  }
  const last = rounds[rounds.length - 1]!;
  const downtimeSeconds = last.seconds + p.resumeSec;
  return {
    converged: stopReason === 'downtime-limit' || stopReason === 'few-dirty-pages',
    stopReason: stopReason!,
    rounds,
    transferredBytes: sent,
    totalSeconds: sent / R + p.resumeSec,
    downtimeSeconds,
    lambda,
    resumeSeconds: p.resumeSec,
  };
}

/**
 * The memory pre-copy as a process that advances under a changing rate (DOMAIN.md §5). Rounds follow one
 * another on the stream: round 0 sends the memory (minus zero pages), each later round what the guest
 * dirtied during the one before (capped by the writable working set). Every decision (stop and copy,
 * throttle the guest) happens at a round boundary, with the bandwidth measured over the round that just
 * ended, as the hypervisors do; between boundaries the rate may change any number of times.
 *
 * Simplification: a round is a full pass over the dirty set. QEMU actually re-syncs its bitmap whenever the
 * pending estimate falls below the threshold, so it can switch over mid-pass with a remainder just under the
 * limit; checking at pass ends (as DOMAIN.md's closed form does) gives a downtime at or below the limit.
 */
import {
  QEMU_BANDWIDTH_WINDOW_SEC,
  QEMU_THROTTLE,
  SDPS_TARGET_LAMBDA,
  XEN_FEW_PAGES,
  XEN_LEGACY_MAX_FACTOR,
  policyRoundCap,
  type MigrationPolicy,
} from './migration-policy';

/** Why the pre-copy stopped (or, for `no-convergence` and `no-bandwidth`, never can). */
export type StopReason = 'downtime-limit' | 'few-dirty-pages' | 'max-rounds' | 'max-transfer' | 'no-bandwidth' | 'no-convergence';

export interface MigrationRound {
  /** Bytes sent in this round. */
  sentBytes: number;
  seconds: number;
  /** Guest throttle during this round (0 without auto-converge / SDPS). */
  throttle: number;
  /** True for the final stop-and-copy round (the VM is paused). */
  stopAndCopy: boolean;
}

export interface PrecopySettings {
  policy: MigrationPolicy;
  memoryBytes: number;
  /** Guest dirty rate before any throttle, bytes/s. */
  dirtyBytesPerSec: number;
  /** Switch-over target for `qemu` and `vsphere`, seconds. */
  downtimeLimitSec: number;
  /** Rounds in all (round 0 and the stop-and-copy included); null = the policy's own cap (none for qemu/vsphere). */
  maxRounds: number | null;
  zeroPageShare: number;
  workingSetBytes: number;
  pageBytes: number;
  /** QEMU auto-converge (qemu only). */
  autoConverge: boolean;
}

const EPS = 1e-12;

/** Mutable state of one pre-copy; cloned for look-ahead. */
interface State {
  round: number;
  /** Bytes of the current round and what is left of them. */
  roundBytes: number;
  left: number;
  roundElapsed: number;
  /** (seconds, bytes/s) pieces of the current round, for the measured bandwidth. */
  pieces: [number, number][];
  /** Dirtied during the current round (uncapped). */
  dirtied: number;
  throttle: number;
  stopAndCopy: boolean;
  stopReason: StopReason | null;
  /** Set when the next round is the last live one (Xen 4.6+: few dirty pages are still sent live). */
  lastLive: boolean;
  done: boolean;
  sent: number;
  elapsed: number;
  // QEMU auto-converge period counters.
  periodStart: number;
  periodDirtied: number;
  periodSent: number;
  highCount: number;
}

/** A pre-copy in progress. */
export class PrecopyProcess {
  readonly rounds: MigrationRound[] = [];
  private s: State;
  private readonly cap: number | null;

  constructor(readonly settings: PrecopySettings) {
    const first = settings.memoryBytes * (1 - settings.zeroPageShare);
    const cap = settings.maxRounds ?? policyRoundCap(settings.policy);
    // Xen cannot do fewer than one live iteration and the final one (a cap of 0 means its default).
    this.cap = cap === null ? null : settings.policy === 'xen' || settings.policy === 'xen-legacy' ? Math.max(2, cap) : Math.max(1, cap);
    const stopNow = this.cap === 1;
    this.s = {
      round: 0,
      roundBytes: first,
      left: first,
      roundElapsed: 0,
      pieces: [],
      dirtied: 0,
      throttle: 0,
      stopAndCopy: stopNow,
      stopReason: stopNow ? 'max-rounds' : null,
      lastLive: false,
      done: false,
      sent: 0,
      elapsed: 0,
      periodStart: 0,
      periodDirtied: 0,
      periodSent: 0,
      highCount: 0,
    };
  }

  get done(): boolean {
    return this.s.done;
  }
  get stopReason(): StopReason | null {
    return this.s.stopReason;
  }
  get sentBytes(): number {
    return this.s.sent;
  }
  get elapsedSeconds(): number {
    return this.s.elapsed;
  }
  /** At a rate where it never ends: runs round by round until a round has shown it (for the report). */
  runUntilStuck(rate: number): void {
    for (let i = 0; i < 10_000 && !this.s.done; i++) {
      const before = this.rounds.length;
      this.advance(this.timeToRoundEnd(rate), rate);
      if (this.rounds.length > before && this.rounds.length >= 2 && this.rounds.at(-1)!.sentBytes <= this.s.roundBytes && !Number.isFinite(this.timeToEnd(rate))) return;
    }
  }

  /** Bytes of the round in progress (its whole size, not what is left). */
  get currentRoundBytes(): number {
    return this.s.roundBytes;
  }
  /** Seconds to the end of the round in progress at `rate`. */
  timeToRoundEnd(rate: number): number {
    return rate > 0 ? this.s.left / rate : Infinity;
  }
  /** The guest throttle now (0-1). */
  get throttle(): number {
    return this.s.throttle;
  }

  /** Advances `dt` seconds at `rate` bytes/s, crossing any number of round boundaries. */
  advance(dt: number, rate: number): void {
    step(this.settings, this.cap, this.s, dt, rate, this.rounds);
  }

  /** Runs to the last byte at a constant `rate` (call only when timeToEnd(rate) is finite). */
  runToEnd(rate: number): void {
    for (let guard = 0; !this.s.done && guard < 1_000_000; guard++) step(this.settings, this.cap, this.s, this.s.left / rate, rate, this.rounds);
  }

  /** Seconds until the last byte at a constant `rate`; Infinity when it never comes at that rate. */
  timeToEnd(rate: number): number {
    if (this.s.done) return 0;
    if (!(rate > 0)) return Infinity;
    const s = { ...this.s, pieces: [...this.s.pieces] };
    let t = 0;
    // Each pass: finish the current round; a boundary that proves the pre-copy stuck at this rate ends the look-ahead.
    for (let guard = 0; guard < 1_000_000; guard++) {
      const dt = s.left / rate;
      const before = s.roundBytes;
      const wasFull = s.pieces.every((p) => p[1] === rate);
      step(this.settings, this.cap, s, dt, rate, null);
      t += dt;
      if (s.done) return t;
      if (wasFull && stuck(this.settings, this.cap, s, before)) return Infinity;
    }
    return Infinity;
  }
}

/**
 * True when, at a constant rate, the pre-copy can never stop: the round just ended did not shrink, the
 * throttle cannot rise any more, and no round cap will force the switch-over. (V_{i+1} = min(λV_i, W) ≥ V_i
 * then holds for every later round, and none of them fits the threshold.)
 */
function stuck(set: PrecopySettings, cap: number | null, s: State, previousRoundBytes: number): boolean {
  if (cap !== null || s.stopAndCopy) return false;
  if (s.roundBytes < previousRoundBytes) return false;
  switch (set.policy) {
    case 'qemu':
      return !set.autoConverge || s.throttle >= QEMU_THROTTLE.max - EPS;
    case 'vsphere':
      // SDPS brings λ down to SDPS_TARGET_LAMBDA; a round that still grows means the guest is already stunned
      // as far as the model goes (only a zero dirty-rate throttle cannot help: the stream carries nothing).
      return s.throttle >= 1 - EPS;
    case 'xen':
    case 'xen-legacy':
      return false;
    default: {
      const never: never = set.policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

function step(set: PrecopySettings, cap: number | null, s: State, dt: number, rate: number, log: MigrationRound[] | null): void {
  let remaining = dt;
  while (!s.done && remaining >= 0) {
    const need = rate > 0 ? s.left / rate : Infinity;
    if (need > remaining * (1 + EPS) + EPS * 1e-3) {
      // The round goes on past this interval.
      progress(s, remaining, rate, set);
      return;
    }
    progress(s, need, rate, set);
    remaining -= need;
    boundary(set, cap, s, log);
    if (remaining <= 0) return;
  }
}

function progress(s: State, dt: number, rate: number, set: PrecopySettings): void {
  if (dt <= 0) return;
  const bytes = Math.min(s.left, rate * dt);
  s.left -= bytes;
  s.sent += bytes;
  s.elapsed += dt;
  s.roundElapsed += dt;
  const last = s.pieces.at(-1);
  if (last && last[1] === rate) last[0] += dt;
  else s.pieces.push([dt, rate]);
  // A paused guest (stop-and-copy) dirties nothing.
  if (!s.stopAndCopy) s.dirtied += set.dirtyBytesPerSec * (1 - s.throttle) * dt;
}

/** Bytes/s over the last `window` seconds of the round (the whole round when shorter). */
function measured(s: State, window: number): number {
  let t = 0;
  let bytes = 0;
  for (let i = s.pieces.length - 1; i >= 0 && t < window; i--) {
    const [dt, r] = s.pieces[i]!;
    const take = Math.min(dt, window - t);
    t += take;
    bytes += take * r;
  }
  return t > 0 ? bytes / t : 0;
}

/** The round just ended: record it, then decide (per policy) what the next one is. */
function boundary(set: PrecopySettings, cap: number | null, s: State, log: MigrationRound[] | null): void {
  log?.push({ sentBytes: s.roundBytes, seconds: s.roundElapsed, throttle: s.throttle, stopAndCopy: s.stopAndCopy });
  s.left = 0;
  if (s.stopAndCopy) {
    s.done = true;
    return;
  }
  const sentRound = s.roundBytes;
  const next = Math.min(s.dirtied, set.workingSetBytes);
  const nextIndex = s.round + 1;
  const fewPages = XEN_FEW_PAGES * set.pageBytes;
  let stop: StopReason | null = null;
  let nextLastLive = false;
  switch (set.policy) {
    case 'qemu': {
      // migration_bitmap_sync: the auto-converge trigger runs when the period is over 1 s old.
      s.periodDirtied += next;
      s.periodSent += sentRound;
      if (s.elapsed - s.periodStart > QEMU_THROTTLE.periodSec) {
        if (s.periodDirtied > QEMU_THROTTLE.triggerShare * s.periodSent && ++s.highCount >= QEMU_THROTTLE.highPeriods) {
          s.highCount = 0;
          if (set.autoConverge) s.throttle = s.throttle === 0 ? QEMU_THROTTLE.initial : Math.min(QEMU_THROTTLE.max, s.throttle + QEMU_THROTTLE.increment);
        }
        s.periodStart = s.elapsed;
        s.periodDirtied = 0;
        s.periodSent = 0;
      }
      const threshold = measured(s, QEMU_BANDWIDTH_WINDOW_SEC) * set.downtimeLimitSec;
      if (next === 0 || next < threshold) stop = 'downtime-limit';
      else if (cap !== null && nextIndex >= cap - 1) stop = 'max-rounds';
      break;
    }
    case 'vsphere': {
      const bw = s.roundElapsed > 0 ? sentRound / s.roundElapsed : 0;
      if (next === 0 || next < bw * set.downtimeLimitSec) stop = 'downtime-limit';
      else if (next >= sentRound && set.dirtyBytesPerSec > 0) {
        // SDPS (ESTIMATE): slow the vCPUs until the guest dirties at most SDPS_TARGET_LAMBDA of the stream rate.
        s.throttle = Math.max(s.throttle, Math.min(1, 1 - (SDPS_TARGET_LAMBDA * bw) / set.dirtyBytesPerSec));
      }
      break;
    }
    case 'xen-legacy': {
      // xc_domain_save.c: after live iteration iter = round + 1 (sent_this_iter + skip_this_iter ≈ this round).
      const iter = nextIndex;
      if (sentRound < fewPages) stop = 'few-dirty-pages';
      else if (cap !== null && iter >= cap - 1) stop = 'max-rounds';
      else if (s.sent > XEN_LEGACY_MAX_FACTOR * set.memoryBytes) stop = 'max-transfer';
      break;
    }
    case 'xen': {
      // xg_sr_save.c send_memory_live: `iteration` = live rounds sent; the policy is asked before CLEAN.
      if (s.lastLive) stop = 'few-dirty-pages';
      else if (cap !== null && nextIndex >= cap - 1) stop = 'max-rounds';
      else if (next < fewPages) nextLastLive = true;
      break;
    }
    default: {
      const never: never = set.policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
  s.round = nextIndex;
  s.roundBytes = next;
  s.left = next;
  s.roundElapsed = 0;
  s.pieces = [];
  s.dirtied = 0;
  s.lastLive = nextLastLive;
  if (stop) {
    s.stopAndCopy = true;
    s.stopReason = stop;
  }
  // A round with nothing to send ends at once (it still counts, as the hypervisors count it).
  if (next === 0) boundary(set, cap, s, log);
}

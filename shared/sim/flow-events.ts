/**
 * Flow-level event simulation (as SimGrid's flow model does it): rates are max-min fair and piecewise constant.
 * Every stream shares the capacities of its path with all the others (progressive filling, maxmin.ts); a
 * stream with a process (a migration, a finite transfer) ends when its process has sent its last byte, and
 * then the streams it shared capacity with are re-allocated, event by event, until no process can end.
 *
 * The engine knows nothing of designs or migrations (the SimPy pattern): it sees capacities, paths, demand
 * caps and processes that can say when they end at a given rate and advance by a given time. Streams that
 * end at the same time are handled together, in stream order, so runs are deterministic.
 *
 * Cost: one max-min solve at the start, then one per event over the connected component(s) of the streams
 * that ended (streams that share no capacity, even transitively, cannot change each other's rates). An event
 * ends at least one process, so there are at most as many re-solves as processes.
 */
import { SolveCancelled, solveMaxMin, type MaxMinInstance, type MaxMinSolution } from './maxmin';

/** What the engine asks of a stream's process; rates in bytes/s. */
export interface StreamProcess {
  readonly done: boolean;
  /** Seconds until the last byte at a constant rate; Infinity when it never comes. */
  timeToEnd(rate: number): number;
  advance(dt: number, rate: number): void;
  /** Runs to the last byte at a constant rate (called when timeToEnd(rate) is the event's time). */
  runToEnd(rate: number): void;
}

export interface EventStream {
  /** Resource indices, in order (a resource listed twice counts twice). */
  path: number[];
  /** Rate cap, Gb/s; Infinity = none. */
  demandGbps: number;
  /** null for a steady flow, which never ends. */
  process: StreamProcess | null;
}

export interface EventRunResult {
  /** Rate of each stream in the first allocation, Gb/s. */
  initialGbps: Float64Array;
  /** Bottleneck of each stream in the first allocation (resource index, BOTTLENECK_DEMAND or BOTTLENECK_NONE). */
  initialBottleneck: Int32Array;
  /** Bottleneck in the last allocation the stream was part of. */
  lastBottleneck: Int32Array;
  /** Rate steps [time s, Gb/s] of streams whose rate changed, and of every stream with a process; null otherwise. */
  steps: ([number, number][] | null)[];
  /** When each process sent its last byte, seconds; NaN for steady streams and processes that never end. */
  endSeconds: Float64Array;
  /** Largest load each resource carried at any time, Gb/s. */
  peakLoad: Float64Array;
  /** Max-min solves done (1 + events). */
  solves: number;
}

export interface EventRunOptions {
  onProgress?: (fraction: number) => void;
  shouldCancel?: () => boolean;
  /** Solves the streams of `subset` (indices into `streams`), in subset order; default: plain max-min (QoS: qos.ts). */
  solver?: SubsetSolver;
}

/** What the engine asks of a solver: the allocation of a subset of streams, indexed as the subset. */
export type SubsetSolver = (capacities: Float64Array, streams: readonly EventStream[], subset: readonly number[], opts: EventRunOptions) => MaxMinSolution;

const GBPS = 1e9 / 8;

export function solveSubset(capacities: Float64Array, streams: readonly EventStream[], subset: readonly number[], opts: EventRunOptions): MaxMinSolution {
  let entries = 0;
  for (const i of subset) entries += streams[i]!.path.length;
  const flowPtr = new Int32Array(subset.length + 1);
  const flowLinks = new Int32Array(entries);
  const demands = new Float64Array(subset.length);
  let w = 0;
  subset.forEach((i, k) => {
    flowPtr[k] = w;
    for (const r of streams[i]!.path) flowLinks[w++] = r;
    demands[k] = streams[i]!.demandGbps;
  });
  flowPtr[subset.length] = w;
  const inst: MaxMinInstance = { capacities, flowPtr, flowLinks, demands };
  return solveMaxMin(inst, { onProgress: opts.onProgress, shouldCancel: opts.shouldCancel });
}

/** Components of streams that share a resource, directly or through others (union-find). */
function components(nResources: number, streams: readonly EventStream[]): Int32Array {
  const parent = Int32Array.from({ length: streams.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const owner = new Int32Array(nResources).fill(-1);
  streams.forEach((s, i) => {
    for (const r of s.path) {
      const o = owner[r]!;
      if (o < 0) owner[r] = i;
      else {
        const a = find(o);
        const b = find(i);
        if (a !== b) parent[a] = b;
      }
    }
  });
  return Int32Array.from({ length: streams.length }, (_, i) => find(i));
}

/** Runs the streams to the last event. */
export function runFlowEvents(capacities: Float64Array, streams: readonly EventStream[], opts: EventRunOptions = {}): EventRunResult {
  const n = streams.length;
  const rate = new Float64Array(n);
  const initialBottleneck = new Int32Array(n);
  const lastBottleneck = new Int32Array(n);
  const steps: ([number, number][] | null)[] = new Array<[number, number][] | null>(n).fill(null);
  const endSeconds = new Float64Array(n).fill(NaN);
  const peakLoad = new Float64Array(capacities.length);
  const active = new Uint8Array(n).fill(1);
  // Components are needed only once a stream ends (a run of steady flows never asks): computed then, from the same paths.
  let comp: Int32Array | null = null;
  // A rate below a bit per second is float residue of a saturated link, not bandwidth.
  const clean = (x: number) => (Number.isFinite(x) && x > 1e-9 ? x : 0);

  const all = Array.from({ length: n }, (_, i) => i);
  const solve = opts.solver ?? solveSubset;
  const first = n ? solve(capacities, streams, all, opts) : null;
  all.forEach((i, k) => {
    rate[i] = clean(first!.rates[k]!);
    initialBottleneck[i] = first!.bottleneck[k]!;
    lastBottleneck[i] = first!.bottleneck[k]!;
    if (streams[i]!.process) steps[i] = [[0, rate[i]!]];
  });
  const initialGbps = Float64Array.from(rate);
  const recordLoad = () => {
    const load = new Float64Array(capacities.length);
    for (let i = 0; i < n; i++) if (active[i] && rate[i]! > 0) for (const r of streams[i]!.path) load[r] = load[r]! + rate[i]!;
    for (let r = 0; r < load.length; r++) if (load[r]! > peakLoad[r]!) peakLoad[r] = load[r]!;
  };
  recordLoad();

  let t = 0;
  let solves = n ? 1 : 0;
  const withProcess = all.filter((i) => streams[i]!.process !== null);
  for (;;) {
    const live = withProcess.filter((i) => active[i]);
    if (live.length === 0) break;
    let dtMin = Infinity;
    const ends = new Float64Array(live.length);
    live.forEach((i, k) => {
      const dt = streams[i]!.process!.timeToEnd(rate[i]! * GBPS);
      ends[k] = dt;
      if (dt < dtMin) dtMin = dt;
    });
    if (!Number.isFinite(dtMin)) break;
    if (opts.shouldCancel?.()) throw new SolveCancelled('simulation cancelled');
    const ended: number[] = [];
    live.forEach((i, k) => {
      const p = streams[i]!.process!;
      if (ends[k]! <= dtMin * (1 + 1e-9) + 1e-12) {
        p.runToEnd(rate[i]! * GBPS);
        ended.push(i);
      } else p.advance(dtMin, rate[i]! * GBPS);
    });
    t += dtMin;
    for (const i of ended) {
      active[i] = 0;
      endSeconds[i] = t;
      rate[i] = 0;
      steps[i]!.push([t, 0]);
    }
    // Re-allocate only the components the ended streams belonged to.
    const c = (comp ??= components(capacities.length, streams));
    const touched = new Set(ended.map((i) => c[i]!));
    const subset = all.filter((i) => active[i] && touched.has(c[i]!));
    if (subset.length === 0) continue;
    const sol = solve(capacities, streams, subset, { shouldCancel: opts.shouldCancel });
    solves++;
    subset.forEach((i, k) => {
      const r = clean(sol.rates[k]!);
      lastBottleneck[i] = sol.bottleneck[k]!;
      if (Math.abs(r - rate[i]!) > 1e-12 * Math.max(1, r)) {
        const s = (steps[i] ??= [[0, rate[i]!]]);
        s.push([t, r]);
      }
      rate[i] = r;
    });
    recordLoad();
  }
  return { initialGbps, initialBottleneck, lastBottleneck, steps, endSeconds, peakLoad, solves };
}

/** A transfer of a fixed size (a finite flow): ends when its bytes are sent. */
export class TransferProcess implements StreamProcess {
  private left: number;
  constructor(bytes: number) {
    this.left = bytes;
  }
  get done(): boolean {
    return this.left <= 0;
  }
  timeToEnd(rate: number): number {
    return this.left <= 0 ? 0 : rate > 0 ? this.left / rate : Infinity;
  }
  advance(dt: number, rate: number): void {
    this.left = Math.max(0, this.left - dt * rate);
  }
  runToEnd(): void {
    this.left = 0;
  }
}

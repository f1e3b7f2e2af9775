/**
 * Exact max-min fair rate allocation by progressive filling, with per-flow demand caps, and optionally weights and
 * minimum guarantees (the weighted max-min with reservations that vSphere Network I/O Control's shares and
 * reservations and Hyper-V's minimum-bandwidth weights describe): flow f gets r_f + w_f·t, all flows growing with one
 * t, each frozen when a link on its path (or its own cap) is full. Reservations are taken off every link first, so
 * they must fit (the caller scales them down where they do not); without weights and reservations the arithmetic is
 * exactly the unweighted algorithm's.
 *
 * All unfrozen flows grow together; a link saturates when its remaining capacity divided by its unfrozen
 * (weighted) flow count is the smallest such share. Its flows freeze at that share and release their
 * load from every other link on their paths. Shares only grow as flows freeze (a frozen flow takes at
 * most the link's current share), so an indexed min-heap with sift-down is enough: O(P log L) for P path
 * entries and L links, instead of the O(iterations × L) scan of the vectorised reference.
 * A link listed twice in a path counts twice (as SimGrid's LMM does); a demand cap is a private link.
 */

export interface MaxMinInstance {
  /** Capacity of each link. */
  capacities: Float64Array;
  /** CSR: the links of flow f are flowLinks[flowPtr[f] … flowPtr[f+1]). */
  flowPtr: Int32Array;
  flowLinks: Int32Array;
  /** Per-flow demand cap (Infinity = none); omitted = no caps. */
  demands?: Float64Array;
  /** Per-flow weight (> 0): its share of what is left grows w times as fast; omitted = 1 each. */
  weights?: Float64Array;
  /** Per-flow guaranteed minimum (≥ 0, at most its demand), reserved on every link of its path; omitted = none. */
  reservations?: Float64Array;
}

/** Bottleneck codes besides a link index. */
export const BOTTLENECK_DEMAND = -1;
export const BOTTLENECK_NONE = -2;

export interface MaxMinSolution {
  /** Rate of each flow; Infinity for a flow with no link and no demand cap. */
  rates: Float64Array;
  /** Link that froze each flow, BOTTLENECK_DEMAND when its demand cap did, BOTTLENECK_NONE when unbounded. */
  bottleneck: Int32Array;
  /** Number of freezing rounds. */
  rounds: number;
}

export interface SolveOptions {
  /** Links whose share is within this relative distance of the minimum saturate in the same round. */
  relEps?: number;
  /** Called with the fraction of flows frozen, at most ~100 times. */
  onProgress?: (fraction: number) => void;
  /** Checked between rounds; return true to stop (throws SolveCancelled). */
  shouldCancel?: () => boolean;
}

export class SolveCancelled extends Error {
  override name = 'SolveCancelled';
}

/** Solves the instance; never mutates it. */
export function solveMaxMin(inst: MaxMinInstance, opts: SolveOptions = {}): MaxMinSolution {
  const relEps = opts.relEps ?? 1e-9;
  const F = inst.flowPtr.length - 1;
  const Lreal = inst.capacities.length;
  const demands = inst.demands;
  // Demand caps become private links appended after the real ones.
  let capped = 0;
  if (demands) for (let f = 0; f < F; f++) if (demands[f]! < Infinity) capped++;
  const L = Lreal + capped;
  const flowPtr = capped ? new Int32Array(F + 1) : inst.flowPtr;
  let flowLinks = inst.flowLinks;
  const weights = inst.weights;
  const reserved = inst.reservations;
  const rem = new Float64Array(L);
  rem.set(inst.capacities);
  if (capped) {
    flowLinks = new Int32Array(inst.flowLinks.length + capped);
    let w = 0;
    let v = Lreal;
    for (let f = 0; f < F; f++) {
      flowPtr[f] = w;
      for (let e = inst.flowPtr[f]!; e < inst.flowPtr[f + 1]!; e++) flowLinks[w++] = inst.flowLinks[e]!;
      if (demands![f]! < Infinity) {
        // The cap's private link holds what the flow may take beyond its reservation.
        rem[v] = demands![f]! - (reserved ? reserved[f]! : 0);
        flowLinks[w++] = v++;
      }
    }
    flowPtr[F] = w;
  }

  // A reservation is carried on every link of the flow's path before anything is shared.
  if (reserved) {
    for (let f = 0; f < F; f++) {
      const r = reserved[f]!;
      if (r > 0) for (let e = inst.flowPtr[f]!; e < inst.flowPtr[f + 1]!; e++) rem[inst.flowLinks[e]!] = rem[inst.flowLinks[e]!]! - r;
    }
  }

  // Link → flows (CSR); a flow appears once per occurrence on the link. `count` is the weight of the unfrozen flows
  // on the link (their number when unweighted), `active` their number.
  const count = new Float64Array(L);
  const active = weights ? new Int32Array(L) : null;
  const linkPtr = new Int32Array(L + 1);
  for (let e = 0; e < flowLinks.length; e++) {
    const i = flowLinks[e]! + 1;
    linkPtr[i] = linkPtr[i]! + 1;
  }
  for (let l = 0; l < L; l++) {
    count[l] = linkPtr[l + 1]!;
    if (active) active[l] = linkPtr[l + 1]!;
    linkPtr[l + 1] = linkPtr[l + 1]! + linkPtr[l]!;
  }
  if (weights) {
    count.fill(0);
    for (let f = 0; f < F; f++) for (let e = flowPtr[f]!; e < flowPtr[f + 1]!; e++) count[flowLinks[e]!] = count[flowLinks[e]!]! + weights[f]!;
  }
  const linkFlows = new Int32Array(flowLinks.length);
  const fill = linkPtr.slice(0, L);
  for (let f = 0; f < F; f++) {
    for (let e = flowPtr[f]!; e < flowPtr[f + 1]!; e++) {
      const l = flowLinks[e]!;
      linkFlows[fill[l]!] = f;
      fill[l] = fill[l]! + 1;
    }
  }

  const rates = new Float64Array(F).fill(Infinity);
  const bottleneck = new Int32Array(F).fill(BOTTLENECK_NONE);
  const frozen = new Uint8Array(F);
  let remaining = 0;
  for (let f = 0; f < F; f++) {
    if (flowPtr[f] === flowPtr[f + 1]) frozen[f] = 1;
    else remaining++;
  }

  // Indexed min-heap of links keyed by share = rem / count (Infinity when no unfrozen flow uses it).
  const key = new Float64Array(L);
  const heap = new Int32Array(L);
  const pos = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    key[l] = count[l]! > 0 ? Math.max(rem[l]!, 0) / count[l]! : Infinity;
    heap[l] = l;
    pos[l] = l;
  }
  const less = (a: number, b: number) => key[a]! < key[b]! || (key[a] === key[b] && a < b);
  const siftDown = (i: number) => {
    const item = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= L) break;
      const right = left + 1;
      const child = right < L && less(heap[right]!, heap[left]!) ? right : left;
      if (!less(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      pos[heap[i]!] = i;
      i = child;
    }
    heap[i] = item;
    pos[item] = i;
  };
  const siftUp = (i: number) => {
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      pos[heap[i]!] = i;
      i = parent;
    }
    heap[i] = item;
    pos[item] = i;
  };
  for (let i = (L >> 1) - 1; i >= 0; i--) siftDown(i);

  const total = remaining;
  let nextReport = total / 100;
  let rounds = 0;
  const batch: number[] = [];
  const newlyFrozen: number[] = [];
  // Depth-first over the heap: the children of a node above the limit are above it too.
  const collect = (i: number, limit: number): void => {
    if (i >= L) return;
    const l = heap[i]!;
    if (key[l]! > limit) return;
    batch.push(l);
    collect(2 * i + 1, limit);
    collect(2 * i + 2, limit);
  };
  const touch = (l: number): void => {
    const c = count[l]!;
    const next = (active ? active[l]! > 0 : c > 0.5) ? Math.max(rem[l]!, 0) / c : Infinity;
    if (next === key[l]) return;
    const grew = next > key[l]!;
    key[l] = next;
    if (grew) siftDown(pos[l]!);
    else siftUp(pos[l]!);
  };
  while (remaining > 0 && L > 0 && key[heap[0]!]! < Infinity) {
    if (opts.shouldCancel?.()) throw new SolveCancelled('solve cancelled');
    rounds++;
    const x = key[heap[0]!]!;
    // Every link saturating in this round is collected before anything freezes, as in the reference.
    batch.length = 0;
    newlyFrozen.length = 0;
    collect(0, x * (1 + relEps) + 1e-300);
    for (const l of batch) {
      for (let e = linkPtr[l]!; e < linkPtr[l + 1]!; e++) {
        const f = linkFlows[e]!;
        if (frozen[f]) continue;
        frozen[f] = 1;
        newlyFrozen.push(f);
        const w = weights ? weights[f]! : 1;
        const gain = w * x;
        rates[f] = reserved ? reserved[f]! + gain : gain;
        bottleneck[f] = l < Lreal ? l : BOTTLENECK_DEMAND;
        for (let k = flowPtr[f]!; k < flowPtr[f + 1]!; k++) {
          const m = flowLinks[k]!;
          rem[m] = rem[m]! - gain;
          count[m] = count[m]! - w;
          if (active) {
            active[m] = active[m]! - 1;
            // Subtracting weights leaves rounding dust: a link with no unfrozen flow has none.
            if (active[m] === 0) count[m] = 0;
          }
        }
      }
    }
    remaining -= newlyFrozen.length;
    // Only links on the paths of flows frozen now changed; the saturated ones drop to Infinity.
    for (const f of newlyFrozen) for (let k = flowPtr[f]!; k < flowPtr[f + 1]!; k++) touch(flowLinks[k]!);
    for (const l of batch) touch(l);
    if (opts.onProgress && total - remaining >= nextReport) {
      opts.onProgress((total - remaining) / total);
      nextReport += total / 100;
    }
  }

  return { rates, bottleneck, rounds };
}

/**
 * One vSwitch uplink's egress scheduler (docs/qos.md): how a NIC port's capacity is split among the queues sending
 * through it, each queue a vNIC (or another stream) with a limit, a reservation, shares and a class.
 *
 * 1. Reservations first: a queue gets min(reservation, what it can use). The vSphere API says of a vNIC's
 *    `reservation`: "If utilization is less than reservation, the resource can be used by other virtual network
 *    adapters" (`VirtualEthernetCardResourceAllocation`), so an idle reservation is not held back. Reservations
 *    that exceed the port are scaled down in proportion (rule QOS-001 reports the design).
 * 2. Strict-priority classes, highest 802.1p priority first, each taking what it can of the rest; within a class,
 *    queues share by shares (weighted max-min).
 * 3. The weighted round-robin classes share the residual by class weight, work-conserving: a class that cannot use
 *    its share lends it to the others (IEEE 802.1Qaz ETS: bandwidth-allocation classes are served after strict-
 *    priority ones, and unused allocation is available to other classes). Within a class, queues share by shares.
 * 4. A queue's total is split evenly (max-min) among its flows.
 * Everything is exact arithmetic on one link: weighted water-filling, no iteration.
 */

export interface SchedulerQueue {
  /** Each flow's cap, Gb/s: the most it can use (its demand, what the fabric gives it); Infinity = none. */
  caps: readonly number[];
  /** The queue's own limit, Gb/s (Infinity = none). */
  limit: number;
  reservation: number;
  shares: number;
  /** Strict-priority level (higher served first), or null for a WRR class. */
  priority: number | null;
  /** WRR class identity and weight (ignored for strict-priority queues). */
  classKey: string;
  classWeight: number;
}

/**
 * Weighted max-min of `capacity` over items with weights and caps (progressive filling on one link): item i gets
 * min(cap_i, w_i · t) with the largest t that fits. Returns each item's amount.
 */
export function waterFill(capacity: number, weights: readonly number[], caps: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => caps[a]! / weights[a]! - caps[b]! / weights[b]! || a - b);
  let left = Math.max(0, capacity);
  let weight = 0;
  for (const i of order) weight += weights[i]!;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    // Everyone not yet capped grows at the same level t = left / weight; item i stops at its cap if that comes first.
    if (caps[i]! / weights[i]! <= left / weight) {
      out[i] = caps[i]!;
      left -= caps[i]!;
      weight -= weights[i]!;
    } else {
      for (let j = k; j < n; j++) out[order[j]!] = (weights[order[j]!]! * left) / weight;
      break;
    }
  }
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Splits `capacity` among the queues; returns each queue's per-flow grants, Gb/s. */
export function scheduleUplink(capacity: number, queues: readonly SchedulerQueue[]): number[][] {
  const usable = queues.map((q) => Math.min(q.limit, sum(q.caps)));
  let reserved = queues.map((q, i) => Math.min(q.reservation, usable[i]!));
  const totalReserved = sum(reserved);
  if (totalReserved > capacity) reserved = reserved.map((r) => (r * capacity) / totalReserved);
  let left = Math.max(0, capacity - sum(reserved));
  const extra = queues.map((_, i) => Math.max(0, usable[i]! - reserved[i]!));
  const total = reserved.slice();
  const give = (members: number[], amount: number) => {
    const got = waterFill(amount, members.map((i) => queues[i]!.shares), members.map((i) => extra[i]!));
    members.forEach((i, k) => (total[i] = total[i]! + got[k]!));
    return sum(got);
  };

  const strictLevels = [...new Set(queues.filter((q) => q.priority !== null).map((q) => q.priority!))].sort((a, b) => b - a);
  for (const p of strictLevels) {
    const members = queues.flatMap((q, i) => (q.priority === p ? [i] : []));
    left = Math.max(0, left - give(members, left));
  }

  const classes = new Map<string, number[]>();
  queues.forEach((q, i) => {
    if (q.priority === null) (classes.get(q.classKey) ?? classes.set(q.classKey, []).get(q.classKey)!).push(i);
  });
  const classList = [...classes.values()];
  const classShare = waterFill(
    left,
    classList.map((m) => queues[m[0]!]!.classWeight),
    classList.map((m) => sum(m.map((i) => extra[i]!))),
  );
  classList.forEach((m, k) => give(m, classShare[k]!));

  return queues.map((q, i) => waterFill(total[i]!, q.caps.map(() => 1), q.caps));
}

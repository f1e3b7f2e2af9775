/**
 * vSwitch QoS in the simulation (docs/qos.md): limits, reservations, shares and egress classes of port groups and
 * vNICs (shared/model/elements/qos.ts) act where the vSwitch schedules, the egress of the host's uplink (the NIC
 * port's transmit direction, a team member's for a teamed switch), and nowhere else: a fabric link shares its
 * capacity among flows max-min, unweighted, whatever their vNIC's shares. A weight in the solver applies on every
 * link of a path, so weights cannot simply be handed to `solveMaxMin`; the allocation is two-level instead:
 *
 * - Scheduler level: each uplink egress that carries a scheduled vNIC splits its capacity among the streams through
 *   it (qos-scheduler.ts), each stream capped by its demand and by what the fabric gives it (its "fabric cap").
 * - Fabric level: the whole network is solved max-min, unweighted, exactly as without QoS, with each scheduled
 *   stream's demand capped at its grant and each limited vNIC's flows sharing a private link of its limit.
 * - A scheduled stream the fabric gives less than its grant is fabric-limited: its fabric cap becomes that rate and
 *   the uplink is re-split, so what it cannot use goes to the others (work conservation). This repeats until no grant
 *   goes unused; fabric caps only fall, so it ends (at most MAX_ROUNDS solves).
 *
 * Exact where each scheduled stream is limited either at its uplink or in the fabric. Where a fabric-limited stream's
 * competition later eases (its fabric rate would rise again), it keeps the lower cap: a conservative figure.
 * A design without QoS never comes here (simulate.ts passes no solver), so its results stay the reference solver's.
 */
import { effectiveQos, hasQos, schedulesAtUplink, DEFAULT_SHARES, type Qos } from '../model/elements/qos';
import type { ElementOf } from '../model/elements';
import type { Design } from '../model/design';
import { BOTTLENECK_DEMAND, solveMaxMin, type MaxMinSolution } from './maxmin';
import type { EventStream, SubsetSolver } from './flow-events';
import type { Network } from './network';
import type { FlowSpec } from './paths';
import { scheduleUplink, type SchedulerQueue } from './qos-scheduler';

/** Fabric-level solves per allocation, at most. */
export const MAX_ROUNDS = 32;

/** How one stream takes part in QoS. */
export interface StreamQos {
  /** The scheduler's queue: a vNIC (`vm/vnic`), or the stream itself when it has no vNIC. */
  queue: string;
  qos: Qos;
  /** WRR class key (where the class is set: the vNIC or its port group). */
  classKey: string;
  /** Resource index of the uplink egress that schedules it, or -1. */
  point: number;
}

export interface QosPlan {
  /** Per stream (simulate.ts order), its QoS or null. */
  streams: (StreamQos | null)[];
}

/**
 * Whether any port group or vNIC sets QoS, once per elements record: commands copy the record they change (cow.ts) and
 * failures keep it, so the N runs of a what-if over one design scan it once.
 */
const qosByElements = new WeakMap<object, boolean>();
function designHasQos(d: Design): boolean {
  let v = qosByElements.get(d.elements);
  if (v === undefined) {
    v = Object.values(d.elements).some((e) => (e.kind === 'vswitch' ? e.portGroups.some((g) => hasQos(g.qos)) : e.kind === 'vm' && e.vnics.some((n) => hasQos(n.qos))));
    qosByElements.set(d.elements, v);
  }
  return v;
}

/** The port group each vNIC link reaches, keyed `vm\u0000vnic`. */
function portGroups(net: Network): Map<string, { vswitch: ElementOf<'vswitch'>; pg: string }> {
  const out = new Map<string, { vswitch: ElementOf<'vswitch'>; pg: string }>();
  for (const l of Object.values(net.design.links)) {
    if (l.kind !== 'vnic' || !l.b.port.startsWith('pg.')) continue;
    const vs = Object.hasOwn(net.design.elements, l.b.element) ? net.design.elements[l.b.element] : undefined;
    if (vs?.kind === 'vswitch') out.set(`${l.a.element}\u0000${l.a.port}`, { vswitch: vs, pg: l.b.port.slice(3) });
  }
  return out;
}

/**
 * Which streams QoS touches: the flows sent by a vNIC whose effective QoS sets anything, and every stream crossing an
 * uplink egress that schedules one of them (those without settings get the defaults there). Null when the design's
 * QoS touches no stream of this run.
 */
export function buildQosPlan(net: Network, flows: readonly FlowSpec[], flowStream: readonly number[], streams: readonly EventStream[]): QosPlan | null {
  if (!designHasQos(net.design)) return null;
  const pgs = portGroups(net);
  const plan: (StreamQos | null)[] = streams.map(() => null);
  const points = new Set<number>();
  const firstEthernet = (path: readonly number[]) => path.find((r) => net.resources[r]!.kind === 'ethernet') ?? -1;
  const vnicQueue = new Map<number, { queue: string; qos: Qos; classKey: string }>();
  flows.forEach((f, i) => {
    const k = flowStream[i]!;
    const src = f.src;
    if (k < 0 || !('vm' in src)) return;
    const list = net.attachments.get(src.vm);
    const att = src.vnic ? list?.find((a) => a.vnic === src.vnic) : list?.[0];
    if (att?.kind !== 'vswitch') return;
    const where = pgs.get(`${att.vm.id}\u0000${att.vnic}`);
    const pg = where ? where.vswitch.portGroups.find((g) => g.id === where.pg) : undefined;
    const vnic = att.vm.vnics.find((n) => n.id === att.vnic);
    const qos = effectiveQos(pg?.qos, vnic?.qos);
    const queue = `${att.vm.id}/${att.vnic}`;
    const classKey = vnic?.qos?.classMode !== undefined ? `vnic:${queue}` : `pg:${where?.vswitch.id}/${where?.pg}`;
    vnicQueue.set(k, { queue, qos, classKey: qos.classMode === 'wrr' ? classKey : 'default' });
    if (!hasQos(qos)) return;
    const point = schedulesAtUplink(qos) ? firstEthernet(streams[k]!.path) : -1;
    if (point >= 0) points.add(point);
    plan[k] = { queue, qos, classKey: qos.classMode === 'wrr' ? classKey : 'default', point };
  });
  if (plan.every((p) => p === null)) return null;
  // Every other stream through a scheduling egress is scheduled there with the defaults (its vNIC's queue when it has one).
  streams.forEach((s, k) => {
    const point = s.path.find((r) => points.has(r)) ?? -1;
    if (point < 0) return;
    const known = plan[k];
    if (known) known.point = point;
    else plan[k] = { ...(vnicQueue.get(k) ?? { queue: `stream:${k}`, qos: {}, classKey: 'default' }), point };
  });
  return { streams: plan };
}

const EPS = 1e-9;
const below = (x: number, y: number) => x < y * (1 - EPS) - 1e-12;

/** The solver simulate.ts hands to the event engine when a plan exists. */
export function qosSolver(plan: QosPlan): SubsetSolver {
  return (capacities, streams, subset, opts) => solveWithQos(plan, capacities, streams, subset, opts);
}

function solveWithQos(plan: QosPlan, capacities: Float64Array, streams: readonly EventStream[], subset: readonly number[], opts: Parameters<SubsetSolver>[3]): MaxMinSolution {
  const L = capacities.length;
  const m = subset.length;
  const sq = subset.map((i) => plan.streams[i] ?? null);

  // A limited vNIC's flows share one private link of its limit (the vNIC's aggregate, as shaping applies it).
  const limitLink = new Map<string, number>();
  const limits: number[] = [];
  sq.forEach((q) => {
    if (q?.qos.limitGbps !== undefined && !limitLink.has(q.queue)) {
      limitLink.set(q.queue, L + limits.length);
      limits.push(q.qos.limitGbps);
    }
  });
  const caps = new Float64Array(L + limits.length);
  caps.set(capacities);
  caps.set(limits, L);
  const flowPtr = new Int32Array(m + 1);
  const links: number[] = [];
  const demand = new Float64Array(m);
  subset.forEach((i, k) => {
    flowPtr[k] = links.length;
    for (const r of streams[i]!.path) links.push(r);
    const own = sq[k] ? limitLink.get(sq[k].queue) : undefined;
    if (own !== undefined) links.push(own);
    demand[k] = streams[i]!.demandGbps;
  });
  flowPtr[m] = links.length;
  const flowLinks = Int32Array.from(links);

  // Streams per scheduling egress, in subset order.
  const atPoint = new Map<number, number[]>();
  sq.forEach((q, k) => {
    if (q && q.point >= 0) (atPoint.get(q.point) ?? atPoint.set(q.point, []).get(q.point)!).push(k);
  });

  const grant = new Float64Array(m).fill(Infinity);
  const fabricCap = new Float64Array(m).fill(Infinity);
  const schedule = () => {
    for (const [point, members] of atPoint) {
      const queues = new Map<string, number[]>();
      for (const k of members) (queues.get(sq[k]!.queue) ?? queues.set(sq[k]!.queue, []).get(sq[k]!.queue)!).push(k);
      const list = [...queues.values()];
      const input: SchedulerQueue[] = list.map((ks) => {
        const q = sq[ks[0]!]!;
        return {
          caps: ks.map((k) => Math.min(demand[k]!, fabricCap[k]!)),
          limit: q.qos.limitGbps ?? Infinity,
          reservation: q.qos.reservationGbps ?? 0,
          shares: q.qos.shares ?? DEFAULT_SHARES,
          priority: q.qos.classMode === 'strict' ? (q.qos.classPriority ?? 0) : null,
          classKey: q.classKey,
          classWeight: q.qos.classMode === 'wrr' ? (q.qos.classWeight ?? DEFAULT_SHARES) : DEFAULT_SHARES,
        };
      });
      const grants = scheduleUplink(capacities[point]!, input);
      list.forEach((ks, j) => ks.forEach((k, n) => (grant[k] = grants[j]![n]!)));
    }
  };

  let sol: MaxMinSolution;
  for (let round = 0; ; round++) {
    schedule();
    const demands = demand.map((d, k) => Math.min(d, grant[k]!));
    sol = solveMaxMin({ capacities: caps, flowPtr, flowLinks, demands }, opts);
    if (atPoint.size === 0 || round + 1 >= MAX_ROUNDS) break;
    let changed = false;
    for (const members of atPoint.values()) {
      for (const k of members) {
        const r = sol.rates[k]!;
        if (below(r, grant[k]!) && below(r, fabricCap[k]!)) {
          fabricCap[k] = r;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }

  // Bottlenecks as the caller knows them: a vNIC's limit is its own cap ("demand"); a grant short of the demand
  // that binds means the uplink's scheduler held the stream there, so the uplink is its bottleneck.
  const queueRate = new Map<string, number>();
  sq.forEach((q, k) => q && queueRate.set(q.queue, (queueRate.get(q.queue) ?? 0) + sol.rates[k]!));
  const bottleneck = Int32Array.from(sol.bottleneck, (b, k) => {
    if (b >= L) return BOTTLENECK_DEMAND;
    const q = sq[k];
    if (b !== BOTTLENECK_DEMAND || !q || q.point < 0 || !below(sol.rates[k]!, demand[k]!)) return b;
    const limit = q.qos.limitGbps;
    return limit !== undefined && !below(queueRate.get(q.queue)!, limit) ? BOTTLENECK_DEMAND : q.point;
  });
  return { rates: sol.rates, bottleneck, rounds: sol.rounds };
}

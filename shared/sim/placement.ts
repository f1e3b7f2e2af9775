/**
 * Placement advice (issue #13 item 4; Santana, "Data Center Virtualization Fundamentals", figure 6.10: VMs that talk a
 * lot are placed on one host, or at least under one access switch, so their traffic stays off the uplinks). For a
 * scenario: which VMs to move where, so heavy VM↔VM and VM↔storage traffic stays inside a host or a rack, never moving a
 * VM to a host MIG-001 would refuse (placement-fit.ts), and what the network carries before and after.
 *
 * The search is greedy on a locality cost, and the figures it shows are the simulator's:
 *  - each flow's weight is the rate the baseline run gave it (elastic flows by what they really got);
 *  - a pair of ends costs weight × distance: 0 when the flow stays in one host's virtual switch (same switch, same VLAN,
 *    VEB: DOMAIN.md §4 "VM→VM, same host, vSwitch"), 1 when it turns at the first switch (another host under the same
 *    ToR or FEX, or the same host across VLANs or through a VEPA/VN-Tag edge, both of which leave the host), 2 beyond;
 *  - every VM's best single move (to a partner's host, else a host under a partner's switch) is ranked by its gain,
 *    and moves are taken in that order, each one's gain recomputed against the moves already taken (so two VMs never
 *    swap towards each other) and taken only while it still gains at least `minGainGbps`;
 *  - the result runs the scenario's flows on the design as it is and as the moves would leave it (migrations and
 *    expectations aside: this compares steady traffic), and reports the Ethernet load of both.
 */
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { asElementId } from '../model/ids';
import { hostOf } from './failures';
import type { FlowEnd } from './paths';
import { fitOn, hostFacts, vmFacts, type Reattach, type VmFacts } from './placement-fit';
import { SolveCancelled } from './maxmin';
import { simulate, type Scenario, type SimulationResult } from './simulate';

export interface PlacementMove {
  vm: string;
  from: string;
  to: string;
  /** Fall in the locality cost, Gb/s × hops: the traffic this move keeps closer. */
  gainGbps: number;
  /** Where the VM's heaviest partner traffic now turns: inside the host, or at the rack's switch. */
  keeps: 'host' | 'rack';
  /** The vNIC links re-attached on the destination (same network, MIG-001). */
  reattach: Reattach[];
}

/** What the Ethernet network carries in one run. */
export interface NetworkLoad {
  /** Sum over every cable direction of its load, Gb/s: a flow crossing three cables counts three times. */
  cableGbps: number;
  /** The part of it on switch-to-switch cables (ToR uplinks, spines, FEX uplinks, peer links), Gb/s. */
  interSwitchGbps: number;
  /** Highest utilisation of any cable direction, 0-1. */
  maxUtilisation: number;
  /** Sum of the flows' rates, Gb/s. */
  carriedGbps: number;
}

export interface PlacementAdvice {
  scenario: string;
  moves: PlacementMove[];
  before: NetworkLoad;
  after: NetworkLoad;
  /** VMs with traffic worth keeping closer that cannot move, and why (the heaviest first). */
  pinned: { vm: string; reason: string }[];
  /** Moves the search found but withdrew because the run after them slowed one of the VM's flows. */
  withdrawn: { vm: string; reason: string }[];
}

export interface PlacementOptions {
  /** Most moves suggested (default 20). */
  maxMoves?: number;
  /** Smallest gain worth a migration, Gb/s × hops (default 0.1). */
  minGainGbps?: number;
  /** Called between the steps (the run before, the search, each run after the moves), with a phase and 0-1 within it. */
  onProgress?: (phase: 'before' | 'search' | 'after', fraction: number) => void;
  /** Checked by the runs between solver rounds and between the search's VMs; true stops with SolveCancelled. */
  shouldCancel?: () => boolean;
}

const SWITCH_KINDS = new Set<Element['kind']>(['tor', 'fex']);

/** An end of a flow as the cost sees it. */
type Place = { vm: string } | { host: string } | { switches: ReadonlySet<string> };

interface Topology {
  /** First-hop switches (ToR or FEX) each host's NICs and each storage target are cabled to. */
  edge: Map<string, Set<string>>;
  /** Hosts under each first-hop switch. */
  hostsUnder: Map<string, string[]>;
}

function topology(d: Design): Topology {
  const edge = new Map<string, Set<string>>();
  const hostsUnder = new Map<string, string[]>();
  for (const l of Object.values(d.links)) {
    if (l.kind !== 'ethernet') continue;
    for (const [mine, other] of [
      [l.a.element, l.b.element],
      [l.b.element, l.a.element],
    ] as const) {
      const sw = d.elements[other];
      if (!sw || !SWITCH_KINDS.has(sw.kind)) continue;
      const el = d.elements[mine];
      const owner = el?.kind === 'storage' ? el.id : hostOf(d, mine);
      if (owner === null || owner === undefined || SWITCH_KINDS.has(d.elements[owner]!.kind)) continue;
      let set = edge.get(owner);
      if (!set) edge.set(owner, (set = new Set()));
      if (set.has(other)) continue;
      set.add(other);
      if (d.elements[owner]!.kind === 'host') {
        const list = hostsUnder.get(other);
        if (list) list.push(owner);
        else hostsUnder.set(other, [owner]);
      }
    }
  }
  for (const list of hostsUnder.values()) list.sort();
  return { edge, hostsUnder };
}

/** Where each VM is, as the plan moves it: its host and the switch and VLAN its first vNIC uses there. */
interface VmPlace {
  host: string;
  vswitch: string | null;
  vlan: number | null;
  /** The switch forwards VM↔VM traffic itself (VEB); VEPA and VN-Tag edges send it out to the adjacent bridge. */
  veb: boolean;
}

class Locality {
  readonly where = new Map<string, VmPlace>();

  constructor(
    private readonly d: Design,
    private readonly topo: Topology,
    vms: ReadonlyMap<string, VmFacts>,
  ) {
    for (const [id, f] of vms) this.where.set(id, placeOf(f.host, f.vnics[0]?.vswitch ?? null, f.vnics[0]?.pg.vlan ?? null));
  }

  /** 0 inside one host's switch, 1 at the first switch, 2 beyond (see the header). */
  distance(a: Place, b: Place): number {
    const pa = this.resolve(a);
    const pb = this.resolve(b);
    if (pa.host !== null && pa.host === pb.host) {
      if (pa.vm && pb.vm) return pa.vm.vswitch !== null && pa.vm.vswitch === pb.vm.vswitch && pa.vm.vlan === pb.vm.vlan && pa.vm.veb ? 0 : 1;
      return 0;
    }
    for (const s of pa.switches) if (pb.switches.has(s)) return 1;
    return 2;
  }

  private resolve(p: Place): { host: string | null; vm: VmPlace | null; switches: ReadonlySet<string> } {
    if ('vm' in p) {
      const w = this.where.get(p.vm)!;
      return { host: w.host, vm: w, switches: this.topo.edge.get(w.host) ?? EMPTY };
    }
    if ('host' in p) return { host: p.host, vm: null, switches: this.topo.edge.get(p.host) ?? EMPTY };
    return { host: null, vm: null, switches: p.switches };
  }

  vswitchOf(id: string) {
    const el = this.d.elements[id];
    return el?.kind === 'vswitch' ? el : null;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function placeOf(host: string, vs: { id: string; evbMode: string } | null, vlan: number | null): VmPlace {
  return { host, vswitch: vs?.id ?? null, vlan, veb: vs === null || vs.evbMode === 'veb' };
}

/** A flow end as a place, or null for ends no placement can bring closer (outside the data center, unknown ids). */
function placeOfEnd(d: Design, topo: Topology, vms: ReadonlyMap<string, VmFacts>, end: FlowEnd): Place | null {
  if ('vm' in end) return vms.has(end.vm) ? { vm: end.vm } : null;
  if ('host' in end) return d.elements[end.host]?.kind === 'host' ? { host: end.host } : null;
  if ('storage' in end) {
    const sw = topo.edge.get(end.storage);
    return sw ? { switches: sw } : null;
  }
  return null;
}

/** Each VM's traffic partners and how much it exchanges with each (both directions added). */
function partnersOf(d: Design, topo: Topology, vms: ReadonlyMap<string, VmFacts>, scenario: Scenario, base: SimulationResult): Map<string, { other: Place; gbps: number }[]> {
  const out = new Map<string, { other: Place; gbps: number }[]>();
  const add = (vm: string, other: Place, gbps: number) => {
    const list = out.get(vm);
    if (list) list.push({ other, gbps });
    else out.set(vm, [{ other, gbps }]);
  };
  scenario.flows.forEach((f, i) => {
    const r = base.flows[i];
    if (!r || r.dropped !== null || r.rate <= 0) return;
    const a = placeOfEnd(d, topo, vms, f.src);
    const b = placeOfEnd(d, topo, vms, f.dst);
    if (!a || !b) return;
    if ('vm' in a) add(a.vm, b, r.rate);
    if ('vm' in b) add(b.vm, a, r.rate);
  });
  return out;
}

/** The Ethernet load of a run. */
export function networkLoad(d: Design, r: SimulationResult): NetworkLoad {
  let cable = 0;
  let inter = 0;
  let maxU = 0;
  for (const res of r.resources) {
    if (res.kind !== 'ethernet') continue;
    cable += res.load;
    if (res.utilisation > maxU) maxU = res.utilisation;
    const l = d.links[res.ref];
    const a = l ? d.elements[l.a.element] : undefined;
    const b = l ? d.elements[l.b.element] : undefined;
    if (a && b && SWITCH_KINDS.has(a.kind) && SWITCH_KINDS.has(b.kind)) inter += res.load;
  }
  const carried = r.flows.reduce((s, f) => s + (f.dropped === null ? f.rate : 0), 0);
  return { cableGbps: cable, interSwitchGbps: inter, maxUtilisation: maxU, carriedGbps: carried };
}

/** The design with the moves made: each VM in its new host, its vNICs on the destination's port groups. */
export function withMoves(d: Design, moves: readonly Pick<PlacementMove, 'vm' | 'to' | 'reattach'>[]): Design {
  if (moves.length === 0) return d;
  const elements = { ...d.elements };
  const links = { ...d.links };
  for (const m of moves) {
    elements[m.vm] = { ...elements[m.vm]!, parent: asElementId(m.to) };
    for (const r of m.reattach) links[r.link] = { ...links[r.link]!, b: r.to };
  }
  return { ...d, elements, links };
}

/** Suggests moves for `scenario` (see the header); `base` is its run on `d` when the caller has it. */
export function advisePlacement(d: Design, scenario: Scenario, opts: PlacementOptions = {}, base?: SimulationResult): PlacementAdvice {
  const maxMoves = opts.maxMoves ?? 20;
  const minGain = opts.minGainGbps ?? 0.1;
  const steady: Scenario = { ...scenario, migrations: [], expectations: undefined };
  const progress = opts.onProgress ?? (() => {});
  const shouldCancel = opts.shouldCancel;
  const runOpts = shouldCancel ? { shouldCancel } : {};
  progress('before', 0);
  const before = base ?? simulate(d, steady, runOpts);
  progress('before', 1);
  const topo = topology(d);
  const vms = vmFacts(d);
  const hosts = hostFacts(d);
  const loc = new Locality(d, topo, vms);
  const partners = partnersOf(d, topo, vms, steady, before);

  const cost = (vm: string, list: readonly { other: Place; gbps: number }[]) => list.reduce((s, p) => s + p.gbps * loc.distance({ vm }, p.other), 0);

  /** Hosts worth trying for a VM: its partners' hosts, then the hosts under its partners' first switches. */
  const candidates = (vm: string, list: readonly { other: Place; gbps: number }[]): string[] => {
    const out = new Set<string>();
    const heavy = [...list].sort((a, b) => b.gbps - a.gbps);
    for (const p of heavy) if ('vm' in p.other) out.add(loc.where.get(p.other.vm)!.host);
    else if ('host' in p.other) out.add(p.other.host);
    for (const p of heavy) {
      const sw = 'switches' in p.other ? p.other.switches : (topo.edge.get('vm' in p.other ? loc.where.get(p.other.vm)!.host : p.other.host) ?? EMPTY);
      for (const s of sw) for (const h of topo.hostsUnder.get(s) ?? []) out.add(h);
    }
    out.delete(loc.where.get(vm)!.host);
    return [...out];
  };

  /** The best move of one VM now, or why it has none. */
  const bestMove = (vm: string): { move: PlacementMove | null; pinned: string | null } => {
    const f = vms.get(vm)!;
    const list = partners.get(vm) ?? [];
    const now = cost(vm, list);
    if (now <= 0) return { move: null, pinned: null };
    if (f.pinned) return { move: null, pinned: f.pinned };
    const here = loc.where.get(vm)!;
    const from = hosts.get(here.host)!;
    let best: PlacementMove | null = null;
    for (const h of candidates(vm, list)) {
      const to = hosts.get(h);
      if (!to) continue;
      const fit = fitOn(f, from, to);
      if (typeof fit === 'string') continue;
      const vs = fit[0] ? loc.vswitchOf(fit[0].to.element) : null;
      loc.where.set(vm, placeOf(h, vs, here.vlan));
      const gain = now - cost(vm, list);
      const local = list.some((p) => p.gbps > 0 && loc.distance({ vm }, p.other) === 0);
      loc.where.set(vm, here);
      if (gain > (best?.gainGbps ?? 0) + 1e-9) best = { vm, from: here.host, to: h, gainGbps: gain, keeps: local ? 'host' : 'rack', reattach: fit };
    }
    return { move: best, pinned: null };
  };

  const ranked: PlacementMove[] = [];
  const pinned: { vm: string; reason: string; weight: number }[] = [];
  const searched = [...partners.keys()].sort();
  for (const [i, vm] of searched.entries()) {
    if (shouldCancel?.()) throw new SolveCancelled('placement advice cancelled');
    progress('search', i / searched.length);
    const { move, pinned: why } = bestMove(vm);
    if (move && move.gainGbps >= minGain) ranked.push(move);
    if (why) pinned.push({ vm, reason: why, weight: (partners.get(vm) ?? []).reduce((s, p) => s + p.gbps, 0) });
  }
  ranked.sort((a, b) => b.gainGbps - a.gainGbps || (a.vm < b.vm ? -1 : 1));

  const moves: PlacementMove[] = [];
  for (const first of ranked) {
    if (moves.length >= maxMoves) break;
    // Earlier moves changed where partners are and how full hosts are: judge this VM again.
    const { move } = bestMove(first.vm);
    if (!move || move.gainGbps < minGain) continue;
    const vm = vms.get(move.vm)!.vm;
    hosts.get(move.from)!.freeMemGiB += vm.memoryGiB;
    hosts.get(move.to)!.freeMemGiB -= vm.memoryGiB;
    const vs = move.reattach[0] ? loc.vswitchOf(move.reattach[0].to.element) : null;
    loc.where.set(move.vm, placeOf(move.to, vs, loc.where.get(move.vm)!.vlan));
    moves.push(move);
  }

  // A move must not slow what it moves: elastic flows that filled a NIC can get less inside a host, where the
  // vSwitch's memory-copy budget carries them (DOMAIN.md §2). Moves whose VMs' flows lose rate are withdrawn, and the
  // rest run again (each round withdraws at least one move, so this ends).
  const withdrawn: { vm: string; reason: string }[] = [];
  let after: SimulationResult;
  progress('after', 0);
  for (let round = 1; ; round++) {
    if (moves.length === 0) {
      after = before;
      break;
    }
    after = simulate(withMoves(d, moves), steady, runOpts);
    // Each round withdraws at least one move, so the rounds left are at most the moves left.
    progress('after', round / (round + moves.length));
    const slowed = slowedVms(steady, before, after);
    const keep = moves.filter((m) => !slowed.has(m.vm));
    if (keep.length === moves.length) {
      // Only flows of VMs that stayed were slowed: by what the moves brought to their host (its vSwitch or NIC).
      const hostsHit = new Map<string, string>();
      for (const [vm, why] of slowed) {
        const h = loc.where.get(vm)?.host;
        if (h !== undefined && !hostsHit.has(h)) hostsHit.set(h, why.reason);
      }
      const onto = moves.filter((m) => hostsHit.has(m.to));
      if (onto.length === 0) break;
      for (const m of onto) withdrawn.push({ vm: m.vm, reason: `${hostsHit.get(m.to)!} on ${m.to}` });
      moves.splice(0, moves.length, ...moves.filter((m) => !onto.includes(m)));
      continue;
    }
    for (const m of moves) if (slowed.has(m.vm)) withdrawn.push({ vm: m.vm, reason: slowed.get(m.vm)!.reason });
    moves.splice(0, moves.length, ...keep);
  }
  return {
    scenario: scenario.name,
    moves,
    before: networkLoad(d, before),
    after: networkLoad(withMoves(d, moves), after),
    pinned: pinned.sort((a, b) => b.weight - a.weight || (a.vm < b.vm ? -1 : 1)).map(({ vm, reason }) => ({ vm, reason })),
    withdrawn,
  };
}

const fmt = (x: number) => `${Number(x.toPrecision(3))} Gb/s`;

/** VMs at either end of a flow the moves slowed, each with the first such flow. */
function slowedVms(s: Scenario, before: SimulationResult, after: SimulationResult): Map<string, { reason: string }> {
  const out = new Map<string, { reason: string }>();
  s.flows.forEach((f, i) => {
    const b = before.flows[i]!;
    const a = after.flows[i]!;
    if (b.dropped !== null || a.rate >= b.rate - 1e-6 * Math.max(1, b.rate)) return;
    const ends = [f.src, f.dst].flatMap((e) => ('vm' in e ? [e.vm] : []));
    const reason = `would slow flow ${f.id} from ${fmt(b.rate)} to ${fmt(a.rate)}${a.bottleneck?.startsWith('copy:') ? ' (the vSwitch copy budget carries it inside the host)' : ''}`;
    for (const vm of ends) if (!out.has(vm)) out.set(vm, { reason });
  });
  return out;
}


/**
 * Ethernet cabling: link ends are Ethernet ports, one cable per port, both ends at one speed and duplex (DOMAIN.md §3
 * ETH-001); a port runs only the speeds its optics support (ETH-002).
 */
import { torPortAt, type Element, type ElementOf } from '../../model/elements';
import type { Link, LinkOf } from '../../model/links';
import { ethernetPort, fabricIndex, type EthPortInfo } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type QuickFix, type Reads } from '../types';
import { checkBreakouts } from './eth-breakout';

/**
 * Lower rates a port of a given line rate can be set to with a compatible transceiver or cable: SFP28 takes SFP+
 * (802.3by kept the SFP form factor), QSFP28 takes QSFP+, QSFP-DD takes QSFP28/QSFP+, NBASE-T and 1000BASE-T fall
 * back per 802.3bz/802.3ab. Breakout cables are not speeds of one port and are not listed. Rates not in the table
 * (unusual ones) run at their own speed only. A 100G QSFP28 port also runs 50G (two of its four 25G lanes) and 25G
 * (one lane): NVIDIA lists "1/10/25/40/50/100GbE" for the ConnectX-4 MCX416A-CCAT's QSFP28 ports and
 * "10/25/40/50/100 Gb/s" for the ConnectX-5 MCX546A-CDAN's (catalog sources N7, N10).
 */
export const SPEED_FALLBACKS: Readonly<Record<number, readonly number[]>> = {
  1: [0.1],
  2.5: [1],
  5: [2.5, 1],
  10: [1],
  25: [10],
  50: [25, 10],
  100: [50, 40, 25],
  200: [100, 40],
  400: [200, 100, 40],
  800: [400],
};

/** Whether a port whose line rate is `portGbps` can run at `gbps` (by the fallback table: no declared speed set). */
export const portSupports = (portGbps: number, gbps: number): boolean => portGbps === gbps || (SPEED_FALLBACKS[portGbps] ?? []).includes(gbps);

/** 802.3 defines half duplex (CSMA/CD) only up to 1000BASE; 10 Gb/s and faster are full duplex only (802.3ae onward). */
export const MAX_HALF_DUPLEX_GBPS = 1;

/** The rate a cable runs at: its forced speed, else the common rate of its ends (the lower one when they differ). */
export function effectiveLinkGbps(link: LinkOf<'ethernet'>, a: EthPortInfo, b: EthPortInfo): number {
  return link.speedGbps ?? Math.min(a.speedGbps, b.speedGbps);
}

/** What a link end can run: its configured rate and its declared speed set (null = none declared: the fallback table). */
export interface EndSpeeds {
  speedGbps: number;
  declared: readonly number[] | null;
}

/**
 * The speed set a port declares (a ToR port's or a NIC's `speedsGbps`; a breakout sub-port's is its breakout speed,
 * a 4×25G sub-port runs 25G only), or null when it declares none.
 */
export function declaredSpeeds(el: Element, port: EthPortInfo): readonly number[] | null {
  if (el.kind === 'tor') {
    const p = el.ports[port.index];
    return port.lane !== undefined && p?.breakout ? [p.breakout.speedGbps] : (p?.speedsGbps ?? null);
  }
  if (el.kind === 'nic') return el.speedsGbps ?? null;
  return null;
}

const endSpeeds = (el: Element, port: EthPortInfo): EndSpeeds => ({ speedGbps: port.speedGbps, declared: declaredSpeeds(el, port) });

/** Whether a port can run at `gbps`: in its declared set, else its line rate or a rate of the fallback table. */
export const canRun = (p: EndSpeeds, gbps: number): boolean => (p.declared ? p.declared.includes(gbps) : portSupports(p.speedGbps, gbps));

/** Every rate a port can run: its declared set, else its line rate and the table's fallbacks. */
export const speedSet = (p: EndSpeeds): readonly number[] => p.declared ?? [p.speedGbps, ...(SPEED_FALLBACKS[p.speedGbps] ?? [])];

/** The rates both ends can run, fastest first. */
export function commonSpeeds(a: EndSpeeds, b: EndSpeeds): number[] {
  return [...new Set(speedSet(a).filter((s) => canRun(b, s)))].sort((x, y) => y - x);
}

/**
 * The speed to force a link to so that both ends run it: the fastest common rate not above the slower end's
 * configured rate (so a 25G port facing a 10G NIC is set to 10G, not the NIC raised), else the slowest common rate
 * above it; null when the ends share no rate.
 */
export function speedToForce(a: EndSpeeds, b: EndSpeeds): number | null {
  const common = commonSpeeds(a, b);
  const low = Math.min(a.speedGbps, b.speedGbps);
  return common.find((s) => s <= low) ?? common.at(-1) ?? null;
}

const fmt = (gbps: number) => `${gbps} Gb/s`;
/** "25/10 Gb/s" */
const fmtSet = (speeds: readonly number[]) => `${[...speeds].sort((x, y) => y - x).join('/')} Gb/s`;
const endName = (el: Element | undefined, id: string, port: string) => `${nameOf(el, id)} ${port}`;

/**
 * The fix for a link whose forced speed an end cannot run, offered only when both ends can run what it sets: back to
 * the negotiated rate when both ends are configured to one rate both run, else force a rate both run.
 */
function forcedSpeedFix(l: LinkOf<'ethernet'>, a: EndSpeeds, b: EndSpeeds): QuickFix | undefined {
  if (a.speedGbps === b.speedGbps && canRun(a, a.speedGbps) && canRun(b, b.speedGbps)) {
    return { label: `Use ${fmt(a.speedGbps)}`, commands: [{ type: 'updateLink', id: l.id, changes: { speedGbps: null } }] };
  }
  const to = speedToForce(a, b);
  return to === null || to === l.speedGbps ? undefined : { label: `Force ${fmt(to)}`, commands: [{ type: 'updateLink', id: l.id, changes: { speedGbps: to } }] };
}

/** The ends of a forced link that cannot run its forced speed (by their declared set, else the fallback table). */
function forcedMisfits(l: LinkOf<'ethernet'>, a: Element, b: Element, sa: EndSpeeds, sb: EndSpeeds): { s: EndSpeeds; name: string }[] {
  const forced = l.speedGbps;
  if (forced === null) return [];
  return [
    { s: sa, name: endName(a, a.id, l.a.port) },
    { s: sb, name: endName(b, b.id, l.b.port) },
  ].filter((e) => !canRun(e.s, forced));
}

/** Whether `port` is a switch port name kept only for a cable left on it (see `TorPortRef.live`). */
const isStranded = (el: Element, port: string): boolean => el.kind === 'tor' && torPortAt(el, port)?.live === false;

/** ETH-001's findings on one link, which read the link and its two end elements only. */
function checkLink(rule: FabricRule, l: LinkOf<'ethernet'>, a: Element | undefined, b: Element | undefined, out: Diagnostic[]): void {
  const pa = a ? ethernetPort(a, l.a.port) : null;
  const pb = b ? ethernetPort(b, l.b.port) : null;
  if (!a || !b) return; // a dangling link is a document integrity issue, reported by the loader
  // A cable left on a switch port since broken out (or on a sub-port no breakout makes) is ETH-002's.
  if ((!pa && isStranded(a, l.a.port)) || (!pb && isStranded(b, l.b.port))) return;
  if (!pa || !pb) {
    const [bad, port] = !pa ? [a, l.a.port] : [b, l.b.port];
    out.push(
      diag(rule, `Ethernet link ${l.id} ends at ${endName(bad, bad.id, port)}, which is not an Ethernet port; connect Ethernet links only between NIC, switch, FEX and storage ports.`, [a.id, b.id], [l.id], {
        label: 'Delete link',
        commands: [{ type: 'remove', elements: [], links: [l.id] }],
      }),
    );
    return;
  }
  const sa = endSpeeds(a, pa);
  const sb = endSpeeds(b, pb);
  const ends = `${endName(a, a.id, l.a.port)} (${fmt(pa.speedGbps)}) and ${endName(b, b.id, l.b.port)} (${fmt(pb.speedGbps)})`;
  if (l.speedGbps === null && pa.speedGbps !== pb.speedGbps) {
    const low = Math.min(pa.speedGbps, pb.speedGbps);
    const high = Math.max(pa.speedGbps, pb.speedGbps);
    const to = speedToForce(sa, sb);
    if (to !== null) {
      const why = to === low ? `the faster port must be set to ${fmt(low)}` : `the speeds both ports run are ${fmtSet(commonSpeeds(sa, sb))}`;
      out.push(
        diag(rule, `Ethernet link ${l.id} joins ${ends}; ${why}, so force the link to ${fmt(to)}.`, [a.id, b.id], [l.id], {
          label: `Force ${fmt(to)}`,
          commands: [{ type: 'updateLink', id: l.id, changes: { speedGbps: to } }],
        }),
      );
    } else if (sa.declared === null && sb.declared === null) {
      out.push(diag(rule, `Ethernet link ${l.id} joins ${ends}, and a ${fmt(high)} port cannot run at ${fmt(low)}; use ports of one speed at both ends.`, [a.id, b.id], [l.id]));
    } else {
      out.push(
        diag(rule, `Ethernet link ${l.id} joins ${ends}, which share no speed (${nameOf(a, a.id)} runs ${fmtSet(speedSet(sa))}, ${nameOf(b, b.id)} ${fmtSet(speedSet(sb))}); use ports with a speed in common.`, [a.id, b.id], [l.id]),
      );
    }
  } else if (l.speedGbps !== null) {
    // A forced speed outside a port's declared set is ETH-002's (the port's optics), which then names both ends; ETH-001
    // judges links whose failing ends declare no set by the fallback table, as before speed sets existed.
    const forced = l.speedGbps;
    const cannot = forcedMisfits(l, a, b, sa, sb);
    if (cannot.length && cannot.every((e) => e.s.declared === null)) {
      out.push(diag(rule, `Ethernet link ${l.id} is forced to ${fmt(forced)}, which ${listNames(cannot.map((e) => e.name))} cannot run (ports: ${ends}); force a speed both ends support.`, [a.id, b.id], [l.id], forcedSpeedFix(l, sa, sb)));
    }
  }
  const speed = effectiveLinkGbps(l, pa, pb);
  if (!l.fullDuplex && speed > MAX_HALF_DUPLEX_GBPS) {
    out.push(
      diag(rule, `Ethernet link ${l.id} (${endName(a, a.id, l.a.port)} – ${endName(b, b.id, l.b.port)}) is set to half duplex at ${fmt(speed)}, but Ethernet above 1 Gb/s is full duplex only; set it to full duplex.`, [a.id, b.id], [l.id], {
        label: 'Set full duplex',
        commands: [{ type: 'updateLink', id: l.id, changes: { fullDuplex: true } }],
      }),
    );
  }
}

/** What ETH-001 and ETH-002 read: of NICs, switches and storage arrays the Ethernet ports (count, speed, speed set) and names only, not VFs or PCIe. */
const ETH_READS: Reads = {
  elements: ['tor', 'fex', 'nic', 'storage'],
  links: ['ethernet'],
  linkEnds: ['ethernet'],
  fields: {
    nic: ['name', 'ports', 'speedGbps', 'speedsGbps'],
    storage: ['name', 'ports', 'speedGbps'],
    tor: (t) => [t.name, t.ports.map((p) => [p.speedGbps, p.speedsGbps, p.breakout])],
  },
};

/**
 * Per-link findings kept across passes and sessions: an edit reruns ETH-001 over every link, but only the links
 * whose record or end elements changed (compared by reference: records are immutable) are checked again.
 */
const linkFindings = new WeakMap<LinkOf<'ethernet'>, { rule: FabricRule; a: Element | undefined; b: Element | undefined; out: Diagnostic[] }>();

export const ETH_001: FabricRule = {
  id: 'ETH-001',
  severity: 'error',
  scope: 'fabric',
  title: 'Ethernet link ends',
  description:
    'An Ethernet link joins two Ethernet ports, each port carries at most one link, and both ends run at one speed (the same configured rate, or a forced speed in both ports\' speed sets: the declared `speedsGbps`, else the line rate and its standard fallbacks) in full duplex above 1 Gb/s.',
  source: 'IEEE 802.3 (Clause 1.4 and the PHY clauses: one link segment per port; 802.3ae onward full duplex only; 802.3by/802.3bz rates)',
  reads: ETH_READS,
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const l of ctx.links('ethernet')) {
      const a = ctx.element(l.a.element);
      const b = ctx.element(l.b.element);
      let f = linkFindings.get(l);
      if (!f || f.a !== a || f.b !== b || f.rule !== this) {
        f = { rule: this, a, b, out: [] };
        checkLink(this, l, a, b, f.out);
        linkFindings.set(l, f);
      }
      for (const d of f.out) out.push(d);
    }
    for (const [key, links] of fabricIndex(ctx).ethAt) {
      if (links.length < 2) continue;
      const [element, port] = key.split('\u0000') as [string, string];
      const el = ctx.element(element);
      const far = links.map((l) => (l.a.element === element && l.a.port === port ? l.b : l.a));
      out.push(
        diag(
          this,
          `${endName(el, element, port)} has ${links.length} Ethernet links (${listNames(links.map((l) => l.id))}); a port takes one cable, so move the others to free ports.`,
          [...new Set([element, ...far.map((e) => e.element)])],
          links.map((l) => l.id),
        ),
      );
    }
    return out;
  },
};

/** The rate in `speeds` a port configured to `gbps` should be set to: the fastest not above it, else the slowest. */
const nearestSpeed = (speeds: readonly number[], gbps: number): number => {
  const sorted = [...speeds].sort((x, y) => y - x);
  return sorted.find((s) => s <= gbps) ?? sorted.at(-1)!;
};

/** ETH-002 on one element's own ports: a configured rate outside the port's declared speed set. */
function checkPortSpeeds(rule: FabricRule, el: Element, out: Diagnostic[]): void {
  if (el.kind === 'nic') {
    const set = el.speedsGbps;
    if (!set || set.includes(el.speedGbps) || el.ports === 0) return;
    const to = nearestSpeed(set, el.speedGbps);
    out.push(
      diag(rule, `${nameOf(el, el.id)}'s ports are set to ${fmt(el.speedGbps)}, but they run only ${fmtSet(set)}; set them to one of those speeds.`, [el.id], [], {
        label: `Set ${fmt(to)}`,
        commands: [{ type: 'updateElement', id: el.id, changes: { speedGbps: to } }],
      }),
    );
  } else if (el.kind === 'tor') {
    // A broken-out port runs its breakout speed, not its own (ETH-002's breakout findings judge that).
    const bad = el.ports.flatMap((p, i) => (p.speedsGbps && !p.breakout && !p.speedsGbps.includes(p.speedGbps) ? [i] : []));
    if (!bad.length) return;
    const first = el.ports[bad[0]!]!;
    const what = bad.length === 1 ? `port p${bad[0]} is set to ${fmt(first.speedGbps)}, but it runs only ${fmtSet(first.speedsGbps!)}` : `ports ${listNames(bad.map((i) => `p${i}`))} are set to speeds outside their speed sets (p${bad[0]}: ${fmt(first.speedGbps)}, runs ${fmtSet(first.speedsGbps!)})`;
    const ports = el.ports.map((p) => (p.speedsGbps && !p.breakout && !p.speedsGbps.includes(p.speedGbps) ? { ...p, speedGbps: nearestSpeed(p.speedsGbps, p.speedGbps) } : p));
    out.push(
      diag(rule, `${nameOf(el, el.id)} ${what}; set ${bad.length === 1 ? 'it' : 'each'} to a speed its optics support.`, [el.id], [], {
        label: bad.length === 1 ? `Set p${bad[0]} to ${fmt(ports[bad[0]!]!.speedGbps)}` : 'Set each port to a speed it runs',
        commands: [{ type: 'updateElement', id: el.id, changes: { ports } }],
      }),
    );
  }
}

/** ETH-002 on one link: a forced speed outside the declared speed set of an end. */
function checkForcedSpeed(rule: FabricRule, l: LinkOf<'ethernet'>, a: Element | undefined, b: Element | undefined, out: Diagnostic[]): void {
  const forced = l.speedGbps;
  if (forced === null || !a || !b) return;
  const pa = ethernetPort(a, l.a.port);
  const pb = ethernetPort(b, l.b.port);
  if (!pa || !pb) return; // ETH-001 reports a link on a port that is not Ethernet
  const sa = endSpeeds(a, pa);
  const sb = endSpeeds(b, pb);
  const cannot = forcedMisfits(l, a, b, sa, sb);
  if (!cannot.some((e) => e.s.declared !== null)) return; // none, or only ends without a set: ETH-001's
  const runs = cannot.map((e) => `${e.name} runs only ${fmtSet(speedSet(e.s))}`).join(' and ');
  out.push(diag(rule, `Ethernet link ${l.id} is forced to ${fmt(forced)}, but ${runs}; force a speed both ends support.`, [a.id, b.id], [l.id], forcedSpeedFix(l, sa, sb)));
}

/**
 * ETH-002's findings on one switch, by its (immutable) record, with the cables they were judged against: a switch's
 * findings read only its record and the links on its ports (checkPortSpeeds, checkBreakouts), so an edit elsewhere
 * hands the same objects back instead of walking every port of every switch of a 10,000-host fabric again.
 */
const switchMemo = new WeakMap<ElementOf<'tor'>, { rule: FabricRule; links: readonly Link[]; out: Diagnostic[] }>();

function switchFindings(rule: FabricRule, ctx: FabricContext, t: ElementOf<'tor'>): readonly Diagnostic[] {
  const links = ctx.linksOf(t.id);
  const hit = switchMemo.get(t);
  if (hit && hit.rule === rule && hit.links.length === links.length && hit.links.every((l, i) => l === links[i])) return hit.out;
  const out: Diagnostic[] = [];
  checkPortSpeeds(rule, t, out);
  checkBreakouts(rule, ctx, t, out);
  // A copy: the view's list is its own and changes in place.
  switchMemo.set(t, { rule, links: [...links], out });
  return out;
}

export const ETH_002: FabricRule = {
  id: 'ETH-002',
  severity: 'error',
  scope: 'fabric',
  title: 'Port speed within its optics',
  description:
    'A port runs only at the speeds its cage, SerDes and optics support: a switch port or NIC that declares its speed set (`speedsGbps`) is configured to one of them, and a link forced to a speed is forced to one every declared set on it holds (an SFP28 port runs 25 or 10 Gb/s, not 40). A port is broken out (`breakout`) only into a mode it allows (`breakoutModes`: a QSFP28 uplink as 4×25G or 4×10G), each sub-port running the breakout speed only, and no cable is left on a port since broken out or on a sub-port its breakout does not make.',
  source:
    'IEEE 802.3by (25GBASE-R in the SFP28 form factor, which also takes 10GBASE-R SFP+ optics), 802.3ba/802.3bm (40GBASE-R and 100GBASE-R over four lanes: QSFP+/QSFP28), 802.3bj/802.3bm (100GBASE-CR4/SR4: four 25G lanes, which a breakout runs as four 25GBASE-R ports); switch and NIC datasheets (NVIDIA ConnectX-4/4 Lx/5 Ex/6/7 card tables; Cisco Nexus 93180YC-FX and Arista 7050X3 QSFP28 uplinks broken out as 4×25G or 4×10G); NetBox interface types (`25gbase-x-sfp28`, `100gbase-x-qsfp28`) as the port type a cage runs',
  // Its fix for a switch rewrites the whole `ports` array, so every port setting is read (a changed reflective relay
  // must not leave a fix that would put the old one back).
  reads: { ...ETH_READS, fields: { ...ETH_READS.fields, tor: (t) => [t.name, t.ports] } },
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const t of ctx.ofKind('tor')) for (const d of switchFindings(this, ctx, t)) out.push(d);
    const { nics, forced } = speedSetters(ctx);
    for (const id of nics) checkPortSpeeds(this, ctx.element(id)!, out);
    for (const id of forced) {
      const l = ctx.design.links[id] as LinkOf<'ethernet'>;
      checkForcedSpeed(this, l, ctx.element(l.a.element), ctx.element(l.b.element), out);
    }
    return out;
  },
};

/**
 * The NICs that declare a speed set and the cables forced to a speed, in document order, by id: the only ones
 * ETH-002 judges besides the switches. Kept across passes, so that a switch edit does not walk 10,000 NICs and
 * 20,000 cables to find the few.
 */
function speedSetters(ctx: FabricContext): { nics: string[]; forced: string[] } {
  return ctx.keep('eth-002-speed-setters', SPEED_SETTER_READS, () => ({
    nics: ctx.ofKind('nic').flatMap((n) => (n.speedsGbps ? [n.id] : [])),
    forced: ctx.links('ethernet').flatMap((l) => (l.speedGbps !== null ? [l.id] : [])),
  }));
}

// A NIC's speed set and a cable's forced speed decide whether they are listed (a NIC's arrival or removal counts too).
const SPEED_SETTER_READS: Reads = { elements: ['nic'], links: ['ethernet'], fields: { nic: ['speedsGbps'] } };

export const ETH_RULES: readonly FabricRule[] = [ETH_001, ETH_002];

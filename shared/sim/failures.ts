/**
 * Failures a scenario takes down before it runs. A failure is applied by deriving the design the scenario runs
 * on, never by special cases in path resolution: a link down is that link removed; a switch down is every link
 * of the switch; a NIC port down is its cable; a team member down is the cable of the NIC port that uplink uses;
 * a host down is every link of the host and of what it holds, and its VMs' flows and migrations are dropped with
 * the reason. Teams then fail over by themselves (access.ts: every teaming policy follows link state), and the
 * flows that lose their last path are dropped with the usual "not cabled" reason.
 */
import { z } from 'zod';
import type { Design } from '../model/design';
import type { Link } from '../model/links';
import { keyedUnion } from './keyed-schema';

export type Failure =
  | { link: string }
  | { switch: string }
  | { nic: string; port: string }
  | { vswitch: string; uplink: string }
  | { host: string };

const id = z.string().min(1).max(200);
export const failureSchema: z.ZodType<Failure> = keyedUnion<Failure>('a failure', {
  link: z.object({ link: id }).strict(),
  switch: z.object({ switch: id }).strict(),
  nic: z.object({ nic: id, port: id }).strict(),
  vswitch: z.object({ vswitch: id, uplink: id }).strict(),
  host: z.object({ host: id }).strict(),
});

const has = (d: Design, id: string) => Object.hasOwn(d.elements, id);
const kindOf = (d: Design, id: string) => (has(d, id) ? d.elements[id]!.kind : undefined);
const touches = (l: Link, id: string) => l.a.element === id || l.b.element === id;

/** The Ethernet cable on a port, if any. */
function cableAt(d: Design, element: string, port: string): Link | undefined {
  return Object.values(d.links).find((l) => l.kind === 'ethernet' && ((l.a.element === element && l.a.port === port) || (l.b.element === element && l.b.port === port)));
}

/** The NIC port a virtual switch's uplink (or S-channel) rides on. */
function uplinkPort(d: Design, vswitch: string, uplink: string): { nic: string; port: string } | undefined {
  const l = Object.values(d.links).find((x) => (x.kind === 'uplink' || x.kind === 'sChannel') && x.a.element === vswitch && x.a.port === uplink);
  return l ? { nic: l.b.element, port: l.b.port } : undefined;
}

/** The host an element sits in (itself for a host), or null. */
export function hostOf(d: Design, id: string): string | null {
  for (let cur: string | null = id, n = 0; cur !== null && has(d, cur) && n < 64; n++) {
    const el: Design['elements'][string] = d.elements[cur]!;
    if (el.kind === 'host') return el.id;
    cur = el.parent;
  }
  return null;
}

/**
 * Why a failure cannot apply to this design (an unknown id, a port without a cable), naming the field: `link: no
 * link "x" in the design`; null when it applies. A failure that would change nothing is refused, not ignored.
 */
export function failureProblem(d: Design, f: Failure): string | null {
  if ('link' in f) return Object.hasOwn(d.links, f.link) ? null : `link: no link "${f.link}" in the design`;
  if ('switch' in f) {
    const k = kindOf(d, f.switch);
    return k === 'tor' || k === 'fex' ? null : `switch: no switch "${f.switch}" in the design`;
  }
  if ('nic' in f) {
    if (kindOf(d, f.nic) !== 'nic') return `nic: no NIC "${f.nic}" in the design`;
    return cableAt(d, f.nic, f.port) ? null : `port: port "${f.port}" of ${f.nic} has no cable`;
  }
  if ('vswitch' in f) {
    if (kindOf(d, f.vswitch) !== 'vswitch') return `vswitch: no virtual switch "${f.vswitch}" in the design`;
    const at = uplinkPort(d, f.vswitch, f.uplink);
    if (!at) return `uplink: ${f.vswitch} has no uplink "${f.uplink}"`;
    return cableAt(d, at.nic, at.port) ? null : `uplink: ${f.uplink} of ${f.vswitch} rides on ${at.nic} ${at.port}, which has no cable`;
  }
  return kindOf(d, f.host) === 'host' ? null : `host: no host "${f.host}" in the design`;
}

export interface FailedDesign {
  /** The design the scenario runs on: the failed links removed. */
  design: Design;
  /** Ids of the links removed, sorted. */
  downLinks: string[];
  /** Hosts down: their VMs' flows and migrations are dropped. */
  downHosts: Set<string>;
}

/** Derives the design with the failures applied; a failure naming nothing in the design removes nothing. */
export function applyFailures(d: Design, failures: readonly Failure[]): FailedDesign {
  const down = new Set<string>();
  const downHosts = new Set<string>();
  const cut = (l: Link | undefined) => void (l && down.add(l.id));
  for (const f of failures) {
    if ('link' in f) {
      if (Object.hasOwn(d.links, f.link)) down.add(f.link);
    } else if ('switch' in f) {
      for (const l of Object.values(d.links)) if (touches(l, f.switch)) down.add(l.id);
    } else if ('nic' in f) {
      cut(cableAt(d, f.nic, f.port));
    } else if ('vswitch' in f) {
      const at = uplinkPort(d, f.vswitch, f.uplink);
      if (at) cut(cableAt(d, at.nic, at.port));
    } else if (kindOf(d, f.host) === 'host') {
      downHosts.add(f.host);
    }
  }
  if (downHosts.size) {
    for (const l of Object.values(d.links)) {
      const ha = hostOf(d, l.a.element);
      const hb = hostOf(d, l.b.element);
      if ((ha !== null && downHosts.has(ha)) || (hb !== null && downHosts.has(hb))) down.add(l.id);
    }
  }
  if (down.size === 0) return { design: d, downLinks: [], downHosts };
  const links = Object.fromEntries(Object.entries(d.links).filter(([k]) => !down.has(k)));
  return { design: { ...d, links }, downLinks: [...down].sort(), downHosts };
}

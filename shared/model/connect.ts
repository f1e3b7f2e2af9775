/**
 * Which ports may be wired together, and what link a wire between them is. The wiring tool asks this on
 * every hover (so a refusal can be shown at the cursor) and again on release; the answer is either the
 * link to add, with its kind and orientation decided, or one sentence saying why not.
 */
import { getElement, type Design } from './design';
import { findPort, KIND_LABELS, type Element, type PortInfo, type PortRole } from './elements';
import { asLinkId, asPortName, randomIds, type IdSource } from './ids';
import type { EndpointRef, Link } from './links';

export interface PortRef {
  element: string;
  port: string;
}

export type ConnectResult = { ok: true; link: Link } | { ok: false; reason: string };

const labelOf = (el: Element): string => el.name || el.id;
const portLabel = (el: Element, port: string): string => `${labelOf(el)} ${port}`;

/** The top-level element something sits in (a host for devices and VMs, itself otherwise). */
function rootOf(design: Design, el: Element): string {
  let cur = el;
  for (let guard = 0; cur.parent !== null && guard < 16; guard++) {
    const p = getElement(design, cur.parent);
    if (!p) break;
    cur = p;
  }
  return cur.id;
}

/** Link ids at each element of `design`, when the caller keeps such an index (the history does). */
export interface LinkLookup {
  readonly current: Design;
  linksOf(element: string): Iterable<string>;
}

const atPort = (l: Link, ref: PortRef): boolean => (l.a.element === ref.element && l.a.port === ref.port) || (l.b.element === ref.element && l.b.port === ref.port);

/**
 * Links already attached to a port (any kind). With an index of `design` this reads the element's few links; without
 * one it scans every link (252,500 at 10,000 hosts: tens of milliseconds on each hover of the wiring tool).
 */
function linksAt(design: Design, ref: PortRef, lookup: LinkLookup | undefined): Link[] {
  if (lookup?.current === design) {
    const out: Link[] = [];
    for (const id of lookup.linksOf(ref.element)) {
      const l = design.links[id];
      if (l && atPort(l, ref)) out.push(l);
    }
    return out;
  }
  return Object.values(design.links).filter((l) => atPort(l, ref));
}

const ref = (r: PortRef): EndpointRef => ({ element: r.element as EndpointRef['element'], port: asPortName(r.port) });

/** Roles that carry one link at most. Port groups take many vNICs; a NIC eth port may carry an uplink and a cable. */
const SINGLE_LINK: ReadonlySet<PortRole> = new Set(['pcie-down', 'pcie-up', 'vnic', 'vf', 'vswitch-uplink', 'function']);

type Plan = { kind: Link['kind']; aIsFrom: boolean } | { reason: string };

/** Which link two port roles make, and which end is `a`; or why they cannot be joined. */
function planFor(from: PortInfo, to: PortInfo): Plan {
  const pair = `${from.role}|${to.role}`;
  switch (pair) {
    case 'pcie-down|pcie-up':
      return { kind: 'pcie', aIsFrom: true };
    case 'pcie-up|pcie-down':
      return { kind: 'pcie', aIsFrom: false };
    case 'pcie-down|pcie-down':
    case 'pcie-up|pcie-up':
      return { reason: 'a PCIe link needs one upstream and one downstream port' };
    case 'ethernet|ethernet':
      return { kind: 'ethernet', aIsFrom: true };
    case 'vnic|port-group':
      return { kind: 'vnic', aIsFrom: true };
    case 'port-group|vnic':
      return { kind: 'vnic', aIsFrom: false };
    case 'vnic|vf':
      return { kind: 'vf', aIsFrom: true };
    case 'vf|vnic':
      return { kind: 'vf', aIsFrom: false };
    case 'vswitch-uplink|ethernet':
      return { kind: 'uplink', aIsFrom: true };
    case 'ethernet|vswitch-uplink':
      return { kind: 'uplink', aIsFrom: false };
    case 'vnic|function':
    case 'hostdev|function':
      return { kind: 'passthrough', aIsFrom: true };
    case 'function|vnic':
    case 'function|hostdev':
      return { kind: 'passthrough', aIsFrom: false };
    case 'vnic|vnic':
      return { reason: 'two vNICs cannot be wired directly: connect a vNIC to a port group or a VF' };
    case 'port-group|port-group':
      return { reason: 'port groups connect to VM vNICs, not to each other' };
  }
  const roles = new Set([from.role, to.role]);
  if (roles.has('pcie-up') || roles.has('pcie-down')) return { reason: 'a PCIe port connects only to a PCIe port' };
  if (roles.has('function')) return { reason: 'a whole device or physical function is passed through only to a VM' };
  if (roles.has('hostdev')) return { reason: 'a VM’s passthrough port takes only a whole PCIe device' };
  if (roles.has('vnic')) return { reason: 'a VM vNIC connects only to a virtual-switch port group, a NIC VF or a NIC physical function' };
  if (roles.has('vf')) return { reason: 'a VF connects only to a VM vNIC' };
  if (roles.has('port-group')) return { reason: 'a port group connects only to VM vNICs' };
  return { reason: 'a virtual-switch uplink connects only to a NIC Ethernet port' };
}

/**
 * Whether `from` can be wired to `to`, and if so the link (kind and orientation decided, fresh id, default
 * properties). Pure; `ids` is injectable so tests are deterministic.
 */
export function canConnect(design: Design, from: PortRef, to: PortRef, ids: IdSource = randomIds, lookup?: LinkLookup): ConnectResult {
  const fromEl = getElement(design, from.element);
  const toEl = getElement(design, to.element);
  if (!fromEl || !toEl) return { ok: false, reason: 'that element no longer exists' };
  const fp = findPort(fromEl, from.port);
  const tp = findPort(toEl, to.port);
  // A stale port (a switch port since broken out) is kept only for the cable already on it: no new wiring.
  if (!fp || fp.stale) return { ok: false, reason: `${labelOf(fromEl)} has no port ${from.port}` };
  if (!tp || tp.stale) return { ok: false, reason: `${labelOf(toEl)} has no port ${to.port}` };
  if (fromEl.id === toEl.id) return { ok: false, reason: `a ${KIND_LABELS[fromEl.kind]} cannot be wired to itself` };

  const plan = planFor(fp, tp);
  if ('reason' in plan) return { ok: false, reason: plan.reason };
  const [aRef, bRef] = plan.aIsFrom ? [from, to] : [to, from];
  const [aEl, bEl] = plan.aIsFrom ? [fromEl, toEl] : [toEl, fromEl];

  // Virtual links live inside one server: a vNIC, VF or uplink cannot reach across hosts.
  if (plan.kind === 'passthrough') {
    // A NIC's physical function is the VM's network port, so it is given to a vNIC; other devices to the VM itself.
    const toVnic = findPort(aEl, aRef.port)?.role === 'vnic';
    if (toVnic && bEl.kind !== 'nic') return { ok: false, reason: `a vNIC takes a NIC’s physical function; pass ${labelOf(bEl)} to the VM’s passthrough port (pci.hostdev) instead` };
    if (!toVnic && bEl.kind === 'nic') return { ok: false, reason: `a NIC’s physical function carries the VM’s network: pass it to one of ${labelOf(aEl)}’s vNICs` };
  }
  if (plan.kind === 'vf' || plan.kind === 'vnic' || plan.kind === 'uplink' || plan.kind === 'passthrough') {
    if (rootOf(design, aEl) !== rootOf(design, bEl)) {
      const why: Record<'vf' | 'vnic' | 'uplink' | 'passthrough', string> = {
        passthrough: 'a VM can only be given a device of its own host',
        vf: 'a VM can only use a VF of a NIC in its own host',
        vnic: 'a VM can only attach to a virtual switch in its own host',
        uplink: 'a virtual switch can only uplink to a NIC in its own host',
      };
      return { ok: false, reason: why[plan.kind] };
    }
  }
  if (plan.kind === 'ethernet' && aEl.kind === 'nic' && bEl.kind === 'nic' && rootOf(design, aEl) === rootOf(design, bEl)) {
    return { ok: false, reason: 'two ports of the same server cannot be cabled to each other' };
  }

  // Port occupancy: one cable per Ethernet port (plus at most one vSwitch uplink on a NIC port), one link
  // per PCIe, vNIC, VF and uplink port; port groups take any number of vNICs.
  const ends: [PortRef, Element, PortInfo][] = [
    [aRef, aEl, plan.aIsFrom ? fp : tp],
    [bRef, bEl, plan.aIsFrom ? tp : fp],
  ];
  for (const [r, el, info] of ends) {
    const existing = linksAt(design, r, lookup);
    if (info.role === 'ethernet') {
      if (existing.some((l) => l.kind === plan.kind)) return { ok: false, reason: `${portLabel(el, r.port)} ${plan.kind === 'uplink' ? 'already carries a vSwitch uplink' : 'is already cabled'}` };
    } else if (SINGLE_LINK.has(info.role) && existing.length > 0) {
      return { ok: false, reason: `${portLabel(el, r.port)} is already connected` };
    }
  }

  const id = asLinkId(freshLinkId(design, plan.kind, ids));
  const base = { id, a: ref(aRef), b: ref(bRef) };
  switch (plan.kind) {
    case 'pcie':
      return { ok: true, link: { ...base, kind: 'pcie', slotGen: null, slotWidth: null } };
    case 'ethernet':
      return { ok: true, link: { ...base, kind: 'ethernet', speedGbps: null, lag: null, fullDuplex: true } };
    case 'vnic':
      return { ok: true, link: { ...base, kind: 'vnic' } };
    case 'vf':
      return { ok: true, link: { ...base, kind: 'vf' } };
    case 'passthrough':
      return { ok: true, link: { ...base, kind: 'passthrough' } };
    case 'uplink':
      return { ok: true, link: { ...base, kind: 'uplink' } };
    default:
      return { ok: false, reason: 'S-channels are created from the inspector, not by wiring' };
  }
}

function freshLinkId(design: Design, prefix: string, ids: IdSource): string {
  let id = ids.next(prefix);
  while (Object.hasOwn(design.links, id)) id = ids.next(prefix);
  return id;
}

/**
 * The port a wire from `from` should land on when released over element `target` rather than a marker:
 * VFs have no markers (a NIC may expose thousands), so a vNIC dropped on a NIC takes its first free VF.
 */
export function landingPort(design: Design, from: PortRef, target: string): string | null {
  const fromEl = getElement(design, from.element);
  const el = getElement(design, target);
  if (!fromEl || !el || findPort(fromEl, from.port)?.role !== 'vnic') return null;
  const used = new Set<string>();
  for (const l of Object.values(design.links)) for (const end of [l.a, l.b]) if (end.element === target) used.add(end.port);
  const pfs = el.kind === 'nic' ? el.physicalFunctions.map((p) => p.enabledVfs) : el.kind === 'endpoint' && el.sriov ? [el.sriov.enabledVfs] : [];
  for (let pf = 0; pf < pfs.length; pf++) {
    for (let vf = 0; vf < pfs[pf]!; vf++) {
      const name = `pf${pf}.vf${vf}`;
      if (!used.has(name)) return name;
    }
  }
  return null;
}

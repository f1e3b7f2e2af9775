/**
 * Small design builders for validator tests: a host with its root complex, NIC, virtual switch and VMs in a few
 * lines, switches and cables by id. Pure (no test framework), so the rule tests and the CLI tests can share it.
 */
import { checkIntegrity, type Design } from '../model/design';
import { makeElement, type KindProps } from '../model/defaults';
import type { Element, ElementKind, ElementOf, TorPort } from '../model/elements';
import { asElementId, asLinkId, asPortName } from '../model/ids';
import type { EndpointRef, Link, LinkOf } from '../model/links';
import { applyCommand } from '../history/commands';
import { validateDesign } from './engine';
import type { Diagnostic, QuickFix, Rule, Severity } from './types';

/** One end of a link: element id and port name. */
export type End = readonly [element: string, port: string];

const ref = ([element, port]: End): EndpointRef => ({ element: asElementId(element), port: asPortName(port) });

/** `n` switch ports at one speed. */
export const torPorts = (n: number, speedGbps = 25, extra: Partial<TorPort> = {}): TorPort[] =>
  Array.from({ length: n }, () => ({ speedGbps, reflectiveRelay: false, evb: false, ...extra }));

export interface HostOptions {
  vms?: number;
  /** Port groups of the host's virtual switch; VMs are spread over them in turn. */
  portGroups?: KindProps<'vswitch'>['portGroups'];
  vswitch?: Partial<KindProps<'vswitch'>>;
  nic?: Partial<KindProps<'nic'>>;
  host?: Partial<KindProps<'host'>>;
  vm?: Partial<KindProps<'vm'>>;
  /** Leave the vSwitch uplinks unattached (to attach them by S-channel or not at all). */
  noUplinks?: boolean;
  /** Cable NIC eth0/eth1 to these switch ports. */
  cables?: { eth0?: End; eth1?: End; lag?: string | null };
}

export class TestDesign {
  readonly elements: Record<string, Element> = {};
  readonly links: Record<string, Link> = {};

  add<K extends ElementKind>(kind: K, id: string, props: Partial<KindProps<K>> = {}, parent: string | null = null): ElementOf<K> {
    if (this.elements[id]) throw new Error(`test design: duplicate element ${id}`);
    const el = makeElement(kind, { id: asElementId(id), name: id, parent: parent === null ? null : asElementId(parent) }, props);
    this.elements[id] = el;
    return el;
  }

  /** Replaces fields of an element already added. */
  patch<K extends ElementKind>(id: string, changes: Partial<KindProps<K>>): void {
    this.elements[id] = { ...this.elements[id]!, ...changes } as Element;
  }

  private link(l: Link): void {
    if (this.links[l.id]) throw new Error(`test design: duplicate link ${l.id}`);
    this.links[l.id] = l;
  }

  eth(id: string, a: End, b: End, opts: Partial<Pick<LinkOf<'ethernet'>, 'speedGbps' | 'lag' | 'fullDuplex'>> = {}): this {
    this.link({ id: asLinkId(id), kind: 'ethernet', a: ref(a), b: ref(b), speedGbps: null, lag: null, fullDuplex: true, ...opts });
    return this;
  }

  pcie(id: string, a: End, b: End): this {
    this.link({ id: asLinkId(id), kind: 'pcie', a: ref(a), b: ref(b), slotGen: null, slotWidth: null });
    return this;
  }

  uplink(id: string, a: End, b: End): this {
    this.link({ id: asLinkId(id), kind: 'uplink', a: ref(a), b: ref(b) });
    return this;
  }

  vnic(id: string, a: End, b: End): this {
    this.link({ id: asLinkId(id), kind: 'vnic', a: ref(a), b: ref(b) });
    return this;
  }

  vf(id: string, a: End, b: End): this {
    this.link({ id: asLinkId(id), kind: 'vf', a: ref(a), b: ref(b) });
    return this;
  }

  passthrough(id: string, a: End, b: End): this {
    this.link({ id: asLinkId(id), kind: 'passthrough', a: ref(a), b: ref(b) });
    return this;
  }

  sChannel(id: string, a: End, b: End, svid: number, mode: 'veb' | 'vepa' = 'vepa'): this {
    this.link({ id: asLinkId(id), kind: 'sChannel', a: ref(a), b: ref(b), svid, mode });
    return this;
  }

  /**
   * A server `id` with root complex `id.rc0`, NIC `id.nic` (two ports, on rp3), virtual switch `id.vs` with uplinks
   * up0→eth0 and up1→eth1, and VMs `id.vm1…` each with vnic0 on a port group (default: one group `vm`, VLAN 100).
   */
  host(id: string, opts: HostOptions = {}): this {
    this.add('host', id, opts.host ?? {});
    this.add('rootComplex', `${id}.rc0`, {}, id);
    this.add('nic', `${id}.nic`, opts.nic ?? {}, id);
    this.pcie(`${id}.pcie`, [`${id}.rc0`, 'rp3'], [`${id}.nic`, 'pcie']);
    const portGroups = opts.portGroups ?? [{ id: 'vm', name: 'VM Network', vlan: 100, trunk: [] }];
    this.add('vswitch', `${id}.vs`, { portGroups, ...opts.vswitch }, id);
    const uplinks = (this.elements[`${id}.vs`] as ElementOf<'vswitch'>).uplinks;
    const nicPorts = (this.elements[`${id}.nic`] as ElementOf<'nic'>).ports;
    for (let i = 0; i < (opts.noUplinks ? 0 : Math.min(uplinks, nicPorts)); i++) this.uplink(`${id}.up${i}`, [`${id}.vs`, `up${i}`], [`${id}.nic`, `eth${i}`]);
    for (let i = 1; i <= (opts.vms ?? 0); i++) {
      this.add('vm', `${id}.vm${i}`, opts.vm ?? {}, id);
      const pg = portGroups[(i - 1) % portGroups.length];
      if (pg) this.vnic(`${id}.vm${i}.vnic0`, [`${id}.vm${i}`, 'vnic0'], [`${id}.vs`, `pg.${pg.id}`]);
    }
    const c = opts.cables;
    if (c?.eth0) this.eth(`${id}.eth0`, [`${id}.nic`, 'eth0'], c.eth0, { lag: c.lag ?? null });
    if (c?.eth1) this.eth(`${id}.eth1`, [`${id}.nic`, 'eth1'], c.eth1, { lag: c.lag ?? null });
    return this;
  }

  /** A top-of-rack switch with `ports` 25G ports. */
  tor(id: string, props: Partial<KindProps<'tor'>> = {}, ports = 8): this {
    this.add('tor', id, { ports: torPorts(ports), lags: [], ...props });
    return this;
  }

  /** The design; throws when the builder was misused and the document has dangling references. */
  design(): Design {
    const d: Design = { meta: { name: 'test', description: '', revision: 0 }, elements: { ...this.elements }, links: { ...this.links } };
    const issues = checkIntegrity(d);
    if (issues.length) throw new Error(`test design is not well formed: ${issues.map((i) => i.message).join('; ')}`);
    return d;
  }
}

/** Diagnostics one rule raises on a design (run through the engine, as the app runs it). */
export function diagnosticsOf(design: Design, rule: Rule): Diagnostic[] {
  return validateDesign(design, [rule]).diagnostics;
}

/** The design after a quick fix's commands, applied in order as one step. */
export function applyFix(design: Design, fix: QuickFix): Design {
  let d = design;
  for (const cmd of fix.commands) d = applyCommand(d, cmd).design;
  return d;
}

/** A rule test: a small design that breaks the rule, what the rule must say, and a near miss it must accept. */
export interface RuleCase {
  rule: Rule;
  name: string;
  trigger: () => Design;
  /** One entry per expected diagnostic (in the engine's sorted order); element ids in any order. */
  expect: { severity: Severity; elements: string[] }[];
  /** A design one step away from `trigger` that the rule must accept. */
  nearMiss: () => Design;
  /** Index of the diagnostic whose quick fix must clear it; omitted when the rule offers no fix there. */
  fix?: number;
}

/** Rule id, severity and sorted element ids of each diagnostic: what rule tests compare. */
export function shape(list: readonly Diagnostic[]): { rule: string; severity: Severity; elements: string[] }[] {
  return list.map((d) => ({ rule: d.rule, severity: d.severity, elements: [...new Set(d.elements)].sort() }));
}

/** The expected shape of a case's diagnostics. */
export function expectedShape(c: RuleCase): { rule: string; severity: Severity; elements: string[] }[] {
  return c.expect.map((e) => ({ rule: c.rule.id, severity: e.severity, elements: [...new Set(e.elements)].sort() }));
}

/** Applies the quick fix of diagnostic `index` and reruns the rule: the fixed diagnostic must be gone. */
export function fixOutcome(c: RuleCase, index: number): { before: Diagnostic; after: Diagnostic[] } {
  const design = c.trigger();
  const before = diagnosticsOf(design, c.rule)[index];
  if (!before?.fix) throw new Error(`${c.rule.id} ${c.name}: diagnostic ${index} has no quick fix`);
  return { before, after: diagnosticsOf(applyFix(design, before.fix), c.rule) };
}

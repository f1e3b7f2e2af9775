/**
 * fast-check arbitraries for design documents: schema-valid properties for every element kind, links
 * between compatible ports, and whole designs whose structure passes `checkIntegrity`. Test-only (never
 * imported by the product); shared by the model, history, format, validator and simulator tests.
 *
 * Port counts are kept small (a few ports, VFs and port groups per element) so that properties run fast;
 * every other field covers its schema range, including awkward text and ids such as `constructor`.
 */
import fc from 'fast-check';
import type { Design, DesignMeta } from './design';
import {
  ELEMENT_KINDS,
  ENDPOINT_CLASSES,
  EVB_MODES,
  HOSTED_KINDS,
  HYPERV_MODES,
  HYPERVISORS,
  PORT_EXTENSION,
  QOS_CLASS_MODES,
  VSWITCH_KINDS,
  portsOf,
  type Element,
  type ElementKind,
  type ElementOf,
  type PortRole,
} from './elements';
import type { KindProps } from './defaults';
import { TEAM_POLICIES } from './teaming';
import { LINK_KINDS, type Link, type LinkKind } from './links';
import { asElementId, asLinkId, asPortName, type ElementId } from './ids';
import { ETHERNET_SPEEDS, PCIE_GENS, PCIE_WIDTHS, type PcieGen, type PcieWidth } from './units';

// ---------------------------------------------------------------- primitives

/** Text of up to `max` code points from the whole Unicode range (lone surrogates included). */
export const arbText = (max: number) => fc.string({ unit: 'binary', maxLength: max });
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

/** Keys that a careless `record[id]` lookup finds on Object.prototype. */
export const PROTOTYPE_KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'] as const;

/** Element/link ids: ordinary tokens, prototype-property names, and the 128-character maximum. */
export const arbId: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(128), `${'9'.repeat(126)}-2`) },
);
export const arbElementId = arbId.map(asElementId);

/** A finite canvas coordinate. JSON has no negative zero, so -0 is generated as 0. */
export const arbCoord = fc
  .oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
  .map((v) => (Object.is(v, -0) ? 0 : v));

export const arbGbps = fc.oneof(fc.constantFrom(...ETHERNET_SPEEDS), fc.double({ min: 1e-3, max: 1e4, noNaN: true }));
/** A port's speed set: 1-4 rates, mostly real Ethernet ones (so that links between generated ports often share one). */
/** A switch-port breakout: the common 4 × 25G / 4 × 10G of a QSFP28 cage mostly, any lane count and speed sometimes. */
const arbBreakout = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom({ lanes: 4 as const, speedGbps: 25 }, { lanes: 4 as const, speedGbps: 10 }) },
  { weight: 1, arbitrary: fc.record({ lanes: fc.constantFrom(2 as const, 4 as const, 8 as const), speedGbps: arbGbps }) },
);
const arbSpeeds = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ETHERNET_SPEEDS) }, { weight: 1, arbitrary: arbGbps }), { minLength: 1, maxLength: 4 });
const arbPositive = (max: number) => fc.oneof(fc.integer({ min: 1, max }), fc.double({ min: 1e-3, max, noNaN: true }));
const arbNonNegative = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 0, max, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v)));
const arbGen = fc.constantFrom(...PCIE_GENS);
const arbWidth = fc.constantFrom(...PCIE_WIDTHS);
const arbVlan = fc.integer({ min: 0, max: 4095 });
const arbToken = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`));
const arbModel = nullable(arbText(40));
const arbMtu = fc.oneof(fc.constantFrom(1500, 9000, 9216), fc.integer({ min: 68, max: 16384 }));
/** vSwitch QoS (qos.ts): any subset of its fields, so absent, partial and full settings all occur. */
const arbQos = fc.record(
  {
    limitGbps: fc.oneof(fc.constantFrom(1, 2.5, 10), fc.double({ min: 1e-3, max: 1e5, noNaN: true })),
    reservationGbps: arbNonNegative(1e5),
    shares: fc.integer({ min: 1, max: 100 }),
    classMode: fc.constantFrom(...QOS_CLASS_MODES),
    classPriority: fc.integer({ min: 0, max: 7 }),
    classWeight: fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
);
const arbPf = fc.record({ totalVfs: nullable(fc.integer({ min: 0, max: 65535 })), enabledVfs: fc.integer({ min: 0, max: 3 }) });

// ---------------------------------------------------------------- per-kind properties

/** Schema-valid kind properties for each element kind (a compile error when a kind or field is missing). */
export const ARB_PROPS: { [K in ElementKind]: fc.Arbitrary<KindProps<K>> } = {
  host: fc.record({
    model: arbModel,
    sockets: fc.array(fc.record({ cores: fc.integer({ min: 0, max: 1024 }), threadsPerCore: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 4 }),
    memoryGiB: arbPositive(1 << 20),
    hypervisor: fc.constantFrom(...HYPERVISORS),
    vswitchCopyGbps: arbGbps,
    storage: fc.constantFrom('local', 'shared'),
    iommu: fc.boolean(),
    collapsed: fc.boolean(),
    width: arbPositive(100_000),
    height: arbPositive(100_000),
  }),
  rootComplex: fc.record({
    socket: fc.integer({ min: 0, max: 15 }),
    gen: arbGen,
    lanes: fc.integer({ min: 0, max: 512 }),
    rootPortWidths: fc.array(arbWidth, { maxLength: 5 }),
    acs: fc.boolean(),
    ari: fc.boolean(),
  }),
  pcieSwitch: fc.record({
    model: arbModel,
    gen: arbGen,
    upstreamPorts: fc.integer({ min: 0, max: 2 }),
    upstreamWidth: arbWidth,
    downstreamWidths: fc.array(arbWidth, { maxLength: 5 }),
    mrIov: fc.boolean(),
    acs: fc.boolean(),
    ari: fc.boolean(),
  }),
  nic: fc.record({
    catalogId: nullable(arbText(40)),
    model: arbModel,
    ports: fc.integer({ min: 0, max: 4 }),
    speedGbps: arbGbps,
    pcieGen: nullable(arbGen),
    pcieWidth: nullable(arbWidth),
    physicalFunctions: fc.array(arbPf, { maxLength: 3 }),
    maxVfsPerDevice: nullable(fc.integer({ min: 0, max: 65535 })),
    vmdqPools: nullable(fc.integer({ min: 0, max: 4096 })),
    embeddedBridge: fc.constantFrom('veb', 'vepa'),
    portExtension: fc.constantFrom(...PORT_EXTENSION),
    vifBudget: nullable(fc.integer({ min: 0, max: 65535 })),
    mrIovAware: fc.boolean(),
    ari: fc.boolean(),
    mtu: arbMtu,
  }),
  endpoint: fc.record({
    deviceClass: fc.constantFrom(...ENDPOINT_CLASSES),
    model: arbModel,
    pcieGen: nullable(arbGen),
    pcieWidth: nullable(arbWidth),
    demandGbps: nullable(arbNonNegative(1e4)),
    sriov: nullable(arbPf),
    mrIovAware: fc.boolean(),
    functions: fc.integer({ min: 0, max: 256 }),
    ari: fc.boolean(),
  }),
  vm: fc.record({
    vcpus: fc.integer({ min: 1, max: 1024 }),
    memoryGiB: arbPositive(1 << 16),
    dirtyRateGbps: arbNonNegative(1e3),
    workingSetGiB: nullable(arbPositive(1 << 16)),
    zeroPageShare: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v))),
    diskGiB: arbNonNegative(1 << 20),
    tenant: nullable(arbText(30)),
    numaNodes: fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 3 }),
    vnics: fc.uniqueArray(
      fc.record(
        {
          id: fc.oneof(arbToken(12), fc.constant('__proto__')),
          mac: nullable(fc.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)),
          vlan: nullable(arbVlan),
          team: nullable(arbText(20)),
          qos: arbQos,
        },
        { requiredKeys: ['id', 'mac', 'vlan', 'team'] },
      ),
      { selector: (v) => v.id, maxLength: 3 },
    ),
  }),
  vswitch: fc.record({
    switchKind: fc.constantFrom(...VSWITCH_KINDS),
    hypervMode: nullable(fc.constantFrom(...HYPERV_MODES)),
    evbMode: fc.constantFrom(...EVB_MODES),
    uplinks: fc.integer({ min: 0, max: 3 }),
    portGroups: fc.uniqueArray(
      fc.record(
        { id: arbToken(12), name: arbText(30), vlan: nullable(arbVlan), trunk: fc.array(arbVlan, { maxLength: 4 }), mtu: arbMtu, qos: arbQos },
        { requiredKeys: ['id', 'name', 'vlan', 'trunk'] },
      ),
      { selector: (g) => g.id, maxLength: 3 },
    ),
    distributedName: nullable(arbText(30)),
    hostVnics: fc.integer({ min: 0, max: 64 }),
    stp: fc.boolean(),
    teamPolicy: fc.constantFrom(...TEAM_POLICIES),
    standbyUplinks: fc.uniqueArray(fc.integer({ min: 0, max: 31 }), { maxLength: 3 }),
    mtu: arbMtu,
    overlayBytes: fc.oneof(fc.constantFrom(0, 50, 100), fc.integer({ min: 0, max: 1024 })),
  }),
  tor: fc.record({
    model: arbModel,
    tier: fc.constantFrom('tor', 'spine'),
    ports: fc.array(
      fc.record(
        {
          speedGbps: arbGbps,
          reflectiveRelay: fc.boolean(),
          evb: fc.boolean(),
          allowedVlans: fc.array(fc.integer({ min: 1, max: 4094 }), { maxLength: 4 }),
          speedsGbps: arbSpeeds,
          breakoutModes: fc.array(arbBreakout, { minLength: 1, maxLength: 3 }),
          breakout: arbBreakout,
        },
        { requiredKeys: ['speedGbps', 'reflectiveRelay', 'evb'] },
      ),
      { maxLength: 6 },
    ),
    multichannel: fc.boolean(),
    sChannelLimit: nullable(fc.integer({ min: 0, max: 4094 })),
    controllingBridge: fc.boolean(),
    lags: fc.uniqueArray(fc.record({ id: arbToken(16), name: arbText(20), lacp: fc.boolean(), mlagPeer: nullable(arbElementId) }), {
      selector: (l) => l.id,
      maxLength: 2,
    }),
    stp: fc.boolean(),
    mtu: arbMtu,
  }),
  fex: fc.record({
    model: arbModel,
    hostPorts: fc.integer({ min: 0, max: 6 }),
    hostPortSpeedGbps: arbGbps,
    uplinks: fc.integer({ min: 0, max: 3 }),
    uplinkSpeedGbps: arbGbps,
    controllingBridge: nullable(arbElementId),
  }),
  storage: fc.record({
    model: arbModel,
    protocol: fc.constantFrom('iscsi', 'nfs', 'nvme-of', 'fcoe', 'smb'),
    ports: fc.integer({ min: 0, max: 4 }),
    speedGbps: arbGbps,
    capacityTiB: arbNonNegative(1e6),
  }),
};

/** A kind together with valid properties of that kind. */
export interface KindSpec {
  kind: ElementKind;
  props: Record<string, unknown>;
}

/** Any kind, with valid properties for it (shrinks toward the first kinds and simplest values). */
export const arbKindSpec: fc.Arbitrary<KindSpec> = fc.oneof(
  ...ELEMENT_KINDS.map((kind) => (ARB_PROPS[kind] as fc.Arbitrary<Record<string, unknown>>).map((props) => ({ kind, props }))),
);

/** Name, position and notes of an element. */
export const arbCommonFields = fc.record({ name: arbText(40), x: arbCoord, y: arbCoord, notes: arbText(60) });
export type CommonFields = { name: string; x: number; y: number; notes: string };

/** Assembles an element from its parts (no validation: the parts come from the arbitraries above). */
export function buildElement(id: string, spec: KindSpec, common: CommonFields, parent: string | null = null): Element {
  return { id, kind: spec.kind, parent, ...common, ...spec.props } as unknown as Element;
}

/** A valid top-level element of `kind` (any kind when omitted). */
export function arbElement<K extends ElementKind>(kind?: K): fc.Arbitrary<K extends ElementKind ? ElementOf<K> : Element> {
  const spec = kind ? (ARB_PROPS[kind] as fc.Arbitrary<Record<string, unknown>>).map((props) => ({ kind, props })) : arbKindSpec;
  return fc.tuple(arbElementId, spec, arbCommonFields).map(([id, s, c]) => buildElement(id, s, c) as never);
}

export const arbMeta: fc.Arbitrary<DesignMeta> = fc.record({ name: arbText(40), description: arbText(80), revision: fc.nat() });

// ---------------------------------------------------------------- links

/** Which port roles each link kind joins (a: the root/VM/vSwitch side), and which element kinds may sit at b. */
export const LINK_ENDS: Record<LinkKind, { a: PortRole; b: PortRole; bKinds?: readonly ElementKind[]; exclusive: boolean }> = {
  pcie: { a: 'pcie-down', b: 'pcie-up', exclusive: true },
  ethernet: { a: 'ethernet', b: 'ethernet', exclusive: true },
  vnic: { a: 'vnic', b: 'port-group', exclusive: false },
  vf: { a: 'vnic', b: 'vf', exclusive: true },
  // A NIC's PF goes to a vNIC (connect.ts); generated here is the other kind, a whole endpoint to the VM's hostdev port.
  passthrough: { a: 'hostdev', b: 'function', bKinds: ['endpoint'], exclusive: true },
  uplink: { a: 'vswitch-uplink', b: 'ethernet', bKinds: ['nic'], exclusive: false },
  sChannel: { a: 'vswitch-uplink', b: 'ethernet', bKinds: ['nic'], exclusive: false },
};

/** Everything needed to pick a link in a design that is not known yet: port choices are indices taken modulo. */
export interface LinkPlan {
  kind: LinkKind;
  a: number;
  b: number;
  slotGen: PcieGen | null;
  slotWidth: PcieWidth | null;
  speedGbps: number | null;
  lag: string | null;
  fullDuplex: boolean;
  svid: number;
  mode: 'veb' | 'vepa';
}

export const arbLinkPlan: fc.Arbitrary<LinkPlan> = fc.record({
  kind: fc.constantFrom(...LINK_KINDS),
  a: fc.nat(),
  b: fc.nat(),
  slotGen: nullable(arbGen),
  slotWidth: nullable(arbWidth),
  speedGbps: nullable(arbGbps),
  lag: nullable(arbToken(16)),
  fullDuplex: fc.boolean(),
  svid: fc.integer({ min: 0, max: 4095 }),
  mode: fc.constantFrom('veb', 'vepa'),
});

interface PortRef {
  element: string;
  kind: ElementKind;
  port: string;
  role: PortRole;
}

/** Every port of every element (VF ports included), in a stable order. */
export function allPorts(elements: Readonly<Record<string, Element>>): PortRef[] {
  const out: PortRef[] = [];
  for (const id of Object.keys(elements).sort()) {
    const el = elements[id]!;
    for (const p of portsOf(el, { includeHidden: true })) out.push({ element: id, kind: el.kind, port: p.name, role: p.role });
  }
  return out;
}

const portKey = (element: string, port: string) => `${element}\u0000${port}`;

/** Ports already used by exclusive links (PCIe, Ethernet, VF), which a plan will not reuse. */
export function busyPorts(links: Readonly<Record<string, Link>>): Set<string> {
  const busy = new Set<string>();
  for (const l of Object.values(links)) {
    if (!LINK_ENDS[l.kind].exclusive) continue;
    busy.add(portKey(l.a.element, l.a.port));
    busy.add(portKey(l.b.element, l.b.port));
  }
  return busy;
}

/**
 * The link a plan picks among `ports`, or null when no compatible pair exists. Both ends are on different
 * elements; exclusive kinds skip ports in `busy` and mark the ones they take. When the design has no pair
 * for the plan's kind, the next kinds (in LINK_KINDS order) are tried, so that small designs still get links;
 * `strictKind` turns that off.
 */
export function resolveLinkPlan(plan: LinkPlan, id: string, ports: readonly PortRef[], busy: Set<string>, strictKind = false): Link | null {
  const start = LINK_KINDS.indexOf(plan.kind);
  const kinds = strictKind ? [plan.kind] : LINK_KINDS.map((_, i) => LINK_KINDS[(start + i) % LINK_KINDS.length]!);
  for (const kind of kinds) {
    const link = resolveKind({ ...plan, kind }, id, ports, busy);
    if (link) return link;
  }
  return null;
}

function resolveKind(plan: LinkPlan, id: string, ports: readonly PortRef[], busy: Set<string>): Link | null {
  const ends = LINK_ENDS[plan.kind];
  const free = (p: PortRef) => !ends.exclusive || !busy.has(portKey(p.element, p.port));
  const as = ports.filter((p) => p.role === ends.a && free(p));
  if (!as.length) return null;
  const a = as[plan.a % as.length]!;
  const bs = ports.filter((p) => p.role === ends.b && p.element !== a.element && (!ends.bKinds || ends.bKinds.includes(p.kind)) && free(p));
  if (!bs.length) return null;
  const b = bs[plan.b % bs.length]!;
  if (ends.exclusive) {
    busy.add(portKey(a.element, a.port));
    busy.add(portKey(b.element, b.port));
  }
  const base = { id: asLinkId(id), a: { element: asElementId(a.element), port: asPortName(a.port) }, b: { element: asElementId(b.element), port: asPortName(b.port) } };
  switch (plan.kind) {
    case 'pcie':
      return { ...base, kind: 'pcie', slotGen: plan.slotGen, slotWidth: plan.slotWidth };
    case 'ethernet':
      return { ...base, kind: 'ethernet', speedGbps: plan.speedGbps, lag: plan.lag, fullDuplex: plan.fullDuplex };
    case 'sChannel':
      return { ...base, kind: 'sChannel', svid: plan.svid, mode: plan.mode };
    default:
      return { ...base, kind: plan.kind };
  }
}

// ---------------------------------------------------------------- designs

/** One element of a design still to be built: its parent is chosen among the design's hosts by index. */
export interface ElementPlan {
  spec: KindSpec;
  common: CommonFields;
  /** Index (modulo) of the host a hostable element goes into; null = top level. */
  parent: number | null;
}

export const arbElementPlan: fc.Arbitrary<ElementPlan> = fc.record({ spec: arbKindSpec, common: arbCommonFields, parent: nullable(fc.nat()) });

export interface DesignArbOptions {
  maxElements?: number;
  maxLinks?: number;
}

/** Builds a design from plans: elements get `ids` in order, hostable ones go into hosts, links join compatible free ports. */
export function buildDesign(meta: DesignMeta, plans: readonly ElementPlan[], ids: readonly string[], linkPlans: readonly LinkPlan[], linkIds: readonly string[]): Design {
  const elements: Record<string, Element> = {};
  const n = Math.min(plans.length, ids.length);
  for (let i = 0; i < n; i++) elements[ids[i]!] = buildElement(ids[i]!, plans[i]!.spec, plans[i]!.common);
  const hosts = Object.keys(elements).filter((id) => elements[id]!.kind === 'host');
  for (let i = 0; i < n; i++) {
    const el = elements[ids[i]!]!;
    const pick = plans[i]!.parent;
    if (pick !== null && hosts.length && HOSTED_KINDS.has(el.kind)) elements[el.id] = { ...el, parent: asElementId(hosts[pick % hosts.length]!) };
  }
  const links: Record<string, Link> = {};
  const ports = allPorts(elements);
  const busy = new Set<string>();
  linkPlans.slice(0, linkIds.length).forEach((plan, i) => {
    const link = resolveLinkPlan(plan, linkIds[i]!, ports, busy);
    if (link) links[link.id] = link;
  });
  return { meta, elements, links };
}

/** A structurally valid design: every element and link passes its schema and `checkIntegrity` finds nothing. */
export function arbDesign(opts: DesignArbOptions = {}): fc.Arbitrary<Design> {
  const maxElements = opts.maxElements ?? 8;
  const maxLinks = opts.maxLinks ?? 10;
  return fc
    .record({
      meta: arbMeta,
      plans: fc.array(arbElementPlan, { maxLength: maxElements }),
      ids: fc.uniqueArray(arbId, { minLength: maxElements, maxLength: maxElements }),
      linkPlans: fc.array(arbLinkPlan, { maxLength: maxLinks }),
      linkIds: fc.uniqueArray(arbId, { minLength: maxLinks, maxLength: maxLinks }),
    })
    .map(({ meta, plans, ids, linkPlans, linkIds }) => buildDesign(meta, plans, ids, linkPlans, linkIds));
}

/** The same design with its records built in another insertion order (content identical). */
export function reinsert(d: Design, elementOrder: readonly string[], linkOrder: readonly string[]): Design {
  const elements: Record<string, Element> = {};
  for (const id of elementOrder) elements[id] = d.elements[id]!;
  const links: Record<string, Link> = {};
  for (const id of linkOrder) links[id] = d.links[id]!;
  return { meta: d.meta, elements, links };
}

/** Ids of `d`'s elements of `kind`, sorted (a stable pick list for index-based choices). */
export function idsOfKind(d: Design, kind: ElementKind): ElementId[] {
  return Object.keys(d.elements)
    .filter((id) => d.elements[id]!.kind === kind)
    .sort() as ElementId[];
}

/**
 * What the inspector shows for each property: a label and unit from one table, and an editor derived
 * from the property's zod schema (text, number, choice, checkbox; structured values read-only). The
 * same schema then checks what the user typed, so its message is what appears under the field.
 */
import { z } from 'zod';
import type { Design } from '../../shared/model/design';
import { breakoutLabel, elementSchema, formatVsiType, portGroupSchema, qosSchema, torPortSchema, vnicSchema, type Element, type TorPort, type Vsi, type VsiType } from '../../shared/model/elements';
import { linkSchema, type Link } from '../../shared/model/links';
import { formatGenRate, formatNumber, formatPortMix, formatWidth } from '../../shared/scene/format';
import { valueLabel } from '../../shared/scene/labels';
import type { PcieGen } from '../../shared/model/units';
import type { DocPage } from '../../shared/ipc/channels';
import { parseBreakoutModes, TOR_PORT_INFO } from './port-fields';

/** A choice's value: an enum value or number, null, unset (undefined), or a small record (a port's breakout mode). */
export type Choice = { value: string | number | null | undefined | Readonly<Record<string, unknown>>; label: string };

/** Where `value` is among `choices` (flat records compare field by field, in any key order), or -1. */
export function choiceIndex(choices: readonly Choice[], value: unknown): number {
  const same = (a: unknown, b: unknown): boolean => {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  };
  return choices.findIndex((c) => same(c.value, value));
}

export type Editor =
  | { type: 'text'; nullable: boolean; multiline: boolean }
  /** `optional`: empty leaves the property unset (undefined) rather than null. */
  | { type: 'number'; nullable: boolean; nullLabel: string; optional?: boolean }
  | { type: 'choice'; choices: Choice[] }
  | { type: 'boolean' }
  /**
   * A set of whole numbers typed as "110, 120, 200-203" (VLANs, sockets, uplinks written `up1`); empty = the field is
   * unset (`unset`: undefined) or an empty list (`unset`: false), shown as `emptyLabel`.
   */
  | { type: 'intList'; min: number; max: number; prefix: string; what: string; emptyLabel: string; unset: boolean }
  /** Line rates typed as a datasheet writes them ("100/50/40/25" or "25, 10, 2.5"); empty = unknown (unset). */
  | { type: 'speedList' }
  /** Breakout modes typed as a datasheet writes them ("4×25G, 4×10G"); empty = none (unset). */
  | { type: 'breakoutList' }
  /** A switch port's breakout: a choice among the modes that port allows (see port-fields.ts `portFieldSpec`). */
  | { type: 'breakout' }
  /** A switch's ports: one picked from a list of all of them, its fields edited; each edit is one command on the list. */
  | { type: 'ports'; fields: FieldSpec[] }
  /**
   * An 802.1Qbg VSI profile typed as `manager/type/version [instance UUID]` ("11/1193047/2"), or libvirt's attributes
   * (`managerid='11' typeid='1193047' typeidversion='2'`); with `list`, VSI types "11/1193047/2, 11/1193048/1". Empty = unset.
   */
  | { type: 'vsi'; list: boolean }
  /** A list of records (port groups, vNICs), each edited field by field; the list itself is one property. */
  | { type: 'items'; fields: FieldSpec[]; shown: number }
  /** An optional record (a QoS setting) edited field by field; clearing every field unsets the record. */
  | { type: 'record'; fields: FieldSpec[] }
  | { type: 'readonly' };

/** Where a field's term is used: a validator rule (shown in the problems panel) or a bundled guide. */
export type FieldRef = { rule: string } | { doc: DocPage; section: string };

export interface FieldSpec {
  key: string;
  label: string;
  unit: string | null;
  hint: string | null;
  /** The rule or guide that uses this field, linked beside it. */
  ref?: FieldRef;
  editor: Editor;
  /** Checks one value of this property (the schema's own message on failure). */
  schema: z.ZodType;
}

export interface Info {
  label: string;
  unit?: string;
  hint?: string;
  ref?: FieldRef;
  /** Shown for a null number ("unknown", "all memory"). */
  nullLabel?: string;
  readonly?: boolean;
  /** Edited as a list of whole numbers. */
  list?: Omit<Extract<Editor, { type: 'intList' }>, 'type'>;
  /** Edited as a list of line rates. */
  speeds?: boolean;
  /** Edited as one VSI profile (`one`) or a list of VSI types (`list`). */
  vsi?: 'one' | 'list';
  /** A list of records edited field by field: the record schema and what each of its fields is. */
  items?: { schema: z.ZodObject; info: Record<string, Info> };
  /** A switch's ports (when the property is a list): the port schema and what each of its fields is. */
  portList?: { schema: z.ZodObject; info: Record<string, Info> };
  /** A port's breakout (`mode`) or the breakouts it allows (`modes`). */
  breakout?: 'mode' | 'modes';
  /** An optional record edited field by field: its schema and what each of its fields is. */
  record?: { schema: z.ZodObject; info: Record<string, Info> };
  /** Labels of an enum's values, where the value itself is not what a user reads. */
  choiceLabels?: Record<string, string>;
}

/**
 * vSwitch QoS (shared/model/elements/qos.ts, docs/qos.md): vSphere's vNIC limit/reservation/shares, Hyper-V's
 * -MaximumBandwidth/-MinimumBandwidthAbsolute/-MinimumBandwidthWeight, and an 802.1Qaz egress class.
 */
function qosInfo(scope: 'group' | 'vnic'): Info {
  const unset = scope === 'group' ? 'none' : 'port group’s';
  return {
    label: scope === 'group' ? 'QoS' : 'QoS override',
    hint:
      scope === 'group'
        ? 'Bandwidth controls of the group’s vNICs where the vSwitch schedules, at its uplink’s egress (rule QOS-001, docs/qos.md)'
        : 'Fields set here override the port group’s QoS one by one; empty fields keep the port group’s (rule QOS-001, docs/qos.md)',
    // The guide explains limit, reservation, shares and the egress classes with worked figures; the hint names the rule.
    ref: { doc: 'qos', section: 'The settings' },
    record: {
      schema: qosSchema,
      info: {
        limitGbps: { label: 'Limit', unit: 'Gb/s', nullLabel: unset, hint: 'Most the vNIC sends, even on an idle uplink (vSphere limit, Hyper-V -MaximumBandwidth)' },
        reservationGbps: { label: 'Reservation', unit: 'Gb/s', nullLabel: unset, hint: 'Guaranteed minimum at the uplink, lent to others while unused (vSphere reservation, Hyper-V -MinimumBandwidthAbsolute)' },
        shares: { label: 'Shares', unit: '1–100', nullLabel: scope === 'group' ? '50 (normal)' : unset, hint: 'Relative weight for what is left after reservations: Low 25, Normal 50, High 100 (vSphere share, Hyper-V -MinimumBandwidthWeight)' },
        classMode: { label: 'Egress class', nullLabel: scope === 'group' ? 'default' : unset, choiceLabels: { strict: 'Strict priority', wrr: 'Weighted round robin' }, hint: 'Strict-priority classes are served first; WRR classes share the rest by weight (IEEE 802.1Qaz ETS)' },
        classPriority: { label: 'Priority', unit: '0–7', nullLabel: scope === 'group' ? '0' : unset, hint: 'Strict-priority level as an 802.1p priority: 7 is served first' },
        classWeight: { label: 'Class weight', unit: '1–100', nullLabel: scope === 'group' ? '50' : unset, hint: 'Weight of the WRR class against the other classes on the uplink' },
      },
    },
  };
}

/** Records shown for editing in one list property; longer lists are edited in topology JSON. */
const ITEMS_SHOWN = 24;

const INFO: Record<string, Info> = {
  name: { label: 'Name' },
  model: { label: 'Model' },
  notes: { label: 'Notes' },
  parent: { label: 'Inside', readonly: true },
  x: { label: 'X', unit: 'units', hint: 'Position relative to the containing server' },
  y: { label: 'Y', unit: 'units' },
  // host
  sockets: { label: 'CPU sockets' },
  memoryGiB: { label: 'Memory', unit: 'GiB' },
  hypervisor: { label: 'Hypervisor' },
  vswitchCopyGbps: {
    label: 'vSwitch copy budget',
    unit: 'Gb/s',
    hint: 'How fast this host’s software switch copies frames from one VM’s memory to another’s; every VM-to-VM flow switched by the vSwitch on this host shares it (the simulator’s copy:<host> resource)',
    ref: { doc: 'simulation', section: 'Capacities' },
  },
  storage: { label: 'VM storage' },
  collapsed: { label: 'Collapsed' },
  width: { label: 'Width', unit: 'units' },
  height: { label: 'Height', unit: 'units' },
  // PCIe
  socket: { label: 'CPU socket', hint: 'Index into the server’s sockets (0 = first)' },
  gen: { label: 'PCIe generation' },
  lanes: { label: 'Lane budget', unit: 'lanes' },
  rootPortWidths: { label: 'Root ports' },
  acs: { label: 'ACS', hint: 'Access Control Services: isolates passthrough devices into their own IOMMU groups' },
  ari: { label: 'ARI', hint: 'Alternative Routing-ID Interpretation: more than 8 functions per device' },
  upstreamPorts: { label: 'Upstream ports', hint: 'More than one only on an MR-IOV switch' },
  upstreamWidth: { label: 'Upstream width' },
  downstreamWidths: { label: 'Downstream ports' },
  mrIov: { label: 'MR-IOV' },
  // NIC and endpoints
  catalogId: { label: 'Catalog entry', readonly: true },
  speedGbps: { label: 'Port speed', unit: 'Gb/s', nullLabel: 'negotiated' },
  speedsGbps: {
    label: 'Speeds the ports run',
    unit: 'Gb/s',
    hint: 'Every rate the ports can run, from the card’s datasheet (e.g. 100/50/40/25); the port speed should be one of them (rule ETH-002). Empty = unknown: the port speed and its standard fallbacks',
    speeds: true,
  },
  pcieGen: { label: 'PCIe generation' },
  pcieWidth: { label: 'PCIe width' },
  physicalFunctions: { label: 'Physical functions' },
  maxVfsPerDevice: { label: 'Max VFs per device', unit: 'VFs', nullLabel: 'unknown' },
  vmdqPools: {
    label: 'VMDq pools',
    unit: 'per port',
    nullLabel: 'unknown',
    hint: 'Virtual Machine Device Queues: receive-queue pools the NIC sorts incoming frames into by MAC and VLAN, one per VM, so the vSwitch need not; enabled VFs take pools too (rule VMDQ-001)',
    ref: { rule: 'VMDQ-001' },
  },
  embeddedBridge: {
    label: 'Embedded bridge',
    hint: 'The switch inside an SR-IOV NIC between its VFs and the wire: VEB switches VF-to-VF traffic in the card; VEPA sends it out for the adjacent switch to hairpin back (rules IOV-004, EVB-001)',
    ref: { rule: 'IOV-004' },
  },
  portExtension: { label: 'Port extension' },
  vifBudget: {
    label: 'VIF budget',
    unit: 'VIFs',
    nullLabel: 'unknown',
    hint: 'Virtual interfaces the adapter can present for VN-Tag or 802.1BR port extension: one per vNIC using it; more vNICs than this are refused (rules VNT-001, BR-001)',
    ref: { rule: 'VNT-001' },
  },
  mrIovAware: {
    label: 'MR-IOV aware',
    hint: 'Multi-Root I/O Virtualisation: the device can be shared by several hosts’ root complexes through an MR-IOV PCIe switch; otherwise it may have only one root (rule PCI-002)',
    ref: { rule: 'PCI-002' },
  },
  deviceClass: { label: 'Device class' },
  demandGbps: { label: 'Bandwidth demand', unit: 'Gb/s', nullLabel: 'unknown' },
  sriov: { label: 'SR-IOV' },
  functions: { label: 'PCI functions' },
  // VM
  vcpus: { label: 'vCPUs' },
  dirtyRateGbps: { label: 'Memory dirty rate', unit: 'Gb/s', hint: 'How fast the guest dirties memory (drives live-migration pre-copy rounds)' },
  workingSetGiB: { label: 'Writable working set', unit: 'GiB', nullLabel: 'all memory' },
  zeroPageShare: {
    label: 'Zero-page share',
    unit: '0–1',
    hint: 'Fraction of the VM’s memory that is all-zero pages: live migration does not send their contents, so a higher share shortens the first pre-copy round',
    ref: { doc: 'simulation', section: 'Live migration' },
  },
  diskGiB: { label: 'Disk', unit: 'GiB', hint: 'Copied before the memory when the VM migrates off a host with local storage' },
  tenant: { label: 'Tenant' },
  // vSwitch
  switchKind: { label: 'Switch type' },
  hypervMode: { label: 'Hyper-V mode', nullLabel: 'not Hyper-V' },
  evbMode: { label: 'Bridging (EVB) mode' },
  uplinks: { label: 'Uplinks' },
  distributedName: { label: 'Distributed switch' },
  hostVnics: { label: 'Host vNICs' },
  stp: { label: 'Spanning tree' },
  // switches
  tier: { label: 'Tier' },
  ports: { label: 'Ports', portList: { schema: torPortSchema, info: TOR_PORT_INFO } },
  multichannel: { label: 'Multichannel (S-channels)' },
  sChannelLimit: { label: 'S-channels per port', nullLabel: 'unknown' },
  controllingBridge: { label: 'Controlling bridge' },
  lags: { label: 'LAGs' },
  hostPorts: { label: 'Host ports' },
  hostPortSpeedGbps: { label: 'Host port speed', unit: 'Gb/s' },
  uplinkSpeedGbps: { label: 'Uplink speed', unit: 'Gb/s' },
  // storage
  protocol: { label: 'Protocol' },
  capacityTiB: { label: 'Capacity', unit: 'TiB' },
  // links
  slotGen: { label: 'Slot generation limit' },
  slotWidth: { label: 'Slot width limit' },
  lag: { label: 'LAG' },
  fullDuplex: { label: 'Full duplex' },
  svid: { label: 'S-VLAN id (S-VID)' },
  // switches
  routedVlans: {
    label: 'Routed VLANs (SVIs)',
    hint: 'VLANs this switch routes (it holds their L3 interface). Left empty on every switch, each host’s first switch routes every VLAN; once any switch lists VLANs, only the listed switches route them (rule L3-001, docs/simulation.md).',
    list: { min: 1, max: 4094, prefix: '', what: 'VLAN id', emptyLabel: 'not named (first switch routes all)', unset: true },
  },
  mtu: { label: 'MTU', unit: 'bytes', hint: 'Largest IP packet the ports carry: 1500 by default, 9000 (hosts) or 9216 (switches) for jumbo frames (rule MTU-001)' },
  // virtual switches
  teamPolicy: { label: 'Uplink teaming', hint: 'How the uplinks are teamed, by the platform’s own name; TEAM-001 checks the physical switches match it (docs/topology.md)' },
  standbyUplinks: {
    label: 'Standby uplinks',
    hint: 'Uplinks kept on standby by explicit failover order or active-backup; empty = the first uplink is active, the rest stand by',
    list: { min: 0, max: 31, prefix: 'up', what: 'uplink', emptyLabel: 'none listed', unset: false },
  },
  overlayBytes: { label: 'Overlay overhead', unit: 'bytes', hint: 'Bytes an overlay (VXLAN, Geneve) adds to every frame; 0 = no overlay (rule MTU-001)' },
  // VMs and hosts
  numaNodes: {
    label: 'NUMA nodes',
    hint: 'Sockets holding the VM’s vCPUs and memory (0 = first); empty = any. NUMA-001 warns when its VF sits under another socket',
    list: { min: 0, max: 15, prefix: '', what: 'socket', emptyLabel: 'any', unset: false },
  },
  iommu: { label: 'IOMMU enabled', hint: 'Intel VT-d / AMD-Vi: VFIO passthrough of VFs needs it (rule PCI-007)' },
  portGroups: {
    label: 'Port groups',
    items: {
      schema: portGroupSchema,
      info: {
        name: { label: 'Name' },
        vlan: { label: 'Access VLAN', nullLabel: 'untagged', hint: 'VLAN the switch tags the group’s frames with (1-4094); empty = untagged' },
        trunk: { label: 'Trunked VLANs', hint: 'VLANs trunked to the guest (VGT); empty for an access group', list: { min: 0, max: 4095, prefix: '', what: 'VLAN id', emptyLabel: 'none', unset: false } },
        mtu: { label: 'MTU', unit: 'bytes', nullLabel: 'the switch’s', hint: 'MTU the group’s VMs or VMkernel adapters use (9000 for jumbo-frame vMotion or storage); empty = the switch’s MTU (rule MTU-001)' },
        qos: qosInfo('group'),
      },
    },
  },
  vnics: {
    label: 'vNICs',
    items: {
      schema: vnicSchema,
      info: {
        mac: { label: 'MAC', hint: 'Lower-case aa:bb:cc:dd:ee:ff; empty = assigned automatically' },
        vlan: { label: 'VLAN (guest tag)', nullLabel: 'port group decides', hint: 'VLAN the guest tags, or the VLAN set on its VF; empty = the port group decides' },
        team: { label: 'Team', hint: 'vNICs with the same team name form a bond (e.g. a VF with a vSwitch failover path, rule IOV-003)' },
        vsi: {
          label: 'VSI profile (802.1Qbg)',
          hint: 'VSI type the adjacent bridge associates through VDP, as manager/type/version (libvirt managerid/typeid/typeidversion, e.g. 11/1193047/2), optionally followed by the instance UUID; empty = statically configured, no VDP (rule EVB-003)',
          vsi: 'one',
        },
        qos: qosInfo('vnic'),
      },
    },
  },
  mode: { label: 'Channel bridging' },
  vsiTypes: {
    label: 'VSI types (VDP)',
    hint: 'VSI types the switch’s VSI manager database holds, as manager/type/version separated by commas (e.g. 11/1193047/2): vNICs of these types can be associated and pre-associated for migration (rule EVB-003); empty = none',
    vsi: 'list',
  },
};

// Fields shown in the inspector's header instead of as rows, or handled as link ends.
const SKIP = new Set(['id', 'kind', 'a', 'b']);
const GEN_KEYS = new Set(['gen', 'pcieGen', 'slotGen']);

function choiceLabel(key: string, v: string | number): string {
  if (typeof v === 'number') return GEN_KEYS.has(key) ? formatGenRate(v as PcieGen) : formatWidth(v);
  return valueLabel(v);
}

function editorFor(key: string, schema: z.ZodType, info: Info): Editor {
  if (info.readonly) return { type: 'readonly' };
  // A NIC's or storage array's `ports` is a count; a switch's is its list of ports.
  if (info.portList !== undefined && schema instanceof z.ZodArray) return { type: 'ports', fields: specsOf(info.portList.schema.shape as Record<string, z.ZodType>, info.portList.info) };
  if (info.breakout !== undefined) return { type: info.breakout === 'mode' ? 'breakout' : 'breakoutList' };
  if (info.record !== undefined) return { type: 'record', fields: specsOf(info.record.schema.shape as Record<string, z.ZodType>, info.record.info) };
  if (info.items !== undefined) return { type: 'items', fields: specsOf(info.items.schema.shape as Record<string, z.ZodType>, info.items.info), shown: ITEMS_SHOWN };
  if (info.list !== undefined) return { type: 'intList', ...info.list };
  if (info.speeds) return { type: 'speedList' };
  if (info.vsi) return { type: 'vsi', list: info.vsi === 'list' };
  let inner: z.ZodType = schema;
  let nullable = false;
  let optional = false;
  if (inner instanceof z.ZodOptional) {
    optional = true;
    inner = inner.unwrap() as z.ZodType;
  }
  if (inner instanceof z.ZodNullable) {
    nullable = true;
    inner = inner.unwrap() as z.ZodType;
  }
  const nullChoice: Choice[] = nullable
    ? [{ value: null, label: key.startsWith('slot') ? 'no limit' : (info.nullLabel ?? 'unknown') }]
    : optional
      ? [{ value: undefined, label: info.nullLabel ?? 'unset' }]
      : [];
  if (inner instanceof z.ZodString) return { type: 'text', nullable, multiline: key === 'notes' || key === 'description' };
  if (inner instanceof z.ZodNumber) return optional ? { type: 'number', nullable: true, nullLabel: info.nullLabel ?? 'unset', optional } : { type: 'number', nullable, nullLabel: info.nullLabel ?? 'unknown' };
  if (inner instanceof z.ZodBoolean) return { type: 'boolean' };
  if (inner instanceof z.ZodEnum) {
    const options = inner.options as string[];
    return { type: 'choice', choices: [...nullChoice, ...options.map((o) => ({ value: o, label: info.choiceLabels?.[o] ?? choiceLabel(key, o) }))] };
  }
  if (inner instanceof z.ZodUnion && (inner.options as z.ZodType[]).every((o) => o instanceof z.ZodLiteral)) {
    const values = (inner.options as z.ZodLiteral[]).map((o) => o.value as string | number);
    return { type: 'choice', choices: [...nullChoice, ...values.map((v) => ({ value: v, label: choiceLabel(key, v) }))] };
  }
  return { type: 'readonly' };
}

function specsOf(shape: Record<string, z.ZodType>, info_: Record<string, Info> = INFO): FieldSpec[] {
  return Object.entries(shape)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, schema]) => {
      const info = info_[key] ?? INFO[key] ?? { label: key };
      return { key, label: info.label, unit: info.unit ?? null, hint: info.hint ?? null, ...(info.ref ? { ref: info.ref } : {}), editor: editorFor(key, schema, info), schema };
    });
}

const elementSpecCache = new Map<string, FieldSpec[]>();
const linkSpecCache = new Map<string, FieldSpec[]>();

/** The inspector's fields for an element kind, in schema order. */
export function elementFields(kind: Element['kind']): FieldSpec[] {
  let specs = elementSpecCache.get(kind);
  if (!specs) {
    const option = elementSchema.options.find((o) => o.shape.kind.value === kind)!;
    specs = specsOf(option.shape as unknown as Record<string, z.ZodType>);
    elementSpecCache.set(kind, specs);
  }
  return specs;
}

/** The inspector's fields for a link kind (its ends are shown separately). */
export function linkFields(kind: Link['kind']): FieldSpec[] {
  let specs = linkSpecCache.get(kind);
  if (!specs) {
    const option = linkSchema.options.find((o) => o.shape.kind.value === kind)!;
    specs = specsOf(option.shape as unknown as Record<string, z.ZodType>);
    linkSpecCache.set(kind, specs);
  }
  return specs;
}

/** Turns what was typed into a value for the schema to check; a string result is the reason it is not one. */
export function parseInput(editor: Editor, raw: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  const s = raw.trim();
  if (editor.type === 'number') {
    if (s === '') return editor.optional ? { ok: true, value: undefined } : editor.nullable ? { ok: true, value: null } : { ok: false, reason: 'Enter a number' };
    const n = Number(s.replace(/,/g, ''));
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: `“${s}” is not a number` };
  }
  if (editor.type === 'text') return { ok: true, value: editor.nullable && s === '' ? null : raw };
  if (editor.type === 'intList') return parseIntList(s, editor);
  if (editor.type === 'speedList') return parseSpeedList(s);
  if (editor.type === 'breakoutList') return parseBreakoutModes(s);
  if (editor.type === 'vsi') return editor.list ? parseVsiTypes(s) : parseVsi(s);
  return { ok: true, value: raw };
}

const VSI_LIMITS = [
  ['managerid', 'manager id', 1, 255],
  ['typeid', 'type id', 0, 0xffffff],
  ['typeidversion', 'type version', 0, 255],
] as const;

/** "11/1193047/2" → a VSI type, checked field by field; a string is the reason it is not one. */
function vsiTypeOf(part: string): VsiType | string {
  const m = /^(\d+)\/(\d+)\/(\d+)$/.exec(part);
  if (!m) return `“${part}” is not manager/type/version (e.g. 11/1193047/2)`;
  const values = [Number(m[1]), Number(m[2]), Number(m[3])];
  for (let i = 0; i < 3; i++) {
    const [, what, min, max] = VSI_LIMITS[i]!;
    if (!(values[i]! >= min && values[i]! <= max)) return `the ${what} must be ${min}-${max} (got ${values[i]})`;
  }
  return { managerId: values[0]!, typeId: values[1]!, typeVersion: values[2]! };
}

/**
 * A vNIC's VSI profile: "11/1193047/2" with an optional instance UUID after it, or libvirt's `<parameters>` attributes
 * pasted from a domain definition; empty → unset (no VDP).
 */
export function parseVsi(s: string): { ok: true; value: Vsi | undefined } | { ok: false; reason: string } {
  if (s === '') return { ok: true, value: undefined };
  let typeText: string;
  let instance: string | null;
  if (/managerid\s*=/i.test(s)) {
    const attrs = new Map<string, string>();
    for (const m of s.matchAll(/(\w+)\s*=\s*['"]?([^'"\s/>]+)['"]?/g)) attrs.set(m[1]!.toLowerCase(), m[2]!);
    const missing = VSI_LIMITS.filter(([k]) => !attrs.has(k)).map(([k]) => k);
    if (missing.length) return { ok: false, reason: `missing ${missing.join(', ')}` };
    typeText = VSI_LIMITS.map(([k]) => attrs.get(k)).join('/');
    instance = attrs.get('instanceid') ?? null;
  } else {
    const [first, second, ...rest] = s.split(/\s+/);
    if (rest.length) return { ok: false, reason: 'type as manager/type/version, then at most an instance UUID' };
    typeText = first!;
    instance = second ?? null;
  }
  const t = vsiTypeOf(typeText);
  if (typeof t === 'string') return { ok: false, reason: t };
  return { ok: true, value: { ...t, instanceId: instance === null ? null : instance.toLowerCase() } };
}

/** A bridge's VSI types: "11/1193047/2, 11/1193048/1" (unique, in the order typed); empty → unset (none known). */
export function parseVsiTypes(s: string): { ok: true; value: VsiType[] | undefined } | { ok: false; reason: string } {
  if (s === '') return { ok: true, value: undefined };
  const out = new Map<string, VsiType>();
  for (const part of s.split(/[\s,;]+/).filter(Boolean)) {
    const t = vsiTypeOf(part);
    if (typeof t === 'string') return { ok: false, reason: t };
    out.set(formatVsiType(t), t);
  }
  return { ok: true, value: [...out.values()] };
}

/** A VSI profile or VSI type list as typed back. */
export function formatVsi(value: Vsi | readonly VsiType[]): string {
  if (Array.isArray(value)) return value.map(formatVsiType).join(', ');
  const v = value as Vsi;
  return v.instanceId ? `${formatVsiType(v)} ${v.instanceId}` : formatVsiType(v);
}

/** "110, 120 200-203" → [110, 120, 200, 201, 202, 203] (sorted, unique; `up1` where the prefix is `up`); empty → unset. */
export function parseIntList(s: string, e: Extract<Editor, { type: 'intList' }>): { ok: true; value: number[] | undefined } | { ok: false; reason: string } {
  if (s === '') return { ok: true, value: e.unset ? undefined : [] };
  const out = new Set<number>();
  const strip = (x: string) => (e.prefix && x.toLowerCase().startsWith(e.prefix) ? x.slice(e.prefix.length) : x);
  for (const part of s.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\w+?)(?:-(\w+))?$/.exec(part);
    const lo = m && /^\d+$/.test(strip(m[1]!)) ? Number(strip(m[1]!)) : NaN;
    const hi = m?.[2] !== undefined ? (/^\d+$/.test(strip(m[2])) ? Number(strip(m[2])) : NaN) : lo;
    if (!(lo >= e.min && hi <= e.max && hi >= lo)) return { ok: false, reason: `“${part}” is not a${/^[aeiou]/.test(e.what) ? 'n' : ''} ${e.what} or range within ${e.prefix}${e.min}-${e.prefix}${e.max}` };
    for (let v = lo; v <= hi; v++) out.add(v);
  }
  return { ok: true, value: [...out].sort((a, b) => a - b) };
}

/** "100/50/40/25" or "25, 10, 2.5" → [100, 50, 40, 25] (fastest first, unique); empty → unset (unknown). */
export function parseSpeedList(s: string): { ok: true; value: number[] | undefined } | { ok: false; reason: string } {
  if (s === '') return { ok: true, value: undefined };
  const out = new Set<number>();
  for (const part of s.split(/[\s,;/]+/).filter(Boolean)) {
    const v = Number(part.replace(/g(b\/?s)?$/i, ''));
    if (!(Number.isFinite(v) && v > 0)) return { ok: false, reason: `“${part}” is not a line rate in Gb/s` };
    out.add(v);
  }
  if (out.size > 16) return { ok: false, reason: `at most 16 speeds (got ${out.size})` };
  return { ok: true, value: [...out].sort((a, b) => b - a) };
}

/** A list as typed back: ranges of three or more folded ("200-203"), each number with the editor's prefix ("up1"). */
export function formatIntList(values: readonly number[], prefix = ''): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${prefix}${values[i]}-${prefix}${values[j]}` : values.slice(i, j + 1).map((v) => `${prefix}${v}`).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The schema's verdict on one value: null when valid, else its first message. */
export function checkValue(spec: FieldSpec, value: unknown): string | null {
  const r = spec.schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'Invalid value');
}

const nameOf = (d: Design, id: string | null) => (id === null ? '—' : (d.elements[id]?.name ?? id));

/** Lines describing a structured (read-only) property, with units. */
export function describeValue(key: string, value: unknown, design: Design): string[] {
  if (value === null || value === undefined) return [key === 'sriov' ? 'Not SR-IOV capable' : '—'];
  switch (key) {
    case 'parent':
    case 'controllingBridge':
      return [nameOf(design, value as string)];
    case 'sockets':
      return (value as { cores: number; threadsPerCore: number }[]).map((s, i) => `Socket ${i}: ${s.cores} cores × ${s.threadsPerCore} threads`);
    case 'rootPortWidths':
      return [(value as number[]).map((w, i) => `rp${i} ${formatWidth(w)}`).join(' · ') || 'none'];
    case 'downstreamWidths':
      return [(value as number[]).map((w, i) => `dp${i} ${formatWidth(w)}`).join(' · ') || 'none'];
    case 'physicalFunctions':
      return (value as { totalVfs: number | null; enabledVfs: number }[]).map((pf, i) => `PF${i}: ${pf.enabledVfs} of ${pf.totalVfs ?? '?'} VFs enabled`);
    case 'sriov': {
      const pf = value as { totalVfs: number | null; enabledVfs: number };
      return [`${pf.enabledVfs} of ${pf.totalVfs ?? '?'} VFs enabled`];
    }
    case 'ports': {
      const ports = value as TorPort[];
      const rr = ports.filter((p) => p.reflectiveRelay).length;
      const evb = ports.filter((p) => p.evb).length;
      const broken = ports.flatMap((p, i) => (p.breakout ? [`p${i} ${breakoutLabel(p.breakout)}`] : []));
      const lines = [formatPortMix(ports.map((p) => p.speedGbps)), `Reflective relay on ${rr} of ${ports.length}`, `EVB bridge role on ${evb} of ${ports.length}`];
      if (broken.length) lines.push(`Broken out: ${broken.length > 6 ? `${broken.slice(0, 6).join(', ')} and ${broken.length - 6} more` : broken.join(', ')}`);
      return lines;
    }
    case 'lags':
      return listed(
        (value as { id: string; name: string; lacp: boolean; mlagPeer: string | null }[]).map(
          (l) => `${l.name || l.id}${l.lacp ? ' · LACP' : ''}${l.mlagPeer ? ` · MLAG with ${nameOf(design, l.mlagPeer)}` : ''}`,
        ),
      );
    case 'portGroups':
      return listed(
        (value as { id: string; name: string; vlan: number | null; trunk: number[] }[]).map(
          (g) => `${g.name || g.id} · ${g.vlan === null ? 'untagged' : `VLAN ${g.vlan}`}${g.trunk.length ? ` · trunk ${g.trunk.join(', ')}` : ''}`,
        ),
      );
    case 'vnics':
      return listed(
        (value as { id: string; mac: string | null; vlan: number | null; team: string | null; vsi?: VsiType }[]).map(
          (v) => `${v.id} · MAC ${v.mac ?? 'auto'} · ${v.vlan === null ? 'no VLAN' : `VLAN ${v.vlan}`}${v.team ? ` · team ${v.team}` : ''}${v.vsi ? ` · VSI ${formatVsiType(v.vsi)}` : ''}`,
        ),
      );
    default:
      if (Array.isArray(value)) return listed(value.map((v) => JSON.stringify(v)));
      if (typeof value === 'object') return [JSON.stringify(value)];
      return [String(value)];
  }
}

/** Long lists are cut so the inspector stays readable (a leaf switch has a LAG per server). */
function listed(lines: string[], max = 12): string[] {
  if (lines.length === 0) return ['none'];
  return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more`] : lines;
}

/** A number as shown in a field: no float noise. */
export const showNumber = (n: number) => formatNumber(n, 6);

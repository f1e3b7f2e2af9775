/** Default property values for a new element of each kind: what a palette drop creates. */
import type { ElementId } from './ids';
import {
  type Element,
  type ElementKind,
  type ElementOf,
  type Endpoint,
  type Fex,
  type Host,
  type Nic,
  type PcieSwitch,
  type RootComplex,
  type Storage,
  type Tor,
  type Vm,
  type Vswitch,
} from './elements';

import { DEFAULT_MTU } from './units';
import { defaultTeamPolicy } from './teaming';

type Common = Pick<Element, 'id' | 'name' | 'parent' | 'x' | 'y' | 'notes'>;

/** Properties of a kind without the common fields. */
export type KindProps<K extends ElementKind> = Omit<ElementOf<K>, keyof Common | 'kind'>;

const hostDefaults = (): KindProps<'host'> => ({
  model: null,
  sockets: [
    { cores: 32, threadsPerCore: 2 },
    { cores: 32, threadsPerCore: 2 },
  ],
  memoryGiB: 512,
  hypervisor: 'esxi',
  vswitchCopyGbps: 30,
  storage: 'shared',
  iommu: true,
  collapsed: false,
  width: 640,
  height: 360,
});

const rootComplexDefaults = (): KindProps<'rootComplex'> => ({
  socket: 0,
  gen: 4,
  lanes: 64,
  rootPortWidths: [16, 16, 16, 8, 8],
  acs: true,
  ari: true,
});

const pcieSwitchDefaults = (): KindProps<'pcieSwitch'> => ({
  model: null,
  gen: 4,
  upstreamPorts: 1,
  upstreamWidth: 16,
  downstreamWidths: [8, 8, 8, 8],
  mrIov: false,
  acs: true,
  ari: true,
});

const nicDefaults = (): KindProps<'nic'> => ({
  catalogId: null,
  model: null,
  ports: 2,
  speedGbps: 25,
  pcieGen: 3,
  pcieWidth: 8,
  physicalFunctions: [
    { totalVfs: 64, enabledVfs: 0 },
    { totalVfs: 64, enabledVfs: 0 },
  ],
  maxVfsPerDevice: null,
  vmdqPools: null,
  embeddedBridge: 'veb',
  portExtension: 'none',
  vifBudget: null,
  mrIovAware: false,
  ari: true,
  mtu: DEFAULT_MTU,
});

const endpointDefaults = (): KindProps<'endpoint'> => ({
  deviceClass: 'gpu',
  model: null,
  pcieGen: 4,
  pcieWidth: 16,
  demandGbps: null,
  sriov: null,
  mrIovAware: false,
  functions: 1,
  ari: true,
});

const vmDefaults = (): KindProps<'vm'> => ({
  vcpus: 4,
  memoryGiB: 16,
  dirtyRateGbps: 1,
  workingSetGiB: null,
  zeroPageShare: 0,
  diskGiB: 40,
  tenant: null,
  numaNodes: [],
  vnics: [{ id: 'vnic0', mac: null, vlan: null, team: null }],
});

const vswitchDefaults = (): KindProps<'vswitch'> => ({
  switchKind: 'vds',
  hypervMode: null,
  evbMode: 'veb',
  uplinks: 2,
  portGroups: [{ id: 'vm', name: 'VM Network', vlan: 100, trunk: [] }],
  distributedName: null,
  hostVnics: 0,
  stp: false,
  teamPolicy: defaultTeamPolicy('vds'),
  standbyUplinks: [],
  mtu: DEFAULT_MTU,
  overlayBytes: 0,
});

const torDefaults = (): KindProps<'tor'> => ({
  model: null,
  tier: 'tor',
  ports: [
    ...Array.from({ length: 48 }, () => ({ speedGbps: 25, reflectiveRelay: false, evb: false })),
    ...Array.from({ length: 8 }, () => ({ speedGbps: 100, reflectiveRelay: false, evb: false })),
  ],
  multichannel: false,
  sChannelLimit: null,
  controllingBridge: false,
  lags: [],
  stp: true,
  mtu: DEFAULT_MTU,
});

const fexDefaults = (): KindProps<'fex'> => ({
  model: null,
  hostPorts: 48,
  hostPortSpeedGbps: 10,
  uplinks: 4,
  uplinkSpeedGbps: 40,
  controllingBridge: null,
});

const storageDefaults = (): KindProps<'storage'> => ({
  model: null,
  protocol: 'iscsi',
  ports: 2,
  speedGbps: 25,
  capacityTiB: 100,
});

// A mapped type over every kind: adding a kind without defaults is a compile error.
const DEFAULTS: { [K in ElementKind]: () => KindProps<K> } = {
  host: hostDefaults,
  rootComplex: rootComplexDefaults,
  pcieSwitch: pcieSwitchDefaults,
  nic: nicDefaults,
  endpoint: endpointDefaults,
  vm: vmDefaults,
  vswitch: vswitchDefaults,
  tor: torDefaults,
  fex: fexDefaults,
  storage: storageDefaults,
};

/** Default properties for a kind; throws on an unknown kind string from untrusted input. */
export function defaultProps<K extends ElementKind>(kind: K): KindProps<K> {
  // Own keys only: a kind string such as "constructor" from a file must not reach Object.prototype.
  if (!Object.hasOwn(DEFAULTS, kind)) throw new Error(`unknown element kind ${String(kind)}`);
  return DEFAULTS[kind]();
}

/** A new element of `kind` with defaults, overridden by `props`. */
export function makeElement<K extends ElementKind>(
  kind: K,
  common: { id: ElementId; name: string; parent?: ElementId | null; x?: number; y?: number; notes?: string },
  props: Partial<KindProps<K>> = {},
): ElementOf<K> {
  const defaults = defaultProps(kind);
  // A virtual switch of another kind than the default starts with its own platform's teaming (an OVS bridge has no
  // VMware policy), unless one is given.
  const p = props as Partial<KindProps<'vswitch'>>;
  if (kind === 'vswitch' && p.switchKind !== undefined && p.teamPolicy === undefined) (defaults as unknown as KindProps<'vswitch'>).teamPolicy = defaultTeamPolicy(p.switchKind);
  return {
    id: common.id,
    kind,
    name: common.name,
    parent: common.parent ?? null,
    x: common.x ?? 0,
    y: common.y ?? 0,
    notes: common.notes ?? '',
    ...defaults,
    ...props,
  } as unknown as ElementOf<K>;
}

// Re-exported so callers constructing typed elements need one import.
export type { Host, RootComplex, PcieSwitch, Nic, Endpoint, Vm, Vswitch, Tor, Fex, Storage };

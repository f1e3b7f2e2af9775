/** The closed union of element kinds, their runtime schema and per-kind dispatch. */
import { z } from 'zod';
import { hostSchema, hostPorts, type Host } from './host';
import { rootComplexSchema, rootComplexPorts, type RootComplex } from './root-complex';
import { pcieSwitchSchema, pcieSwitchPorts, type PcieSwitch } from './pcie-switch';
import { nicSchema, nicPorts, type Nic } from './nic';
import { endpointSchema, endpointPorts, ENDPOINT_DEVICE_PORT, type Endpoint } from './endpoint';
import { vmSchema, vmPorts, HOSTDEV_PORT, type Vm } from './vm';
import { vswitchSchema, vswitchPorts, type Vswitch } from './vswitch';
import { torSchema, torPorts, torPortAt, type Tor } from './tor';
import { fexSchema, fexPorts, type Fex } from './fex';
import { storageSchema, storagePorts, type Storage } from './storage';
import { numberedPortIndex, type PortInfo } from './base';
import { parseVfPort } from './nic';

export * from './base';
export * from './host';
export * from './root-complex';
export * from './pcie-switch';
export * from './nic';
export * from './endpoint';
export * from './vm';
export * from './vswitch';
export * from './qos';
export * from './tor';
export * from './fex';
export * from './storage';

export const elementSchema = z.discriminatedUnion('kind', [
  hostSchema,
  rootComplexSchema,
  pcieSwitchSchema,
  nicSchema,
  endpointSchema,
  vmSchema,
  vswitchSchema,
  torSchema,
  fexSchema,
  storageSchema,
]);

export type Element = Host | RootComplex | PcieSwitch | Nic | Endpoint | Vm | Vswitch | Tor | Fex | Storage;
export type ElementKind = Element['kind'];
export type ElementOf<K extends ElementKind> = Extract<Element, { kind: K }>;

export const ELEMENT_KINDS: readonly ElementKind[] = [
  'host',
  'rootComplex',
  'pcieSwitch',
  'nic',
  'endpoint',
  'vm',
  'vswitch',
  'tor',
  'fex',
  'storage',
];

/** Human label of each kind, for menus, reports and `rackplane info`. */
export const KIND_LABELS: Record<ElementKind, string> = {
  host: 'Server',
  rootComplex: 'Root complex',
  pcieSwitch: 'PCIe switch',
  nic: 'NIC',
  endpoint: 'PCIe endpoint',
  vm: 'VM',
  vswitch: 'Virtual switch',
  tor: 'Ethernet switch',
  fex: 'Fabric extender',
  storage: 'Storage target',
};

/** Compile-time proof that a switch handled every case. */
export function exhaustive(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/** Ports of an element, derived from its properties. VF ports are listed only when asked (there can be thousands). */
export function portsOf(el: Element, opts: { includeHidden?: boolean } = {}): PortInfo[] {
  switch (el.kind) {
    case 'host':
      return hostPorts(el);
    case 'rootComplex':
      return rootComplexPorts(el);
    case 'pcieSwitch':
      return pcieSwitchPorts(el);
    case 'nic':
      return nicPorts(el, opts);
    case 'endpoint':
      return endpointPorts(el, opts);
    case 'vm':
      return vmPorts(el, opts);
    case 'vswitch':
      return vswitchPorts(el);
    case 'tor':
      return torPorts(el);
    case 'fex':
      return fexPorts(el);
    case 'storage':
      return storagePorts(el);
    default:
      return exhaustive(el);
  }
}

/**
 * The port of an element by name, or null when the element has no such port. Computed from the name
 * without listing the element's ports: integrity checks call this for every link end of large designs.
 */
export function findPort(el: Element, port: string): PortInfo | null {
  const name = port as PortInfo['name'];
  switch (el.kind) {
    case 'host':
      return null;
    case 'rootComplex': {
      const i = numberedPortIndex(port, 'rp', el.rootPortWidths.length);
      return i === null ? null : { name, role: 'pcie-down', width: el.rootPortWidths[i]! };
    }
    case 'pcieSwitch': {
      if (numberedPortIndex(port, 'up', el.upstreamPorts) !== null) return { name, role: 'pcie-up', width: el.upstreamWidth };
      const i = numberedPortIndex(port, 'dp', el.downstreamWidths.length);
      return i === null ? null : { name, role: 'pcie-down', width: el.downstreamWidths[i]! };
    }
    case 'nic': {
      if (port === 'pcie') return { name, role: 'pcie-up', width: el.pcieWidth };
      if (numberedPortIndex(port, 'eth', el.ports) !== null) return { name, role: 'ethernet', speedGbps: el.speedGbps };
      if (numberedPortIndex(port, 'pf', el.physicalFunctions.length) !== null) return { name, role: 'function' };
      const vf = parseVfPort(port);
      const pf = vf ? el.physicalFunctions[vf.pf] : undefined;
      return vf && pf && vf.vf < pf.enabledVfs ? { name, role: 'vf' } : null;
    }
    case 'endpoint': {
      if (port === 'pcie') return { name, role: 'pcie-up', width: el.pcieWidth };
      if (port === ENDPOINT_DEVICE_PORT) return { name, role: 'function' };
      const vf = parseVfPort(port);
      return vf && el.sriov && vf.pf === 0 && vf.vf < el.sriov.enabledVfs ? { name, role: 'vf' } : null;
    }
    case 'vm':
      if (port === HOSTDEV_PORT) return { name, role: 'hostdev' };
      return el.vnics.some((v) => v.id === port) ? { name, role: 'vnic' } : null;
    case 'vswitch':
      if (numberedPortIndex(port, 'up', el.uplinks) !== null) return { name, role: 'vswitch-uplink' };
      return port.startsWith('pg.') && el.portGroups.some((g) => g.id === port.slice(3)) ? { name, role: 'port-group' } : null;
    case 'tor': {
      const r = torPortAt(el, port);
      return r === null ? null : { name, role: 'ethernet', speedGbps: r.speedGbps, ...(r.live ? {} : { stale: true }) };
    }
    case 'fex':
      if (numberedPortIndex(port, 'h', el.hostPorts) !== null) return { name, role: 'ethernet', speedGbps: el.hostPortSpeedGbps };
      return numberedPortIndex(port, 'u', el.uplinks) === null ? null : { name, role: 'ethernet', speedGbps: el.uplinkSpeedGbps };
    case 'storage':
      return numberedPortIndex(port, 'p', el.ports) === null ? null : { name, role: 'ethernet', speedGbps: el.speedGbps };
    default:
      return exhaustive(el);
  }
}

/** Kinds that may sit inside a host container. */
export const HOSTED_KINDS: ReadonlySet<ElementKind> = new Set(['rootComplex', 'pcieSwitch', 'nic', 'endpoint', 'vm', 'vswitch']);

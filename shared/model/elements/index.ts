/** The closed union of element kinds, their runtime schema and per-kind dispatch. */
import { z } from 'zod';
import { hostSchema, hostPorts, type Host } from './host';
import { rootComplexSchema, rootComplexPorts, type RootComplex } from './root-complex';
import { pcieSwitchSchema, pcieSwitchPorts, type PcieSwitch } from './pcie-switch';
import { nicSchema, nicPorts, type Nic } from './nic';
import { endpointSchema, endpointPorts, type Endpoint } from './endpoint';
import { vmSchema, vmPorts, type Vm } from './vm';
import { vswitchSchema, vswitchPorts, type Vswitch } from './vswitch';
import { torSchema, torPorts, type Tor } from './tor';
import { fexSchema, fexPorts, type Fex } from './fex';
import { storageSchema, storagePorts, type Storage } from './storage';
import type { PortInfo } from './base';

export * from './base';
export * from './host';
export * from './root-complex';
export * from './pcie-switch';
export * from './nic';
export * from './endpoint';
export * from './vm';
export * from './vswitch';
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
export function portsOf(el: Element, opts: { includeVfs?: boolean } = {}): PortInfo[] {
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
      return vmPorts(el);
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

/** The port of an element by name, or null when the element has no such port. */
export function findPort(el: Element, port: string): PortInfo | null {
  return portsOf(el, { includeVfs: true }).find((p) => p.name === port) ?? null;
}

/** Kinds that may sit inside a host container. */
export const HOSTED_KINDS: ReadonlySet<ElementKind> = new Set(['rootComplex', 'pcieSwitch', 'nic', 'endpoint', 'vm', 'vswitch']);

/**
 * NetBox module and device types as catalog entries. A module type with Ethernet ports is a NIC; a device type is a
 * server when it has expansion bays, a fabric extender when it says so, and otherwise a ToR switch (NetBox types
 * have no role; docs/interop.md gives the rule). What NetBox does not say stays null (unknown) or absent, never a
 * guess: a NIC's PCIe generation and width, TotalVFs, VMDq pools and PCI ids; a switch's lower port rates beyond
 * its cage's standard ones, its breakouts and its EVB features.
 */
import type { CatalogEntry, NicCatalogEntry, SwitchCatalogEntry } from '../catalog/schema';
import { defaultProps } from '../model/defaults';
import type { TorPort } from '../model/elements';
import { netboxEthernetType, type NetboxEthernetType } from './netbox-interfaces';
import type { NetboxDeviceType, NetboxInterface, NetboxModuleBay, NetboxModuleType } from './netbox-schema';

/** What one file became: an entry, or nothing (with the reason), plus what the import left out or assumed. */
export interface MappedFile {
  entry: CatalogEntry | null;
  /** One line for the run's report: what the file became, or why nothing. */
  summary: string;
  /** What was left out or assumed, one line each. */
  notes: string[];
}

/** A data port: an Ethernet interface that is not management-only. */
interface DataPort {
  name: string;
  type: string;
  eth: NetboxEthernetType;
}

const NOTES_MAX = 2000;
const CITATION_MAX = 1000;
const MODEL_MAX = 200;
const ID_MAX = 100;

/** Catalog id characters from free text: `Broadcom Corporation` → `broadcom-corporation`. */
export const idPart = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const gbpsLabel = (g: number): string => (g < 1 ? `${g * 1000}M` : `${g}G`);

/** `48 × 25G (25gbase-x-sfp28), 8 × 100G (100gbase-x-qsfp28)` in the order the types first appear. */
function portSummary(ports: readonly DataPort[]): string {
  const counts = new Map<string, { n: number; gbps: number }>();
  for (const p of ports) counts.set(p.type, { n: (counts.get(p.type)?.n ?? 0) + 1, gbps: p.eth.gbps });
  return [...counts].map(([type, c]) => `${c.n} × ${gbpsLabel(c.gbps)} (${type})`).join(', ');
}

/** Splits interfaces into data ports and lines about the ones left out (management, not Ethernet, unknown type). */
function dataPorts(interfaces: readonly NetboxInterface[]): { ports: DataPort[]; left: string[] } {
  const ports: DataPort[] = [];
  const mgmt: string[] = [];
  const other = new Map<string, string[]>();
  for (const i of interfaces) {
    const eth = netboxEthernetType(i.type);
    if (!eth) other.set(i.type, [...(other.get(i.type) ?? []), i.name]);
    else if (i.mgmt_only === true) mgmt.push(i.name);
    else ports.push({ name: i.name, type: i.type, eth });
  }
  const left: string[] = [];
  if (mgmt.length) left.push(`${mgmt.length} management port(s) (${mgmt.join(', ')}): mgmt_only, not data ports`);
  for (const [type, names] of other) left.push(`${names.length} interface(s) of type ${type} (${clip(names.join(', '), 120)}): not an Ethernet type Rackplane models`);
  return { ports, left };
}

/** Distinct rates of the ports, lowest first. */
const ratesOf = (ports: readonly DataPort[]): number[] => [...new Set(ports.map((p) => p.eth.gbps))].sort((a, b) => a - b);

const bayText = (b: NetboxModuleBay): string => [b.name, b.label, b.position, b.description].filter(Boolean).join(' ');
const bayLabel = (b: NetboxModuleBay): string => (b.description ? `${b.name} (${b.description})` : b.name);

/** An expansion slot by its words: PCIe, OCP, FlexLOM, riser, mezzanine or "slot" (a bay has no type in NetBox). */
const EXPANSION_BAY = /pci|ocp|flexlom|riser|mezz|slot/i;

/** NetBox has no role on a device type; a Nexus 2000 (N2K-) or a text that says "fabric extender" is one. */
const isFex = (d: NetboxDeviceType): boolean => /^N2K-/i.test(d.model) || /^N2K-/i.test(d.part_number ?? '') || /fabric extender/i.test(`${d.description ?? ''} ${d.comments ?? ''}`);

function source(label: string, d: { manufacturer: string; model: string; part_number?: string | null; slug?: string }, ports: readonly DataPort[]) {
  const ids = [`manufacturer "${d.manufacturer}"`, `model "${d.model}"`, d.part_number ? `part_number "${d.part_number}"` : null, d.slug ? `slug "${d.slug}"` : null].filter(Boolean).join(', ');
  const types = [...new Set(ports.map((p) => p.type))].join(', ');
  return [{ key: 'NETBOX', citation: clip(`NetBox device-type library (CC0), ${label}: ${ids}${types ? `; interface types ${types}` : ''}.`, CITATION_MAX) }];
}

const describedBy = (d: { description?: string | null }): string => (d.description ? ` NetBox description: “${d.description}”.` : '');

/** A NIC from a module type, or nothing when its ports are not one Ethernet rate. */
export function nicFromModuleType(m: NetboxModuleType, label: string): MappedFile {
  const { ports, left } = dataPorts(m.interfaces ?? []);
  const name = `${m.manufacturer} ${m.model}`;
  const rates = ratesOf(ports);
  if (ports.length === 0) return { entry: null, summary: `${label}: ${name} not imported: it has no Ethernet data port, so it is not a NIC`, notes: left };
  if (rates.length > 1) return { entry: null, summary: `${label}: ${name} not imported: its ports run different rates (${portSummary(ports)}) and a catalog NIC has one port speed`, notes: left };
  if (ports.length > 64) return { entry: null, summary: `${label}: ${name} not imported: ${ports.length} ports, more than a NIC element has (64)`, notes: left };
  const eth = ports[0]!.eth;
  const bays = m['module-bays'] ?? [];
  const unknown = 'Unknown because a NetBox module type has no field for them: PCIe generation and width, TotalVFs, VMDq pools, PCI vendor:device ids. Set them from the card\'s datasheet or an lspci capture.';
  const speeds = eth.speedsGbps ? `Port rates ${eth.speedsGbps.join('/')} Gb/s: the ${ports[0]!.type} cage's standard rates.` : 'Lower port rates: not given by NetBox (the validator\'s fallback table applies).';
  const entry: NicCatalogEntry = {
    kind: 'nic',
    id: `netbox-${idPart(m.manufacturer)}-${idPart(m.model)}`.slice(0, ID_MAX).replace(/[-._]+$/, ''),
    vendor: clip(m.manufacturer, 100),
    model: clip(m.model, MODEL_MAX),
    pciId: null,
    vfDeviceId: null,
    ports: ports.length,
    speedGbps: eth.gbps,
    ...(eth.speedsGbps ? { speedsGbps: [...eth.speedsGbps] } : {}),
    pcieGen: null,
    pcieWidth: null,
    totalVfsPerPf: null,
    maxVfsPerDevice: null,
    vmdqPools: null,
    notes: clip(`Imported from NetBox ${label}: ${portSummary(ports)}. ${unknown} ${speeds}${describedBy(m)}`, NOTES_MAX),
    sources: source(label, m, ports),
    user: true,
  };
  const notes = [...left];
  if (bays.length) notes.push(`${bays.length} module bay(s) on the module (${bays.map(bayLabel).join(', ')}): not modelled on a NIC`);
  return { entry, summary: `${label} → ${entry.id}: NIC ${name}, ${portSummary(ports)}; PCIe gen/width and TotalVFs unknown`, notes };
}

/** A FEX's host ports and uplinks: by rate when there are two, else by the two name stems (`Ethernet1/1/…`, `Ethernet1/2/…`). */
function fexSplit(ports: readonly DataPort[]): { host: DataPort[]; up: DataPort[]; how: string } | { reason: string } {
  const rates = ratesOf(ports);
  if (rates.length === 2) {
    return { host: ports.filter((p) => p.eth.gbps === rates[0]), up: ports.filter((p) => p.eth.gbps === rates[1]), how: 'host ports are the slower ports, uplinks the faster ones' };
  }
  if (rates.length !== 1) return { reason: `its ports run ${rates.length} rates; a fabric extender element has one host-port rate and one uplink rate` };
  const stems = new Map<string, DataPort[]>();
  for (const p of ports) {
    const stem = p.name.replace(/\d+$/, '');
    stems.set(stem, [...(stems.get(stem) ?? []), p]);
  }
  const groups = [...stems.values()].sort((a, b) => b.length - a.length);
  if (groups.length !== 2 || groups[0]!.length === groups[1]!.length) {
    return { reason: 'all its ports have one type and NetBox does not say which are fabric uplinks' };
  }
  const [host, up] = groups as [DataPort[], DataPort[]];
  return { host, up, how: `NetBox types every port alike; the ${up.length} ports named ${up[0]!.name.replace(/\d+$/, '')}… are taken as the fabric uplinks and the ${host.length} named ${host[0]!.name.replace(/\d+$/, '')}… as host ports` };
}

function fexEntry(d: NetboxDeviceType, label: string, ports: DataPort[], notes: string[]): MappedFile {
  const name = `${d.manufacturer} ${d.model}`;
  const split = fexSplit(ports);
  if ('reason' in split) return { entry: null, summary: `${label}: ${name} (a fabric extender) not imported: ${split.reason}`, notes };
  if (split.host.length > 256 || split.up.length > 64) return { entry: null, summary: `${label}: ${name} not imported: more host ports (256) or uplinks (64) than a fabric extender element has`, notes };
  const props = { ...defaultProps('fex'), model: clip(name, MODEL_MAX), hostPorts: split.host.length, hostPortSpeedGbps: split.host[0]!.eth.gbps, uplinks: split.up.length, uplinkSpeedGbps: split.up[0]!.eth.gbps };
  const entry: SwitchCatalogEntry = {
    kind: 'fex',
    id: `netbox-${d.slug}`.slice(0, ID_MAX),
    vendor: clip(d.manufacturer, 100),
    model: clip(d.model, MODEL_MAX),
    props,
    notes: clip(`Imported from NetBox ${label}: ${split.host.length} host ports at ${gbpsLabel(props.hostPortSpeedGbps)}, ${split.up.length} fabric uplinks at ${gbpsLabel(props.uplinkSpeedGbps)} (${split.how}). The controlling bridge is chosen in the design.${describedBy(d)}`, NOTES_MAX),
    sources: source(label, d, ports),
    user: true,
  };
  return { entry, summary: `${label} → ${entry.id}: fabric extender ${name}, ${split.host.length} host ports × ${gbpsLabel(props.hostPortSpeedGbps)}, ${split.up.length} uplinks × ${gbpsLabel(props.uplinkSpeedGbps)}`, notes: [...notes, split.how] };
}

function torEntry(d: NetboxDeviceType, label: string, ports: DataPort[], notes: string[]): MappedFile {
  const name = `${d.manufacturer} ${d.model}`;
  if (ports.length > 1024) return { entry: null, summary: `${label}: ${name} not imported: ${ports.length} ports, more than a switch element has (1024)`, notes };
  const torPorts: TorPort[] = ports.map((p) => ({ speedGbps: p.eth.gbps, reflectiveRelay: false, evb: false, ...(p.eth.speedsGbps ? { speedsGbps: [...p.eth.speedsGbps] } : {}) }));
  const defaults = defaultProps('tor');
  const props = { ...defaults, model: clip(name, MODEL_MAX), ports: torPorts };
  const entry: SwitchCatalogEntry = {
    kind: 'tor',
    id: `netbox-${d.slug}`.slice(0, ID_MAX),
    vendor: clip(d.manufacturer, 100),
    model: clip(d.model, MODEL_MAX),
    props,
    notes: clip(
      `Imported from NetBox ${label}: ports p0-p${ports.length - 1} in the file's order (${portSummary(ports)}). SFP28 ports run 25 or 10 Gb/s and QSFP28 ports 100 or 40 (their cages' standard rates); other ports' lower rates and every breakout are not given by NetBox: add them from the datasheet. Not in NetBox, so left at Rackplane's defaults: tier ToR (not spine), no EVB (reflective relay, multichannel, controlling bridge off), STP on, MTU ${defaults.mtu}.${describedBy(d)}`,
      NOTES_MAX,
    ),
    sources: source(label, d, ports),
    user: true,
  };
  return { entry, summary: `${label} → ${entry.id}: switch ${name}, ${portSummary(ports)}`, notes };
}

/** A switch or fabric extender from a device type, or nothing (servers, devices without Ethernet data ports). */
export function entryFromDeviceType(d: NetboxDeviceType, label: string): MappedFile {
  const { ports, left } = dataPorts(d.interfaces ?? []);
  const name = `${d.manufacturer} ${d.model}`;
  const bays = d['module-bays'] ?? [];
  const slots = bays.filter((b) => EXPANSION_BAY.test(bayText(b)));
  if (slots.length) {
    const onboard = ports.length ? `; onboard ${portSummary(ports)}` : '';
    return {
      entry: null,
      summary: `${label}: ${name} not imported: a server (expansion bays ${clip(slots.map(bayLabel).join(', '), 400)}${onboard}); the catalog holds NICs and switches, so place a server from the palette and insert NICs into it`,
      notes: left,
    };
  }
  if (ports.length === 0) return { entry: null, summary: `${label}: ${name} not imported: it has no Ethernet data port`, notes: left };
  const notes = [...left];
  if (bays.length) notes.push(`${bays.length} module bay(s) (${bays.map((b) => b.name).join(', ')}): power and fan bays are not modelled`);
  // Older library files do not mark the management port; say so instead of guessing which port it is.
  const unmarked = ports.filter((p) => p.eth.medium === 'fixed');
  if (!(d.interfaces ?? []).some((i) => i.mgmt_only === true) && unmarked.length && unmarked.length < ports.length) {
    notes.push(`${unmarked.map((p) => `${p.name} (${p.type})`).join(', ')} not marked mgmt_only, so imported as data port(s): remove from the entry if management`);
  }
  return isFex(d) ? fexEntry(d, label, ports, notes) : torEntry(d, label, ports, notes);
}

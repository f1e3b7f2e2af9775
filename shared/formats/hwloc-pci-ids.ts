/**
 * PCI facts the hwloc importer needs: bus ids and class codes as hwloc writes them, which classes are
 * I/O devices worth a design element, which device ids are SR-IOV virtual functions, and what a class
 * maps to in the model.
 */
import type { EndpointClass } from '../model/elements';
import { ETHERNET_SPEEDS, type PcieWidth } from '../model/units';
import { NIC_CATALOG, type NicCatalogEntry } from '../catalog';

export interface BusId {
  domain: number;
  bus: number;
  dev: number;
  fn: number;
}

/** `0000:02:00.1` → its parts; null when malformed. */
export function parseBusId(s: string | undefined): BusId | null {
  const m = /^([0-9a-f]{4,8}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f]{1,2})$/i.exec(s?.trim() ?? '');
  if (!m) return null;
  return { domain: parseInt(m[1]!, 16), bus: parseInt(m[2]!, 16), dev: parseInt(m[3]!, 16), fn: parseInt(m[4]!, 16) };
}

/** Routing ID within a segment (bus, device, function), for ordering functions. */
export const routingId = (b: BusId) => (b.bus << 8) | (b.dev << 3) | (b.fn & 7);

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
/** `bb:dd` (with the domain when it is not 0) of a device, as lspci prints it. */
export const deviceLabel = (b: BusId) => `${b.domain ? `${hex(b.domain, 4)}:` : ''}${hex(b.bus, 2)}:${hex(b.dev, 2)}`;
export const functionLabel = (b: BusId) => `${deviceLabel(b)}.${b.fn.toString(16)}`;

export interface PciType {
  /** 16-bit class code (base class << 8 | subclass), e.g. 0x0200 Ethernet. */
  classId: number;
  vendor: string;
  device: string;
}

/** `0200 [8086:1521] [1137:008b] 01` (2.0) or with an extra prog-if field (3.0) → class and ids; null when malformed. */
export function parsePciType(s: string | undefined): PciType | null {
  const m = /^([0-9a-f]{4})\s+\[([0-9a-f]{4}):([0-9a-f]{4})\]/i.exec(s?.trim() ?? '');
  if (!m) return null;
  return { classId: parseInt(m[1]!, 16), vendor: m[2]!.toLowerCase(), device: m[3]!.toLowerCase() };
}

/**
 * Classes hwloc keeps under its default I/O filter (hwloc_filter_check_pcidev_subtype_important in
 * include/hwloc/plugins.h, hwloc 2.x): display, network, storage, unclassified, processor, Fibre
 * Channel, InfiniBand, CXL memory, accelerators. hwloc also keeps bridge-class functions (host, ISA)
 * when they lead somewhere; they are chipset plumbing, not devices a design places, so they are left out.
 */
export function isImportantClass(classId: number): boolean {
  const base = classId >> 8;
  return base === 0x03 || base === 0x02 || base === 0x01 || base === 0x00 || base === 0x0b || base === 0x12 || classId === 0x0c04 || classId === 0x0c06 || classId === 0x0502;
}

/** InfiniBand controllers: 0x0c06 (serial bus, InfiniBand) and 0x0207 (network, InfiniBand). */
export const isInfinibandClass = (classId: number) => classId === 0x0c06 || classId === 0x0207;
/** Network controllers (0x02xx), which become NICs unless they are InfiniBand. */
export const isNetworkClass = (classId: number) => classId >> 8 === 0x02;

/** Endpoint device class of a non-NIC PCI class code. */
export function endpointClassOf(classId: number): EndpointClass {
  const base = classId >> 8;
  if (base === 0x03) return 'gpu';
  if (classId === 0x0108) return 'nvme';
  if (base === 0x01) return 'hba';
  // A Fibre Channel controller is a storage HBA in all but class code.
  if (classId === 0x0c04) return 'hba';
  if (isInfinibandClass(classId)) return 'ib-hca';
  // 0x0b40 is a co-processor (e.g. Xeon Phi): an accelerator by any other name.
  if (base === 0x12 || classId === 0x0b40) return 'accelerator';
  return 'other';
}

/**
 * The widest link a device of this class has, for choosing between link decodes of equal bandwidth: NVMe drives
 * (U.2/SFF-8639, M.2 M-key, EDSFF E1.S) have an x4 link; other classes up to x16.
 */
export function maxLinkWidthOf(classId: number): PcieWidth {
  return classId === 0x0108 ? 4 : 16;
}

const CLASS_NAMES: Record<number, string> = {
  0x00: 'unclassified',
  0x01: 'storage',
  0x02: 'network',
  0x03: 'display',
  0x04: 'multimedia',
  0x05: 'memory',
  0x06: 'bridge',
  0x07: 'communication',
  0x08: 'system peripheral',
  0x09: 'input',
  0x0b: 'processor',
  0x0c: 'serial bus',
  0x0d: 'wireless',
  0x11: 'signal processing',
  0x12: 'accelerator',
};
/** Human name of a PCI base class, for notes. */
export const className = (classId: number) => CLASS_NAMES[classId >> 8] ?? `class ${hex(classId >> 8, 2)}`;

/**
 * Device ids of SR-IOV virtual functions, by vendor. hwloc exports VFs as ordinary sibling PCIDevs, so
 * the id is the only mark. Sources: the team NIC table (corpus/nics.md, ids from pci.ids), Linux igbvf
 * (E1000_DEV_ID_I350_VF 0x1520), mlx4 (MLX4_PCI_DEV_IS_VF 0x1002, 0x1004), Cisco enic/usnic
 * (PCI_DEVICE_ID_CISCO_VIC_ENET_VF 0x0071, ..._VF_V2 0x02b7, ..._VF_USNIC 0x00cf "usnic VF"); plus every
 * `vfDeviceId` of the built-in NIC catalog.
 */
const VF_IDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '8086': {
    '10ca': '82576 VF',
    '1520': 'I350 VF',
    '10ed': '82599 VF',
    '1515': 'X540 VF',
    '1565': 'X550 VF',
    '154c': 'X710/XL710 VF',
    '1889': 'Adaptive VF (iavf)',
  },
  '15b3': {
    '1002': 'ConnectX-2 VF',
    '1004': 'ConnectX-3 VF',
    '1014': 'ConnectX-4 VF',
    '1016': 'ConnectX-4 Lx VF',
    '1018': 'ConnectX-5 VF',
    '101a': 'ConnectX-5 Ex VF',
    '101c': 'ConnectX-6 VF',
    '101e': 'ConnectX-6 Dx/Lx VF',
  },
  '14e4': {
    '16af': 'BCM57810 VF',
    '16ad': 'BCM57840 VF',
    '16d3': 'NetXtreme-E VF',
    '16dc': 'NetXtreme-E VF',
    '1806': 'NetXtreme-E VF',
  },
  '1137': {
    '0071': 'VIC enet VF',
    '02b7': 'VIC enet VF',
    '00cf': 'VIC usNIC VF',
  },
};

/** Name of the VF family when vendor:device is a known SR-IOV virtual function, else null. */
export function vfFamily(vendor: string, device: string): string | null {
  const v = vendor.toLowerCase();
  const d = device.toLowerCase();
  const known = VF_IDS[v]?.[d];
  if (known) return known;
  const fromCatalog = NIC_CATALOG.find((e) => e.vfDeviceId === d && e.pciId?.startsWith(`${v}:`));
  return fromCatalog ? `${fromCatalog.model} VF` : null;
}

/** The built-in catalog entry for a PF vendor:device id, if any. */
export function catalogNic(vendor: string, device: string): NicCatalogEntry | null {
  const id = `${vendor.toLowerCase()}:${device.toLowerCase()}`;
  return NIC_CATALOG.find((e) => e.pciId === id) ?? null;
}

/**
 * pci.ids names of NICs that hwloc exports made without pci.ids leave unnamed, as other hwloc exports in
 * the team corpus record them (16intel64-manyVFs, 24em64t-2n6c2t-pci, 96em64t-4n4d3ca2co-pci,
 * devel09-pci, cxlmem+dax): enough to read their Ethernet speed and give them a readable name.
 */
const KNOWN_NAMES: Readonly<Record<string, string>> = {
  '8086:1521': 'I350 Gigabit Network Connection',
  '8086:10c9': '82576 Gigabit Network Connection',
  '8086:10d3': '82574L Gigabit Network Connection',
  '14e4:1639': 'NetXtreme II BCM5709 Gigabit Ethernet',
  '14e4:163b': 'NetXtreme II BCM5716 Gigabit Ethernet',
  '1137:0043': 'VIC Ethernet NIC',
};

/** pci.ids device name for a vendor:device id the importer knows, else null. */
export const knownDeviceName = (vendor: string, device: string): string | null => KNOWN_NAMES[`${vendor.toLowerCase()}:${device.toLowerCase()}`] ?? null;

/**
 * Ethernet speed stated in a pci.ids device name ("I350 Gigabit Network Connection" → 1,
 * "82599ES 10-Gigabit SFI/SFP+" → 10, "BCM57414 NetXtreme-E 10Gb/25Gb" → 25), or null when it names
 * none. Rates such as "2.5GT/s" are PCIe transfer rates and do not match.
 */
export function speedFromDeviceName(name: string | undefined): number | null {
  if (!name) return null;
  let best: number | null = null;
  // Only standard Ethernet rates count, and not digits glued to letters, so "82576 Gigabit" and "I350 Gigabit" name no rate.
  for (const m of name.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*(?:GbE|Gb\/s|Gbps|Gbit|Gb|Gigabit|GE)\b/gi)) {
    const v = Number(m[1]);
    if ((ETHERNET_SPEEDS as readonly number[]).includes(v) && (best === null || v > best)) best = v;
  }
  if (best !== null) return best;
  if (/\bGigabit\b/i.test(name)) return 1;
  if (/\bFast Ethernet\b/i.test(name)) return 0.1;
  return null;
}

/**
 * Generic Ethernet switches, fabric extenders and PCIe switches (vendor "Generic"). They stand for a
 * class of product, not a model: their figures are typical of the class, and their props are checked
 * against the element schemas when placed and in the catalog tests.
 */
import type { KindProps } from '../model/defaults';
import type { TorPort } from '../model/elements';
import type { PcieWidth } from '../model/units';
import type { SwitchCatalogEntry, SwitchCatalogKind } from './schema';

const GENERIC = 'Generic';

function generic<K extends SwitchCatalogKind>(
  kind: K,
  id: string,
  model: string,
  props: KindProps<K>,
  notes: string,
  sources: SwitchCatalogEntry['sources'] = [],
): SwitchCatalogEntry {
  return { kind, id, vendor: GENERIC, model, props: { ...props }, notes, sources, user: false };
}

/**
 * Data-center leaves and spines are configured for jumbo frames fabric-wide (9216 bytes: the common maximum of
 * merchant-silicon switches), so the hosts' 1500 or 9000 fits; the factory default is often 1500.
 */
const DATA_CENTER_MTU = 9216;

/**
 * The rates a port of the class runs (its `speedsGbps`, rule ETH-002). The class is the 48 × SFP28 + 8 × QSFP28 leaf
 * (as the NetBox device types of the Arista 7050SX3-48YC8, Dell S5248F-ON and Juniper QFX5120-48Y, and the 6-uplink
 * Cisco N9K-C93180YC-FX, type them: server ports `25gbase-x-sfp28`, uplinks `100gbase-x-qsfp28`; NetBox names a
 * port's cage and native rate only, not the lower rates it takes). An SFP28 cage
 * runs 25GBASE-R (802.3by kept the SFP form factor) and takes 10GBASE-R SFP+ optics; a QSFP28 cage runs 100GBASE-R4
 * (802.3ba/802.3bm) and takes 40GBASE-R4 QSFP+ optics (802.3ba). 50G (two lanes) and 25G (one lane through a QSA28
 * adapter) on a QSFP28 port depend on the switch model and its optics, so the generic class leaves them out: add them
 * to a port whose switch's datasheet lists them. Breakout (4 × 25G) is sub-ports, not a speed of the port.
 */
const SFP28_SPEEDS = [25, 10];
const QSFP28_SPEEDS = [100, 40];

const torPorts = (count: number, speedGbps: number, speedsGbps: readonly number[], evb = false): TorPort[] =>
  Array.from({ length: count }, () => ({ speedGbps, reflectiveRelay: evb, evb, speedsGbps: [...speedsGbps] }));

/** Lanes a PCIe switch uses: its upstream port(s) plus every downstream port. */
export function pcieSwitchLanes(p: { upstreamPorts: number; upstreamWidth: PcieWidth; downstreamWidths: readonly PcieWidth[] }): number {
  return p.upstreamPorts * p.upstreamWidth + p.downstreamWidths.reduce((a, w) => a + w, 0);
}

const x16 = (n: number): PcieWidth[] => Array.from({ length: n }, () => 16 as const);

const PCIE_GEN4_CLASS = {
  key: 'LINLEY-2019',
  citation:
    'Linley Newsletter, "Broadcom Ships PCIe Gen4 Switches" (B. Wheeler, 2019-09-24), https://www.linleygroup.com/newsletters/newsletter_detail.php?num=6069&year=2019&tag=3 — PEX88000 family: PCIe 4.0 switches with 24 to 96 lanes, port widths x1 to x16.',
};
const PCIE_GEN5_CLASS = {
  key: 'HYPER-SERVER-2026',
  citation:
    'hyper-server.com, "Typical GPU server system topologies: direct attach vs PCIe switch" (2026-02-21), https://hyper-server.com/2026/02/21/typical-gpu-server-system-topologies-direct-attach-vs-pcie-switch-comparison — PCIe 5.0 switches: PEX89104 104 lanes, PEX89144 144 lanes, configurable into x16/x8/x4 ports.',
};

export const SWITCH_CATALOG: SwitchCatalogEntry[] = [
  generic(
    'tor',
    'generic-tor-48x25g-8x100g',
    'Leaf / ToR 48 × 25G + 8 × 100G',
    {
      model: 'Generic ToR 48×25G + 8×100G',
      tier: 'tor',
      ports: [...torPorts(48, 25, SFP28_SPEEDS), ...torPorts(8, 100, QSFP28_SPEEDS)],
      multichannel: false,
      sChannelLimit: null,
      controllingBridge: false,
      lags: [],
      stp: true,
      mtu: DATA_CENTER_MTU,
    },
    'Ports p0-p47 are 25G SFP28 server ports (they run 25 or 10 Gb/s), p48-p55 100G QSFP28 uplinks (100 or 40 Gb/s): 1200 Gb/s down over 800 Gb/s up, 1.5:1 oversubscription. No EVB features: reflective relay off, no multichannel, not a controlling bridge.',
  ),
  generic(
    'tor',
    'generic-tor-48x25g-8x100g-evb',
    'Leaf / ToR 48 × 25G + 8 × 100G, EVB-capable',
    {
      model: 'Generic EVB ToR 48×25G + 8×100G',
      tier: 'tor',
      ports: [...torPorts(48, 25, SFP28_SPEEDS, true), ...torPorts(8, 100, QSFP28_SPEEDS)],
      multichannel: true,
      sChannelLimit: null,
      controllingBridge: true,
      lags: [],
      stp: true,
      mtu: DATA_CENTER_MTU,
    },
    'As the plain leaf, with 802.1Qbg on the 48 server ports (EVB bridge role and reflective relay enabled, so VEPA hosts can hairpin), multichannel (S-channels) and the controlling-bridge role for fabric extenders. The S-channel limit is unknown (null): set it from the real switch\'s datasheet.',
  ),
  generic(
    'tor',
    'generic-spine-32x100g',
    'Spine 32 × 100G',
    {
      model: 'Generic spine 32×100G',
      tier: 'spine',
      ports: torPorts(32, 100, QSFP28_SPEEDS),
      multichannel: false,
      sChannelLimit: null,
      controllingBridge: false,
      lags: [],
      stp: true,
      mtu: DATA_CENTER_MTU,
    },
    'Ports p0-p31 are 100G QSFP28 ports (they run 100 or 40 Gb/s), for leaf uplinks.',
  ),
  generic(
    'fex',
    'generic-fex-48x10g-4x40g',
    'Fabric extender 48 × 10G host ports, 4 × 40G uplinks',
    { model: 'Generic FEX 48×10G + 4×40G', hostPorts: 48, hostPortSpeedGbps: 10, uplinks: 4, uplinkSpeedGbps: 40, controllingBridge: null },
    'A remote line card of a controlling bridge: no local switching, host ports h0-h47 serve hosts only (FEX-001), uplinks u0-u3 go to the controlling bridge. Host bandwidth 480 Gb/s over 160 Gb/s of uplinks: 3:1 oversubscription when every uplink is connected (FEX-002).',
  ),
  generic(
    'pcieSwitch',
    'generic-pcie-gen4-48l',
    'PCIe Gen4 switch, 48 lanes (x16 up, 4 × x8 down)',
    { model: 'Generic PCIe Gen4 48-lane switch', gen: 4, upstreamPorts: 1, upstreamWidth: 16, downstreamWidths: [8, 8, 8, 8], mrIov: false, acs: true, ari: true },
    'A small fan-out switch: one x16 upstream port and four x8 downstream ports (48 lanes, within the 24-96 lane range of Gen4 switch families). Downstream demand (4 × x8) equals the upstream x16, so it is not oversubscribed.',
    [PCIE_GEN4_CLASS],
  ),
  generic(
    'pcieSwitch',
    'generic-pcie-gen4-96l',
    'PCIe Gen4 switch, 96 lanes (x16 up, 5 × x16 down)',
    { model: 'Generic PCIe Gen4 96-lane switch', gen: 4, upstreamPorts: 1, upstreamWidth: 16, downstreamWidths: x16(5), mrIov: false, acs: true, ari: true },
    'The largest Gen4 class (96 lanes): one x16 upstream port and five x16 downstream ports, 5:1 oversubscribed when every downstream device runs at full rate.',
    [PCIE_GEN4_CLASS],
  ),
  generic(
    'pcieSwitch',
    'generic-pcie-gen5-144l',
    'PCIe Gen5 switch, 144 lanes (x16 up, 8 × x16 down)',
    { model: 'Generic PCIe Gen5 144-lane switch', gen: 5, upstreamPorts: 1, upstreamWidth: 16, downstreamWidths: x16(8), mrIov: false, acs: true, ari: true },
    'A 144-lane Gen5 class switch as used for GPU and NVMe fan-out: one x16 upstream port and eight x16 downstream ports, 8:1 oversubscribed at full downstream load.',
    [PCIE_GEN5_CLASS],
  ),
];

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

/**
 * The breakouts a leaf's QSFP28 uplink allows (its `breakoutModes`, rule ETH-002): four 25GBASE-R or four 10GBASE-R
 * ports over the cage's four lanes (100GBASE-SR4/CR4 is 4 × 25G, 802.3bm/802.3bj), through a QSFP28-to-4×SFP28 cable,
 * as the leaves of the class allow on every uplink (sources LEAF-N9K, LEAF-7050X3). Not broken out as placed.
 */
const QSFP28_BREAKOUTS = [
  { lanes: 4, speedGbps: 25 },
  { lanes: 4, speedGbps: 10 },
] as const;

const torPorts = (count: number, speedGbps: number, speedsGbps: readonly number[], evb = false, breakouts: readonly { lanes: 4; speedGbps: number }[] = []): TorPort[] =>
  Array.from({ length: count }, () => ({
    speedGbps,
    reflectiveRelay: evb,
    evb,
    speedsGbps: [...speedsGbps],
    ...(breakouts.length ? { breakoutModes: breakouts.map((m) => ({ ...m })) } : {}),
  }));

/** The leaf class's datasheets, for its port speeds and uplink breakouts. */
const LEAF_SOURCES = [
  {
    key: 'LEAF-N9K',
    citation:
      'Cisco Nexus 9300-FX Series Switches data sheet, N9K-C93180YC-FX: 48 × 1/10/25-Gbps SFP28 ports and 6 × 40/100-Gbps QSFP28 uplinks (https://www.cisco.com/c/en/us/products/collateral/switches/nexus-9000-series-switches/datasheet-c78-742284.html); the NX-OS interfaces configuration guide, "Configuring Breakout": `interface breakout module 1 port 49-54 map 10g-4x` or `25g-4x` splits a QSFP28 uplink into four 10G or 25G ports.',
  },
  {
    key: 'LEAF-7050X3',
    citation:
      'Arista 7050X3 Series data sheet, 7050SX3-48YC8: 48 × 25G SFP and 8 × 100G QSFP100 ports (https://www.arista.com/assets/data/pdf/Datasheets/7050X3-Datasheet.pdf); each 100G port runs 100G or 40G, or is broken out as 4 × 25G or 4 × 10G (EOS names the lanes Ethernet49/1-49/4, as NetBox\'s DCS-7050SX3-48YC8 device type names its 100G ports `Ethernet49/1`).',
  },
];

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
      ports: [...torPorts(48, 25, SFP28_SPEEDS), ...torPorts(8, 100, QSFP28_SPEEDS, false, QSFP28_BREAKOUTS)],
      multichannel: false,
      sChannelLimit: null,
      controllingBridge: false,
      lags: [],
      stp: true,
      mtu: DATA_CENTER_MTU,
    },
    'Ports p0-p47 are 25G SFP28 server ports (they run 25 or 10 Gb/s), p48-p55 100G QSFP28 uplinks (100 or 40 Gb/s, or broken out as 4 × 25G or 4 × 10G into sub-ports p48/1-p48/4 …): 1200 Gb/s down over 800 Gb/s up, 1.5:1 oversubscription. No EVB features: reflective relay off, no multichannel, not a controlling bridge.',
    LEAF_SOURCES,
  ),
  generic(
    'tor',
    'generic-tor-48x25g-8x100g-evb',
    'Leaf / ToR 48 × 25G + 8 × 100G, EVB-capable',
    {
      model: 'Generic EVB ToR 48×25G + 8×100G',
      tier: 'tor',
      ports: [...torPorts(48, 25, SFP28_SPEEDS, true), ...torPorts(8, 100, QSFP28_SPEEDS, false, QSFP28_BREAKOUTS)],
      multichannel: true,
      sChannelLimit: null,
      controllingBridge: true,
      lags: [],
      stp: true,
      mtu: DATA_CENTER_MTU,
    },
    'As the plain leaf, with 802.1Qbg on the 48 server ports (EVB bridge role and reflective relay enabled, so VEPA hosts can hairpin), multichannel (S-channels) and the controlling-bridge role for fabric extenders. The S-channel limit is unknown (null): set it from the real switch\'s datasheet.',
    LEAF_SOURCES,
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
    'Ports p0-p31 are 100G QSFP28 ports (they run 100 or 40 Gb/s), for leaf uplinks. No breakout modes: which ports of a 32 × 100G spine may be broken out differs by model (some allow it on only part of the ports), so add `breakoutModes` to the ports the real switch\'s datasheet names.',
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

/**
 * How each element kind looks: the one description the canvas and every export paint. A look depends
 * only on the element's own properties (never on its position or neighbours), so callers may cache it
 * per element object; immer's structural sharing then means an edit re-describes one element only.
 */
import { exhaustive, torPorts, type Element, type ElementKind, type Endpoint, type Fex, type Host, type Nic, type PcieSwitch, type RootComplex, type Storage, type Tor, type Vm, type Vswitch } from '../model/elements';
import { formatGen, formatGiB, formatNumber, formatPcie, formatPortMix, formatSpeedShort, formatTiB, formatWidth, plural } from './format';
import { shortLabel } from './labels';
import { line, portsOnSide, rect, sideMiddle, text } from './shapes';
import type { Anchor, ColorRole, ElementLook, Hotspot, Shape, Side } from './types';

/**
 * Sizes of the kinds that are not resizable containers, in design units (1 unit = 1 px at 100 %).
 * Devices fit a 160×72 cell and VMs a 112×64 cell with a gutter, the grid the templates lay out on.
 */
export const KIND_SIZES = {
  vm: { w: 100, h: 50 },
  vswitch: { w: 148, h: 56 },
  nic: { w: 148, h: 56 },
  endpoint: { w: 148, h: 56 },
  rootComplex: { w: 148, h: 56 },
  pcieSwitch: { w: 148, h: 56 },
  storage: { w: 148, h: 56 },
  collapsedHost: { w: 224, h: 56 },
  /** Ethernet switches and extenders: a 1U front panel, ports spread along its faces. */
  switch: { w: 224, h: 56 },
} as const;

/**
 * Which side of a box each kind of port sits on. The diagram reads top-down from the network to the
 * workloads: switches above servers (access ports below, faster uplink ports on top); inside a server
 * NICs sit on top with their Ethernet ports facing the virtual switch below, whose port groups face the
 * VMs under it. PCIe trees grow leftward from their root complex, so a device's upstream port faces right.
 */
export const PORT_SIDES = {
  rootPort: 'left',
  pcieUp: 'right',
  pcieSwitchDown: 'left',
  nicEthernet: 'bottom',
  vswitchUplink: 'top',
  portGroup: 'bottom',
  vnic: 'top',
  switchAccess: 'bottom',
  switchUplink: 'top',
  fexHostPort: 'bottom',
  fexUplink: 'top',
  storagePort: 'top',
} as const satisfies Record<string, Side>;

/** Fill and outline roles of each kind: one hue per layer of the stack (see palette.ts). */
export const KIND_COLORS: Readonly<Record<ElementKind, { fill: ColorRole; stroke: ColorRole }>> = {
  host: { fill: 'host.fill', stroke: 'host.stroke' },
  rootComplex: { fill: 'pcie.fill', stroke: 'pcie.stroke' },
  pcieSwitch: { fill: 'pcie.fill', stroke: 'pcie.stroke' },
  endpoint: { fill: 'pcie.fill', stroke: 'pcie.stroke' },
  nic: { fill: 'nic.fill', stroke: 'nic.stroke' },
  vswitch: { fill: 'vswitch.fill', stroke: 'vswitch.stroke' },
  vm: { fill: 'compute.fill', stroke: 'compute.stroke' },
  tor: { fill: 'switch.fill', stroke: 'switch.stroke' },
  fex: { fill: 'switch.fill', stroke: 'switch.stroke' },
  storage: { fill: 'storage.fill', stroke: 'storage.stroke' },
};

const HEADER_H = 30;
const PAD = 8;

interface Box {
  w: number;
  h: number;
  fill: ColorRole;
  stroke: ColorRole;
  title: string;
  subtitle: string | null;
  /** Right-aligned tag in the title row (e.g. the switch tier), drawn as fine print. */
  tag?: string | null;
}

const TAG_W = 40;

/** A rounded box with a bold title and a muted subtitle: the common body of every non-container kind. */
function body(b: Box): Shape[] {
  const shapes: Shape[] = [
    rect(0, 0, b.w, b.h, { fill: b.fill, stroke: b.stroke, strokeWidth: 1.25, radius: 4 }),
    text(PAD, 10, b.w - PAD * 2 - (b.tag ? TAG_W : 0), b.title, { size: 12, bold: true, detail: 1 }),
  ];
  if (b.subtitle) shapes.push(text(PAD, 29, b.w - PAD * 2, b.subtitle, { size: 10, fill: 'textMuted', detail: 2 }));
  if (b.tag) shapes.push(text(b.w - PAD - TAG_W, 11, TAG_W, b.tag, { size: 10, align: 'right', fill: 'textMuted', detail: 2 }));
  return shapes;
}

function look(w: number, h: number, shapes: Shape[], anchors: Record<string, Anchor>, fallbackSide: Side, container = false): ElementLook {
  return { w, h, shapes, anchors, fallback: sideMiddle(fallbackSide, w, h), container };
}

function withPorts(base: Shape[], anchors: Record<string, Anchor>, groups: ReturnType<typeof portsOnSide>[]): void {
  for (const g of groups) {
    base.push(...g.shapes);
    Object.assign(anchors, g.anchors);
  }
}

const numbered = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Where the collapse chevron sits on a server's header, and the header row a double click toggles. */
const CHEVRON = { x: 4, size: 20 };
const HOST_TITLE_X = CHEVRON.x + CHEVRON.size + 2;

/** The chevron: pointing down while the server is open, right while it is collapsed (as in tree views). */
function chevron(collapsed: boolean, centreY: number): { shape: Shape; hotspot: Hotspot } {
  const cx = CHEVRON.x + CHEVRON.size / 2;
  const points = collapsed ? [cx - 2, centreY - 4, cx + 2, centreY, cx - 2, centreY + 4] : [cx - 4, centreY - 2, cx, centreY + 2, cx + 4, centreY - 2];
  return {
    shape: line(points, 'text', 1.5, null, 1),
    hotspot: { role: 'collapseToggle', x: CHEVRON.x, y: centreY - CHEVRON.size / 2, w: CHEVRON.size, h: CHEVRON.size },
  };
}

function hostLook(h: Host): ElementLook {
  const cores = h.sockets.reduce((s, k) => s + k.cores, 0);
  const summary = `${shortLabel(h.hypervisor)} · ${h.sockets.length} × ${formatNumber(cores / h.sockets.length, 0)} cores · ${formatGiB(h.memoryGiB)}`;
  if (h.collapsed) {
    const { w, h: height } = KIND_SIZES.collapsedHost;
    const toggle = chevron(true, 16);
    const shapes: Shape[] = [
      rect(0, 0, w, height, { fill: 'host.header', stroke: 'host.stroke', strokeWidth: 1.25, radius: 4 }),
      toggle.shape,
      text(HOST_TITLE_X, 10, w - HOST_TITLE_X - PAD, h.name, { size: 12, bold: true, detail: 1 }),
      text(HOST_TITLE_X, 29, w - HOST_TITLE_X - PAD, summary, { size: 10, fill: 'textMuted', detail: 2 }),
    ];
    // Collapsed, the whole box is the header: a double click anywhere on it expands the server.
    return { ...look(w, height, shapes, {}, 'top'), hotspots: [toggle.hotspot, { role: 'header', x: 0, y: 0, w, h: height }] };
  }
  const toggle = chevron(false, HEADER_H / 2);
  const shapes: Shape[] = [
    rect(0, 0, h.width, h.height, { fill: 'host.fill', stroke: 'host.stroke', strokeWidth: 1.5, radius: 6 }),
    rect(0.75, 0.75, h.width - 1.5, HEADER_H, { fill: 'host.header', radius: 5 }),
    line([0.75, HEADER_H, h.width - 0.75, HEADER_H], 'grid', 1),
    toggle.shape,
    text(HOST_TITLE_X, 9, h.width * 0.5 - HOST_TITLE_X + 10, h.name, { size: 13, bold: true, detail: 0 }),
    text(h.width * 0.45, 10, h.width * 0.55 - 10, summary, { size: 11, align: 'right', fill: 'textMuted', detail: 2 }),
  ];
  return { ...look(h.width, h.height, shapes, {}, 'top', true), hotspots: [toggle.hotspot, { role: 'header', x: 0, y: 0, w: h.width, h: HEADER_H }] };
}

function rootComplexLook(rc: RootComplex): ElementLook {
  const { w, h } = KIND_SIZES.rootComplex;
  const shapes = body({ w, h, ...KIND_COLORS.rootComplex, title: rc.name, subtitle: `CPU${rc.socket} · ${formatGen(rc.gen)} · ${plural(rc.lanes, 'lane')}` });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [portsOnSide(numbered('rp', rc.rootPortWidths.length), PORT_SIDES.rootPort, w, h, 'port.pcie')]);
  return look(w, h, shapes, anchors, PORT_SIDES.rootPort);
}

function pcieSwitchLook(s: PcieSwitch): ElementLook {
  const { w, h } = KIND_SIZES.pcieSwitch;
  const subtitle = `${formatGen(s.gen)} ${formatWidth(s.upstreamWidth)} · ${s.downstreamWidths.length} down${s.mrIov ? ' · MR-IOV' : ''}`;
  const shapes = body({ w, h, ...KIND_COLORS.pcieSwitch, title: s.name, subtitle });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [
    portsOnSide(numbered('up', s.upstreamPorts), PORT_SIDES.pcieUp, w, h, 'port.pcie'),
    portsOnSide(numbered('dp', s.downstreamWidths.length), PORT_SIDES.pcieSwitchDown, w, h, 'port.pcie'),
  ]);
  return look(w, h, shapes, anchors, PORT_SIDES.pcieUp);
}

function nicLook(n: Nic): ElementLook {
  const { w, h } = KIND_SIZES.nic;
  const vfs = n.physicalFunctions.reduce((s, pf) => s + pf.enabledVfs, 0);
  const subtitle = [`${n.ports}×${formatSpeedShort(n.speedGbps)}`, formatPcie(n.pcieGen, n.pcieWidth), vfs > 0 ? `${vfs} VFs` : null].filter(Boolean).join(' · ');
  const shapes = body({ w, h, ...KIND_COLORS.nic, title: n.name, subtitle });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [
    portsOnSide(['pcie'], PORT_SIDES.pcieUp, w, h, 'port.pcie'),
    portsOnSide(numbered('eth', n.ports), PORT_SIDES.nicEthernet, w, h, 'port.ethernet'),
  ]);
  // VF links (one per VM) meet the NIC in the middle of the face toward the VMs, between the Ethernet ports.
  return look(w, h, shapes, anchors, PORT_SIDES.nicEthernet);
}

function endpointLook(e: Endpoint): ElementLook {
  const { w, h } = KIND_SIZES.endpoint;
  const vfs = e.sriov?.enabledVfs ?? 0;
  const subtitle = [shortLabel(e.deviceClass), formatPcie(e.pcieGen, e.pcieWidth), vfs > 0 ? `${vfs} VFs` : null].filter(Boolean).join(' · ');
  const shapes = body({ w, h, ...KIND_COLORS.endpoint, title: e.name, subtitle });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [portsOnSide(['pcie'], PORT_SIDES.pcieUp, w, h, 'port.pcie')]);
  return look(w, h, shapes, anchors, 'bottom');
}

function vmLook(vm: Vm): ElementLook {
  const { w, h } = KIND_SIZES.vm;
  const shapes = body({ w, h, ...KIND_COLORS.vm, title: vm.name, subtitle: `${vm.vcpus} vCPU · ${formatGiB(vm.memoryGiB)}` });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [portsOnSide(vm.vnics.map((v) => v.id), PORT_SIDES.vnic, w, h, 'port.virtual')]);
  return look(w, h, shapes, anchors, PORT_SIDES.vnic);
}

function vswitchLook(s: Vswitch): ElementLook {
  const { w, h } = KIND_SIZES.vswitch;
  const kind = s.switchKind === 'hyperv' && s.hypervMode ? `Hyper-V ${shortLabel(s.hypervMode)}` : shortLabel(s.switchKind);
  const subtitle = `${kind} · ${shortLabel(s.evbMode)} · ${plural(s.portGroups.length, 'PG', 'PGs')}`;
  const shapes = body({ w, h, ...KIND_COLORS.vswitch, title: s.name, subtitle });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [
    portsOnSide(numbered('up', s.uplinks), PORT_SIDES.vswitchUplink, w, h, 'port.ethernet'),
    portsOnSide(s.portGroups.map((g) => `pg.${g.id}`), PORT_SIDES.portGroup, w, h, 'port.virtual'),
  ]);
  return look(w, h, shapes, anchors, PORT_SIDES.portGroup);
}

function torLook(t: Tor): ElementLook {
  const { w, h } = KIND_SIZES.switch;
  const features = [t.multichannel ? 'multichannel' : null, t.controllingBridge ? 'controlling bridge' : null].filter(Boolean);
  // The ports the switch offers: a broken-out port counts as its sub-ports, with the others of its speed
  // ("52×25G + 7×100G", not "48×25G + 4×100G + 4×25G + 3×100G").
  const offered = torPorts(t);
  const speeds = offered.map((p) => p.speedGbps!);
  const first = [...new Set(speeds)];
  const mix = formatPortMix([...speeds].sort((a, b) => first.indexOf(a) - first.indexOf(b)));
  const shapes = body({ w, h, ...KIND_COLORS.tor, title: t.name, subtitle: [mix, ...features].join(' · '), tag: shortLabel(t.tier) });
  // On a leaf, ports faster than its slowest (the 100G uplink and peer-link class) face the spines above;
  // access ports face the servers below. A spine's ports all face down to its leaves. A breakout fans a port out to
  // servers (one QSFP28 to four SFP28 hosts), so its sub-ports face down too.
  const slowest = Math.min(...t.ports.map((p) => p.speedGbps));
  const up: string[] = [];
  const down: string[] = [];
  for (const p of offered) {
    const uplink = t.tier === 'tor' && !p.name.includes('/') && p.speedGbps! > slowest;
    (uplink ? up : down).push(p.name);
  }
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [
    portsOnSide(down, PORT_SIDES.switchAccess, w, h, 'port.ethernet'),
    portsOnSide(up, PORT_SIDES.switchUplink, w, h, 'port.ethernet'),
  ]);
  return look(w, h, shapes, anchors, PORT_SIDES.switchAccess);
}

function fexLook(f: Fex): ElementLook {
  const { w, h } = KIND_SIZES.switch;
  const subtitle = `${f.hostPorts}×${formatSpeedShort(f.hostPortSpeedGbps)} host · ${f.uplinks}×${formatSpeedShort(f.uplinkSpeedGbps)} fabric`;
  const shapes = body({ w, h, ...KIND_COLORS.fex, title: f.name, subtitle, tag: 'FEX' });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [
    portsOnSide(numbered('h', f.hostPorts), PORT_SIDES.fexHostPort, w, h, 'port.ethernet'),
    portsOnSide(numbered('u', f.uplinks), PORT_SIDES.fexUplink, w, h, 'port.ethernet'),
  ]);
  return look(w, h, shapes, anchors, PORT_SIDES.fexUplink);
}

function storageLook(s: Storage): ElementLook {
  const { w, h } = KIND_SIZES.storage;
  const subtitle = `${shortLabel(s.protocol)} · ${formatTiB(s.capacityTiB)} · ${s.ports}×${formatSpeedShort(s.speedGbps)}`;
  const shapes = body({ w, h, ...KIND_COLORS.storage, title: s.name, subtitle });
  const anchors: Record<string, Anchor> = {};
  withPorts(shapes, anchors, [portsOnSide(numbered('p', s.ports), PORT_SIDES.storagePort, w, h, 'port.ethernet')]);
  return look(w, h, shapes, anchors, PORT_SIDES.storagePort);
}

/** How an element looks, in its own coordinates (top-left at 0,0). */
export function describeElement(el: Element): ElementLook {
  switch (el.kind) {
    case 'host':
      return hostLook(el);
    case 'rootComplex':
      return rootComplexLook(el);
    case 'pcieSwitch':
      return pcieSwitchLook(el);
    case 'nic':
      return nicLook(el);
    case 'endpoint':
      return endpointLook(el);
    case 'vm':
      return vmLook(el);
    case 'vswitch':
      return vswitchLook(el);
    case 'tor':
      return torLook(el);
    case 'fex':
      return fexLook(el);
    case 'storage':
      return storageLook(el);
    default:
      return exhaustive(el);
  }
}

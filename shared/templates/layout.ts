/**
 * Grid geometry of the templates, in design units. A host container holds its NIC and root complexes on the
 * top row (nearest the ToR, where its cables go), the virtual switch below them and the VMs in a grid under
 * that, so traffic reads bottom-up: VM → vSwitch → NIC → ToR. Racks are columns of hosts under their ToR pair,
 * side by side; spines sit in one row above every rack.
 */

/** Inner margin of a host container and the height of its title bar. */
const HOST_PAD = 16;
const HOST_TITLE = 32;
/** Cell of a device (NIC, root complex, vSwitch) inside a host. */
const DEVICE_W = 160;
const DEVICE_H = 72;
/** Cell of a VM inside a host; at most this many VMs per row. */
const VM_W = 112;
const VM_H = 64;
const VMS_PER_ROW = 10;

/** Gaps between hosts in a rack column, between racks, and around switches. */
const HOST_GAP = 40;
const RACK_GAP = 120;
const SWITCH_W = 240;
const SWITCH_ROW_H = 160;

export interface Point {
  x: number;
  y: number;
}

export interface HostGeometry {
  width: number;
  height: number;
  /** Positions relative to the host's top-left corner. */
  nic: Point;
  rootComplexes: readonly [Point, Point];
  vswitch: Point;
  vm(index: number): Point;
}

/** Geometry of a host holding `vms` VMs; the same for every host of a template, so compute it once. */
export function hostGeometry(vms: number): HostGeometry {
  const cols = Math.min(Math.max(vms, 1), VMS_PER_ROW);
  const rows = Math.ceil(vms / VMS_PER_ROW);
  const vmTop = HOST_TITLE + 2 * DEVICE_H;
  const width = 2 * HOST_PAD + Math.max(3 * DEVICE_W, cols * VM_W);
  const height = vmTop + rows * VM_H + HOST_PAD;
  const row0 = HOST_TITLE;
  return {
    width,
    height,
    nic: { x: HOST_PAD, y: row0 },
    rootComplexes: [
      { x: HOST_PAD + DEVICE_W, y: row0 },
      { x: HOST_PAD + 2 * DEVICE_W, y: row0 },
    ],
    vswitch: { x: HOST_PAD, y: row0 + DEVICE_H },
    vm: (i) => ({ x: HOST_PAD + (i % VMS_PER_ROW) * VM_W, y: vmTop + Math.floor(i / VMS_PER_ROW) * VM_H }),
  };
}

export interface RackGeometry {
  /** Left edge of rack column `r` (0-based). */
  rackX(r: number): number;
  torA(r: number): Point;
  torB(r: number): Point;
  /** Top-left of host `h` (0-based) in rack `r`. */
  host(r: number, h: number): Point;
  /** Total width of `racks` columns. */
  width(racks: number): number;
}

/** Rack columns under an optional spine row; `host` is the geometry every host shares. */
export function rackGeometry(host: HostGeometry, withSpineRow: boolean): RackGeometry {
  const colW = Math.max(host.width, 2 * SWITCH_W) + RACK_GAP;
  const torY = withSpineRow ? SWITCH_ROW_H * 2 : 0;
  const hostTop = torY + SWITCH_ROW_H;
  const rackX = (r: number) => r * colW;
  return {
    rackX,
    torA: (r) => ({ x: rackX(r), y: torY }),
    torB: (r) => ({ x: rackX(r) + SWITCH_W, y: torY }),
    host: (r, h) => ({ x: rackX(r), y: hostTop + h * (host.height + HOST_GAP) }),
    width: (racks) => Math.max(0, racks * colW - RACK_GAP),
  };
}

/** `count` spines spread evenly over a row `totalWidth` wide, centred. */
export function spinePosition(i: number, count: number, totalWidth: number): Point {
  const span = Math.max(totalWidth, count * SWITCH_W * 2);
  const step = span / count;
  return { x: Math.round(step * i + (step - SWITCH_W) / 2), y: 0 };
}

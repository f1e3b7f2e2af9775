/**
 * Grid geometry of the templates, in design units. A host container holds its NIC and root complexes on the
 * top row (nearest the ToR, where its cables go), the virtual switch below them and the VMs in a grid under
 * that, so traffic reads bottom-up: VM → vSwitch → NIC → ToR. Racks are grids of hosts under their ToR pair, side
 * by side; spines sit in one row above every rack.
 */
import { placeRack, placeRacks, type GridBox } from '../layout/rack-grid';

/** Inner margin of a host container and the height of its title bar. */
const HOST_PAD = 16;
const HOST_TITLE = 32;
/** Cell of a device (NIC, root complex, vSwitch) inside a host. */
const DEVICE_W = 160;
const DEVICE_H = 72;
/** Cell of a VM inside a host; at most this many VMs per row. */
const VM_W = 112;
const VM_H = 64;
// Five per row keeps a server about twice as wide as tall, so a rack of them fits a window rather than a strip.
const VMS_PER_ROW = 5;

/** Switch boxes as drawn (shared/scene/describe.ts KIND_SIZES.switch). */
const SWITCH_BOX = { w: 224, h: 56 } as const;

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
  torA(r: number): Point;
  torB(r: number): Point;
  /** Top-left of host `h` (0-based) in rack `r` (0-based). */
  host(r: number, h: number): Point;
  /** Top-left of spine `i` (0-based). */
  spine(i: number): Point;
}

export interface RackShape {
  racks: number;
  /** Hosts in a full rack (every rack but the last is full). */
  hostsPerRack: number;
  /** ToRs per rack: one, or an MLAG pair side by side. */
  torsPerRack: 1 | 2;
  spines: number;
}

/**
 * Racks as racks (shared/layout/rack-grid.ts, the geometry Arrange Design uses too): the ToRs in a row on top of
 * their rack, the hosts in a grid of 2-4 per row beneath, racks side by side (rows of racks when there are many),
 * spines in a row above. Every rack has the shape of a full one, so one rack is placed and the others copy it.
 */
export function rackGeometry(host: HostGeometry, shape: RackShape): RackGeometry {
  const tors: GridBox[] = Array.from({ length: shape.torsPerRack }, (_, i) => ({ id: `t${i}`, ...SWITCH_BOX }));
  const hosts: GridBox[] = Array.from({ length: shape.hostsPerRack }, (_, i) => ({ id: `h${i}`, w: host.width, h: host.height }));
  const rack = placeRack([tors], hosts);
  const spines: GridBox[] = Array.from({ length: shape.spines }, (_, i) => ({ id: `s${i}`, ...SWITCH_BOX }));
  const racks: GridBox[] = Array.from({ length: shape.racks }, (_, i) => ({ id: `r${i}`, w: rack.w, h: rack.h }));
  const top = placeRacks(spines, racks);
  const at = (r: number, id: string): Point => {
    const o = top.positions.get(`r${r}`)!;
    const p = rack.positions.get(id)!;
    return { x: Math.round(o.x + p.x), y: Math.round(o.y + p.y) };
  };
  return {
    torA: (r) => at(r, 't0'),
    torB: (r) => at(r, shape.torsPerRack === 2 ? 't1' : 't0'),
    host: (r, h) => at(r, `h${h}`),
    spine: (i) => top.positions.get(`s${i}`)!,
  };
}

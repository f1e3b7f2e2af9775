/**
 * The benchmark workload: Rackplane's fabric template (hosts × VMs per host), and the same drawing converted
 * to the box/edge format of the canvasbench kit (../shared/bench/canvas/src/workload.js), so the maxGraph
 * peer draws the boxes and lines Rackplane draws: same nodes, same absolute geometry, same parents and paint
 * order, same link end points. Only the inside of a box differs (Rackplane adds ports and a second text line
 * per box; the peer gets one label) and routed links become straight lines between the same two ends.
 */
import type { Design } from '../../../../shared/model/design';
import { KIND_COLORS } from '../../../../shared/scene/describe';
import { PALETTES } from '../../../../shared/scene/palette';
import { sceneOf } from '../../../../shared/scene/scene';
import { makeTemplate } from '../../../../shared/templates/index';

/** One box as the kit's adapters expect it (absolute model units; parents come before their children). */
export interface BenchBox {
  id: string;
  kind: string;
  parent: string | null;
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  fill: string;
  stroke: string;
  fontSize: number;
  valign: 'top' | 'middle';
}

/** One edge: its end boxes, the end points as fractions of each box, and the absolute end points. */
export interface BenchEdge {
  id: string;
  source: string;
  target: string;
  parent: string | null;
  exit: [number, number];
  entry: [number, number];
  points: [number, number, number, number];
}

export interface BenchWorkload {
  hosts: number;
  vms: number;
  seed: number;
  nodes: BenchBox[];
  edges: BenchEdge[];
  width: number;
  height: number;
}

/** The design the app would open from File › New › Fabric with these sizes. */
export function fabricDesign(hosts: number, vms: number): Design {
  return makeTemplate('fabric', { hosts, vmsPerHost: vms });
}

const frac = (v: number, origin: number, size: number) => (size > 0 ? (v - origin) / size : 0.5);

/** The fabric design's scene as kit boxes and edges (light palette, the app's default theme). */
export function toBenchWorkload(design: Design, hosts: number, vms: number): BenchWorkload {
  const scene = sceneOf(design);
  const palette = PALETTES.light;
  const nodes: BenchBox[] = scene.nodes.map((n) => {
    const colors = KIND_COLORS[n.kind];
    const title = n.look.shapes.find((s) => s.type === 'text');
    return {
      id: n.id,
      kind: n.kind,
      parent: design.elements[n.id]?.parent ?? null,
      x: n.x,
      y: n.y,
      w: n.w,
      h: n.h,
      label: n.name,
      fill: palette[colors.fill],
      stroke: palette[colors.stroke],
      fontSize: title?.type === 'text' ? title.size : 11,
      valign: n.look.container ? 'top' : 'middle',
    };
  });
  const box = new Map(nodes.map((n) => [n.id, n]));
  const edges: BenchEdge[] = [];
  for (const l of scene.links) {
    const link = design.links[l.id]!;
    const a = box.get(link.a.element);
    const b = box.get(link.b.element);
    if (!a || !b) continue;
    const p = l.points;
    const x0 = p[0]!, y0 = p[1]!, x1 = p[p.length - 2]!, y1 = p[p.length - 1]!;
    // Links inside one server live in that server (as the scene's `under: false`); cables are top level.
    const parent = !l.under && a.parent !== null && a.parent === b.parent ? a.parent : null;
    edges.push({
      id: l.id,
      source: a.id,
      target: b.id,
      parent,
      exit: [frac(x0, a.x, a.w), frac(y0, a.y, a.h)],
      entry: [frac(x1, b.x, b.w), frac(y1, b.y, b.h)],
      points: [x0, y0, x1, y1],
    });
  }
  const bounds = scene.bounds ?? { x: 0, y: 0, w: 0, h: 0 };
  return { hosts, vms, seed: 0, nodes, edges, width: bounds.x + bounds.w, height: bounds.y + bounds.h };
}

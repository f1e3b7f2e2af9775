/**
 * What-if failures in an SVG export, drawn as the canvas marks them (scene/paint-failed.ts at 100 %): a failed switch
 * or host washed grey with a dashed outline and a ✕ across it, a cable that is down overdrawn dashed with a ✕ badge
 * at its middle. The painter serves PNG and PDF; this writes the same marks as SVG.
 */
import { FAILED_COLOR, polylineMiddle } from '../scene/paint-failed';
import type { LinkPath, SceneNode } from '../scene/types';
import type { DiagramSelection } from './selection';
import { num } from './xml';

/** The class registry of the SVG being written (svg.ts StyleSheet). */
interface Classes {
  cls(decl: string): string;
}

const stroke = (width: number, dash?: string) => `fill:none;stroke:${FAILED_COLOR};stroke-width:${num(width)}${dash ? `;stroke-dasharray:${dash}` : ''}`;

/** A ✕ of half-size r centred on (x, y), as path data. */
const cross = (x: number, y: number, r: number) => `M${num(x - r)} ${num(y - r)}L${num(x + r)} ${num(y + r)}M${num(x + r)} ${num(y - r)}L${num(x - r)} ${num(y + r)}`;

const rect = (cls: string, x: number, y: number, w: number, h: number) => `<rect class="${cls}" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"/>`;

function nodeMark(n: SceneNode, css: Classes): string {
  // The ✕ spans the element but stays a readable size on a large server (as the canvas at 100 %).
  const r = Math.min(n.w, n.h, 120) / 2.5;
  return (
    rect(css.cls('fill:#6e7781;fill-opacity:0.35'), n.x, n.y, n.w, n.h) +
    rect(css.cls(stroke(2.5, '6 4')), n.x, n.y, n.w, n.h) +
    `<path class="${css.cls(stroke(3))}" d="${cross(n.x + n.w / 2, n.y + n.h / 2, r)}"/>`
  );
}

function linkMarks(links: readonly LinkPath[], css: Classes): string {
  if (links.length === 0) return '';
  let d = '';
  for (const l of links) {
    d += `M${num(l.points[0]!)} ${num(l.points[1]!)}`;
    for (let k = 2; k + 1 < l.points.length; k += 2) d += `L${num(l.points[k]!)} ${num(l.points[k + 1]!)}`;
  }
  let out = `<path class="${css.cls(stroke(2.5, '5 4'))}" d="${d}"/>`;
  for (const l of links) {
    // A cable drawn in parts (inside / outside its server) gets one badge, on the outside part.
    if (l.part === 'inside') continue;
    const m = polylineMiddle(l.points);
    out += rect(css.cls(`fill:#ffffff;stroke:${FAILED_COLOR};stroke-width:1.5`), m.x - 7, m.y - 7, 14, 14);
    out += `<path class="${css.cls(stroke(2))}" d="${cross(m.x, m.y, 4)}"/>`;
  }
  return out;
}

/** The failed marks of `sel` as SVG (empty without a what-if), their classes registered in `css` as they are used. */
export function failedSvg(sel: DiagramSelection, css: Classes): string {
  let out = '';
  for (const i of sel.failed.nodes) out += nodeMark(sel.nodes[i]!, css);
  return out + linkMarks(sel.failed.links, css);
}

/**
 * The diagram as a draw.io file (.drawio): one uncompressed <mxfile> page laid out exactly as the canvas, from the
 * same selection as the SVG/PNG/PDF exports (selection.ts: layers, scope, routing), so it opens in draw.io with the
 * positions, sizes, colours and link routes the user sees in Rackplane.
 *
 * How the design maps onto draw.io's model (mxGraphModel: every cell names its parent; a child's geometry is
 * relative to its parent):
 * - Containment is draw.io containment: a server is a swimlane container and what it holds are its child cells,
 *   so moving or folding the server in draw.io takes its contents along.
 * - Rackplane's layers are draw.io layers (cells whose parent is the root "0"): "Servers" (the default layer "1",
 *   for servers and NICs, which Rackplane draws on every layer), then PCIe, Ethernet and Virtual. Top-level
 *   elements sit on their kind's layer and links on their kind's layer, so hiding a layer in draw.io hides its
 *   links and switches. A cell inside a server cannot be on another layer than the server (draw.io layers are
 *   only top-level parents), so elements also carry their layer as a draw.io tag (Edit ▸ Tags hides them).
 * - Each element and link is an <object> whose attributes are its properties (Edit ▸ Edit Data in draw.io):
 *   scalars as text, lists and records as JSON.
 * - Links end at their ports (exit/entry constraints relative to the end cells) and follow the canvas's route
 *   through waypoints.
 */
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import type { Link } from '../model/links';
import { cachedLinkLabelText } from '../scene/labels-link';
import { PALETTES, type Palette } from '../scene/palette';
import type { LinkPath, RectShape, SceneNode, TextShape } from '../scene/types';
import { EXPORT_LAYERS, elementLayer, linkLayer, selectDiagram, type DiagramOptions, type ExportLayer } from './selection';
import { escapeXml, num } from './xml';

/** What a draw.io export takes: the diagram's layers, scope and routing (problem marks and heat are screen overlays). */
export type DrawioOptions = Pick<DiagramOptions, 'layers' | 'scope' | 'routing'>;

/** draw.io layers in stacking order: the default layer for servers and NICs, then one per Rackplane layer. */
export type DrawioLayer = 'servers' | ExportLayer;
export const DRAWIO_LAYER_NAMES: Readonly<Record<DrawioLayer, string>> = { servers: 'Servers', pcie: 'PCIe', ethernet: 'Ethernet', virtual: 'Virtual' };

/**
 * Cell ids: element and link ids may coincide (they are separate maps), so each gets a prefix; "0" and "1" are
 * draw.io's root and default layer, which no prefixed id can equal.
 */
export const drawioIds = {
  element: (id: string) => `e:${id}`,
  link: (id: string) => `l:${id}`,
  layer: (layer: DrawioLayer) => (layer === 'servers' ? '1' : `layer:${layer}`),
};

// draw.io gives these <object> attributes a meaning of its own; an element field of the same name is renamed.
const RESERVED = new Set(['id', 'label', 'placeholders', 'tooltip', 'link', 'tags']);
// Fields the cell itself shows (geometry, parent cell, label): not repeated as shape data.
const SHOWN_BY_CELL = new Set(['id', 'kind', 'name', 'parent', 'x', 'y']);

/** A double-quoted attribute value; line breaks and tabs as character references, so XML parsing keeps them. */
function attr(text: string): string {
  return escapeXml(text).replace(/[\n\r\t]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/** One shape-data value: text as is, numbers and booleans as text, null as empty, lists and records as JSON. */
function dataValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** `key="value"` pairs of a record's fields (minus `skip`), names draw.io reserves prefixed with "rackplane_". */
function dataAttrs(record: object, skip: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (skip.has(k)) continue;
    out.push(`${RESERVED.has(k) ? `rackplane_${k}` : k}="${attr(dataValue(v))}"`);
  }
  return out.join(' ');
}

/**
 * A draw.io style string from key/value pairs (undefined values left out). Numbers keep four decimals: exit and
 * entry points are fractions of a cell's size, where two decimals would move a port by up to 1 % of the box.
 */
function style(pairs: Record<string, string | number | undefined>): string {
  return `${Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(Number(v.toFixed(4))) : v}`)
    .join(';')};`;
}

const firstRect = (n: SceneNode, pick: (r: RectShape) => boolean): RectShape | undefined => n.look.shapes.find((s): s is RectShape => s.type === 'rect' && pick(s));
const texts = (n: SceneNode): TextShape[] => n.look.shapes.filter((s): s is TextShape => s.type === 'text');

/** The vertex style of a node: its body's fill and outline; servers as swimlanes whose title bar is the header. */
function vertexStyle(n: SceneNode, p: Palette): string {
  const body = firstRect(n, (r) => r.fill !== null) ?? firstRect(n, () => true);
  const title = texts(n)[0];
  const outline = {
    fillColor: body?.fill ? p[body.fill] : 'none',
    strokeColor: body?.stroke ? p[body.stroke] : 'none',
    strokeWidth: body?.strokeWidth ?? 1,
    ...(body?.dash?.length ? { dashed: 1, dashPattern: body.dash.map(num).join(' ') } : {}),
    fontColor: p.text,
    fontSize: title?.size ?? 12,
    align: 'left',
    verticalAlign: 'top',
    spacingLeft: title?.x ?? 8,
  };
  if (n.look.container) {
    // A swimlane is draw.io's container with a title bar: its fillColor paints the bar, swimlaneFillColor the body.
    const header = firstRect(n, (r) => r.fill === 'host.header');
    const frame = header ? { shape: 'swimlane', startSize: header.h, horizontal: 1, swimlaneFillColor: outline.fillColor, fillColor: p[header.fill!] } : { rounded: 0 };
    return style({ ...outline, ...frame, container: 1, fontStyle: 1, verticalAlign: header ? 'middle' : 'top', spacingTop: header ? 0 : (title?.y ?? 6) });
  }
  const radius = body && body.radius > 0 ? { rounded: 1, absoluteArcSize: 1, arcSize: body.radius * 2 } : { rounded: 0 };
  // The canvas prints the title at the top left and the subtitle under it: spacing places the label's first line there.
  return style({ ...radius, ...outline, spacingTop: Math.max(0, (title?.y ?? 6) - 2) });
}

/** The label draw.io shows: the title, and for boxes (not containers, whose header holds one line) the subtitle. */
function vertexLabel(n: SceneNode): string {
  const left = texts(n).filter((t) => t.align === 'left');
  if (left.length === 0) return n.name;
  return (n.look.container ? left.slice(0, 1) : left.slice(0, 2)).map((t) => t.text).join('\n');
}

/** An end's position on its cell, as draw.io's exit/entry constraint (fractions of the cell's width and height). */
function constraint(x: number, y: number, n: SceneNode): { fx: number; fy: number } {
  const f = (v: number, size: number) => (size > 0 ? v / size : 0.5);
  return { fx: f(x - n.x, n.w), fy: f(y - n.y, n.h) };
}

function edgeStyle(l: LinkPath, src: SceneNode, dst: SceneNode, p: Palette): string {
  const n = l.points.length;
  const exit = constraint(l.points[0]!, l.points[1]!, src);
  const entry = constraint(l.points[n - 2]!, l.points[n - 1]!, dst);
  return style({
    // Straight segments through the waypoints: the route is the canvas's, not one draw.io computes.
    edgeStyle: 'none',
    rounded: 0,
    endArrow: 'none',
    startArrow: 'none',
    strokeColor: p[l.stroke],
    strokeWidth: l.strokeWidth,
    ...(l.dash?.length ? { dashed: 1, dashPattern: l.dash.map(num).join(' ') } : {}),
    exitX: exit.fx,
    exitY: exit.fy,
    exitPerimeter: 0,
    entryX: entry.fx,
    entryY: entry.fy,
    entryPerimeter: 0,
    fontSize: 10,
    fontColor: p.textMuted,
    labelBackgroundColor: p.canvas,
  });
}

/** Shape data of a link: its kind, its two ends, its own fields, and the rate the canvas labels it with. */
function linkData(link: Link, rate: string | null): string {
  const ends = `aElement="${attr(link.a.element)}" aPort="${attr(link.a.port)}" bElement="${attr(link.b.element)}" bPort="${attr(link.b.port)}"`;
  const own = dataAttrs(link, new Set(['id', 'kind', 'a', 'b']));
  return [`kind="${attr(link.kind)}"`, ends, own, `rate="${attr(rate ?? '')}"`, `tags="${linkLayer(link.kind)}"`, `rackplaneId="${attr(link.id)}"`].filter((s) => s !== '').join(' ');
}

function elementData(el: Element): string {
  const layer = elementLayer(el.kind);
  return [`kind="${attr(el.kind)}"`, `name="${attr(el.name)}"`, dataAttrs(el, SHOWN_BY_CELL), layer ? `tags="${layer}"` : '', `rackplaneId="${attr(el.id)}"`].filter((s) => s !== '').join(' ');
}

/**
 * One path per link along its whole route, in the scene's order. The canvas may draw a link in parts (a cable
 * leaving a server: inside it, between the boxes, inside the far server, in order from end a, each part starting
 * where the previous one ends); draw.io gets one edge per link, so the parts are joined.
 */
function joinedRoutes(paths: readonly LinkPath[], kept: ReadonlySet<string>): LinkPath[] {
  const routes = new Map<string, LinkPath>();
  for (const l of paths) {
    if (!kept.has(l.id)) continue;
    const r = routes.get(l.id);
    if (!r) {
      routes.set(l.id, { ...l, points: [...l.points] });
      continue;
    }
    const n = r.points.length;
    const joint = r.points[n - 2] === l.points[0] && r.points[n - 1] === l.points[1];
    r.points.push(...(joint ? l.points.slice(2) : l.points));
  }
  return [...routes.values()];
}

/** The design's diagram as a .drawio document (UTF-8 text), uncompressed. */
export function designToDrawio(design: Design, opts: DrawioOptions = {}): string {
  const p = PALETTES.light;
  const sel = selectDiagram(design, opts);
  const drawn = new Map(sel.nodes.map((n) => [n.id as string, n]));
  const layers: DrawioLayer[] = ['servers', ...EXPORT_LAYERS.filter((l) => (opts.layers ?? EXPORT_LAYERS).includes(l))];

  // The nearest drawn container of a node (its draw.io parent), or null at top level (its layer is its parent).
  const drawnParent = (id: string): SceneNode | null => {
    let cur = design.elements[id]?.parent ?? null;
    for (let guard = 0; cur !== null && guard < 16; guard++) {
      const n = drawn.get(cur);
      if (n) return n;
      cur = design.elements[cur]?.parent ?? null;
    }
    return null;
  };
  // The drawn node a link end is shown as: itself, or the collapsed server that hides it.
  const shownAs = (id: string): SceneNode | null => {
    let cur: string | null = id;
    for (let guard = 0; cur !== null && guard < 16; guard++) {
      const n = drawn.get(cur);
      if (n) return n;
      cur = design.elements[cur]?.parent ?? null;
    }
    return null;
  };

  // Cells grouped by layer, in the scene's paint order (containers before what they hold), so each layer's cells
  // follow it in the file as draw.io writes them, and a parent always precedes its children.
  const cells = new Map<DrawioLayer, string[]>(layers.map((l) => [l, []]));
  // A cell's layer is its top-level container's: the kind's layer, or Servers for kinds drawn on every layer.
  const layerOf = (n: SceneNode): DrawioLayer => {
    let top = n;
    for (let up = drawnParent(n.id), guard = 0; up && guard < 16; up = drawnParent(up.id), guard++) top = up;
    return elementLayer(top.kind) ?? 'servers';
  };
  for (const n of sel.nodes) {
    const el = design.elements[n.id]!;
    const parent = drawnParent(n.id);
    const layer = layerOf(n);
    const geometry = `<mxGeometry x="${num(n.x - (parent?.x ?? 0))}" y="${num(n.y - (parent?.y ?? 0))}" width="${num(n.w)}" height="${num(n.h)}" as="geometry"/>`;
    cells.get(layer)!.push(
      `<object id="${attr(drawioIds.element(n.id))}" label="${attr(vertexLabel(n))}" ${elementData(el)}><mxCell style="${attr(vertexStyle(n, p))}" vertex="1" parent="${attr(parent ? drawioIds.element(parent.id) : drawioIds.layer(layer))}">${geometry}</mxCell></object>`,
    );
  }
  for (const l of joinedRoutes(sel.scene.links, new Set([...sel.underLinks, ...sel.innerLinks].map((x) => x.id as string)))) {
    const link = design.links[l.id]!;
    const src = shownAs(link.a.element);
    const dst = shownAs(link.b.element);
    if (!src || !dst) continue;
    const layer = linkLayer(l.kind);
    const rate = cachedLinkLabelText(design, l.id);
    const waypoints: string[] = [];
    for (let i = 2; i + 3 < l.points.length; i += 2) waypoints.push(`<mxPoint x="${num(l.points[i]!)}" y="${num(l.points[i + 1]!)}"/>`);
    const n = l.points.length;
    const geometry =
      `<mxGeometry relative="1" as="geometry">` +
      `<mxPoint x="${num(l.points[0]!)}" y="${num(l.points[1]!)}" as="sourcePoint"/><mxPoint x="${num(l.points[n - 2]!)}" y="${num(l.points[n - 1]!)}" as="targetPoint"/>` +
      (waypoints.length ? `<Array as="points">${waypoints.join('')}</Array>` : '') +
      `</mxGeometry>`;
    // Edges sit on their layer (origin 0,0), so the route's absolute points are already in the parent's coordinates.
    cells.get(layer)!.push(
      `<object id="${attr(drawioIds.link(l.id))}" label="${attr(rate ?? '')}" ${linkData(link, rate)}><mxCell style="${attr(edgeStyle(l, src, dst, p))}" edge="1" parent="${attr(drawioIds.layer(layer))}" source="${attr(drawioIds.element(src.id))}" target="${attr(drawioIds.element(dst.id))}">${geometry}</mxCell></object>`,
    );
  }

  const root = ['<mxCell id="0"/>'];
  for (const l of layers) root.push(`<mxCell id="${drawioIds.layer(l)}" value="${DRAWIO_LAYER_NAMES[l]}" parent="0"/>`, ...cells.get(l)!);
  const name = attr(design.meta.name);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="Rackplane" compressed="false">',
    `<diagram id="rackplane" name="${name}">`,
    `<mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0" background="${p.canvas}">`,
    '<root>',
    ...root,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

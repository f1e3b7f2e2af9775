/**
 * Port names at the ends of a drawn cable, so which NIC port goes to which switch port can be read off the diagram.
 * Where a cable leaves a server (the start or end of its `outside` part, on the server's edge) the label names both
 * ports, "eth0→p3": the switch end is often one of dozens of ports side by side, too dense to name each. At a port on
 * a top-level box (a switch) the label is the port's own name, shown when there is room beside it. Labels are text
 * shapes like the speed labels, so the canvas, SVG, PNG and PDF draw them alike.
 */
import type { Design } from '../model/design';
import type { Link } from '../model/links';
import { PORT_REACH } from './shapes';
import type { Bounds, LinkPath, TextShape } from './types';

/** Port-name text size: fine print, a little smaller than the speed labels. */
export const END_LABEL_SIZE = 9;
/** Same generous advance as the speed labels, so the painter never elides a name. */
const EM_ADVANCE = 0.62;
/** Gap between a label and its line or its box edge. */
const GAP = 2;

/** Whether each end of `link` (a, b) is a device inside a server, so its cable leaves through the server's edge. */
function endsInServer(design: Design, link: Link): [boolean, boolean] {
  const inServer = (id: string) => {
    const el = design.elements[id];
    return el !== undefined && el.parent !== null;
  };
  return [inServer(link.a.element), inServer(link.b.element)];
}

/** The texts at the a-end and the b-end of `link`; an end inside a server also names the far port. */
export function endLabelTexts(design: Design, link: Link): [string, string] {
  const [inA, inB] = endsInServer(design, link);
  const a = link.a.port;
  const b = link.b.port;
  return [inA ? `${a}→${b}` : a, inB ? `${b}→${a}` : b];
}

// Labels placed inside a server's edge: painted with the links inside servers (above the server's box), not beneath it.
const above = new WeakSet<TextShape>();

/** Whether label `t` lies inside a server and so paints above the servers rather than with the cables beneath them. */
export const paintsAboveServers = (t: TextShape): boolean => above.has(t);

const meets = (t: TextShape, o: Bounds) => t.x < o.x + o.w && t.x + t.w > o.x && t.y < o.y + o.h && t.y + t.size > o.y;

/**
 * Places for the label of the end of a route at (x, y) whose first run goes toward (nx, ny): beside that run, next
 * to the end, on either side, as far as they are clear of `obstacles` (boxes other than the one the end sits on).
 * In order of preference; empty when neither side is clear.
 */
export function placeEndLabel(x: number, y: number, nx: number, ny: number, text: string, obstacles: readonly Bounds[], onFrame = false, clearance = 0): TextShape[] {
  const size = END_LABEL_SIZE;
  const w = Math.ceil(text.length * size * EM_ADVANCE) + 2;
  const base = { type: 'text' as const, text, size, bold: false, fill: 'textMuted' as const, detail: 2 as const, w };
  const horizontal = Math.abs(nx - x) >= Math.abs(ny - y);
  const dir = horizontal ? Math.sign(nx - x) || 1 : Math.sign(ny - y) || 1;
  let options: TextShape[];
  if (horizontal) {
    // Along a run leaving sideways: above it, else below, starting just past the end; then a line farther above or
    // below, so two cables leaving one edge a few units apart (a server's two ports) both keep their names.
    const left = dir > 0 ? x + GAP : x - GAP - w;
    const align = dir > 0 ? ('left' as const) : ('right' as const);
    // A channel between servers can be narrower than the name: then it goes just inside the server's edge, over the
    // cable's inside part (painted above the server, see paintsAboveServers).
    const inner = dir > 0 ? x - GAP - w : x + GAP;
    const innerAlign = dir > 0 ? ('right' as const) : ('left' as const);
    options = [];
    for (let row = 0; row < 2; row++) {
      const rows = [y - GAP - size - row * (size + GAP), y + GAP + row * (size + GAP)];
      for (const top of rows) options.push({ ...base, align, x: left, y: top });
      if (!onFrame) continue;
      for (const top of rows) {
        const t: TextShape = { ...base, align: innerAlign, x: inner, y: top };
        above.add(t);
        options.push(t);
      }
    }
  } else {
    // Along a run leaving up or down: to its right, else its left, just past the end; then one to three lines farther
    // out, so the names of a row of neighbouring switch ports (a ToR's ports are ~9 units apart) can stagger in four
    // rows instead of dropping out. The fourth row, past a switch's outer row of markers, keeps within the labels'
    // reach (labels-link.ts labelMargin).
    options = [];
    for (let row = 0; row < 4; row++) {
      const top = (dir > 0 ? y + GAP + clearance : y - GAP - size - clearance) + dir * row * (size + GAP);
      options.push({ ...base, align: 'left', x: x + GAP, y: top }, { ...base, align: 'right', x: x - GAP - w, y: top });
    }
  }
  return options.filter((t) => !obstacles.some((o) => meets(t, o)));
}

/** Whether `path` is a drawn cable whose ends get port names: an Ethernet link between top-level items. */
export const hasEndLabels = (path: LinkPath): boolean => path.kind === 'ethernet' && path.under && path.points.length >= 4;

/**
 * The port-name labels (each as its alternative places) at both ends of the cable part `path` (see hasEndLabels) of `link`, clear of `obstacles`.
 * The path runs from the link's a-end to its b-end (shared/scene/cables.ts keeps that order).
 */
export function endLabels(design: Design, link: Link, path: LinkPath, obstacles: readonly Bounds[]): TextShape[][] {
  const p = path.points;
  const n = p.length;
  const [ta, tb] = endLabelTexts(design, link);
  // An end in a server is drawn on the server's edge when the cable comes in parts (the start or end of `outside`).
  const [inA, inB] = endsInServer(design, link);
  const onFrameA = inA && path.part === 'outside';
  const onFrameB = inB && path.part === 'outside';
  // The box an end sits on is no obstacle to its own name (a switch port's name hangs just below the switch).
  const clearOf = (x: number, y: number) => obstacles.filter((o) => !(x >= o.x - 1e-6 && x <= o.x + o.w + 1e-6 && y >= o.y - 1e-6 && y <= o.y + o.h + 1e-6));
  // Where a server's edge leaves no room for both names (a channel between servers narrower than "eth0→p1"), the
  // end falls back to its own port's name: the far port is named at the switch end.
  // A switch's dense face keeps a second row of port markers just outside its edge (shapes.ts portsOnSide): names
  // at a switch port start beyond that row, or the markers would cover them ("p0" read as "▪0").
  const place = (x: number, y: number, nx: number, ny: number, text: string, own: string, onFrame: boolean, inServer: boolean) => {
    const obstacles = clearOf(x, y);
    const options = placeEndLabel(x, y, nx, ny, text, obstacles, onFrame, inServer ? 0 : PORT_REACH - GAP);
    return onFrame && own !== text ? [...options, ...placeEndLabel(x, y, nx, ny, own, obstacles, onFrame)] : options;
  };
  const a = place(p[0]!, p[1]!, p[2]!, p[3]!, ta, link.a.port, onFrameA, inA);
  const b = place(p[n - 2]!, p[n - 1]!, p[n - 4]!, p[n - 3]!, tb, link.b.port, onFrameB, inB);
  return [a, b].filter((options) => options.length > 0);
}

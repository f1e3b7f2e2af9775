/** Small constructors for scene shapes, so element looks read as layout rather than object literals. */
import type { Anchor, ColorRole, Detail, LineShape, PortShape, RectShape, Side, TextShape } from './types';

export function rect(
  x: number,
  y: number,
  w: number,
  h: number,
  style: { fill?: ColorRole | null; stroke?: ColorRole | null; strokeWidth?: number; radius?: number; dash?: number[] | null; detail?: Detail },
): RectShape {
  return {
    type: 'rect',
    x,
    y,
    w,
    h,
    fill: style.fill ?? null,
    stroke: style.stroke ?? null,
    strokeWidth: style.strokeWidth ?? 1,
    radius: style.radius ?? 0,
    dash: style.dash ?? null,
    detail: style.detail ?? 0,
  };
}

export function text(
  x: number,
  y: number,
  w: number,
  value: string,
  style: { size?: number; bold?: boolean; align?: TextShape['align']; fill?: ColorRole; detail?: Detail } = {},
): TextShape {
  return {
    type: 'text',
    x,
    y,
    w,
    text: value,
    size: style.size ?? 12,
    bold: style.bold ?? false,
    align: style.align ?? 'left',
    fill: style.fill ?? 'text',
    detail: style.detail ?? 1,
  };
}

export function line(points: number[], stroke: ColorRole, strokeWidth = 1, dash: number[] | null = null, detail: Detail = 0): LineShape {
  return { type: 'line', points, stroke, strokeWidth, dash, detail };
}

export const PORT_SIZE = 6;

/**
 * Narrowest spacing (design units, so screen px at 100 %) at which a top or bottom face keeps its ports in one row.
 * Denser ones (a ToR's 48 server ports sit 4.6 units apart on its 224-unit face) alternate between two rows, as on
 * a real switch's front panel: odd-numbered ports (p0, p2, … counted from 1) in the upper row, even-numbered in the
 * lower. Neighbours in a row are then twice as far apart, the markers keep their full size, and each port owns a
 * target about 9 × 9 px at 100 % instead of 4.6 px wide. Side faces (PCIe ports, a few per device) keep one row:
 * devices sit 12 units apart inside a server, too close for a row outside the edge.
 */
export const ROW_PITCH = 10;
/**
 * Where the two rows of a dense face sit, measured outward from the edge to each row's centre: the inner row
 * just inside the box (its markers end on the outline) and the outer row just outside it, ROW_PITCH apart.
 */
const INNER_ROW = -PORT_SIZE / 2;
const OUTER_ROW = INNER_ROW + ROW_PITCH;
/** How far a port marker may reach beyond its box's outline: the outer row's far side. */
export const PORT_REACH = OUTER_ROW + PORT_SIZE / 2;

/**
 * Port markers spread evenly along one side of a w×h box, with their anchors. Markers straddle the edge so that a
 * link visibly ends on the box outline; on a dense top or bottom face (step under ROW_PITCH) they alternate between
 * a row just inside and a row just outside the edge. Anchors stay on the edge either way, under the marker: a cable
 * ends at the inner marker's foot or runs into the outer marker, and routes never start inside a box.
 */
export function portsOnSide(
  names: readonly string[],
  side: Side,
  w: number,
  h: number,
  fill: ColorRole,
  span: { from: number; to: number } = { from: 0, to: side === 'top' || side === 'bottom' ? w : h },
): { shapes: PortShape[]; anchors: Record<string, Anchor> } {
  const shapes: PortShape[] = [];
  const anchors: Record<string, Anchor> = {};
  const n = names.length;
  const step = (span.to - span.from) / (n + 1);
  const horizontal = side === 'top' || side === 'bottom';
  const rows = horizontal && n > 1 && step < ROW_PITCH ? 2 : 1;
  // Markers take at most three quarters of the spacing in their row, so neighbours never touch.
  const size = Math.min(PORT_SIZE, rows * step * 0.75);
  names.forEach((name, i) => {
    const t = span.from + step * (i + 1);
    const x = side === 'left' ? 0 : side === 'right' ? w : t;
    const y = side === 'top' ? 0 : side === 'bottom' ? h : t;
    // The upper row holds the first port: inside the box on its bottom face, outside it on its top face.
    const offset = rows === 1 ? 0 : (i % 2 === 0) === (side === 'bottom') ? INNER_ROW : OUTER_ROW;
    const cy = y + (side === 'top' ? -offset : offset);
    shapes.push({ type: 'port', name, x: x - size / 2, y: cy - size / 2, size, fill, detail: 2 });
    anchors[name] = { x, y, side };
  });
  return { shapes, anchors };
}

/** Middle of one side of a w×h box. */
export function sideMiddle(side: Side, w: number, h: number): Anchor {
  switch (side) {
    case 'top':
      return { x: w / 2, y: 0, side };
    case 'bottom':
      return { x: w / 2, y: h, side };
    case 'left':
      return { x: 0, y: h / 2, side };
    case 'right':
      return { x: w, y: h / 2, side };
  }
}

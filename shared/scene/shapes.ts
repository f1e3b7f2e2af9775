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
 * Port markers spread evenly along one side of a w×h box, with their anchors. Markers straddle the
 * edge so that a link visibly ends on the box outline.
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
  // Dense switch faces (48 ports on a 224-unit box) shrink their markers so neighbours never touch.
  const size = Math.min(PORT_SIZE, step * 0.75);
  names.forEach((name, i) => {
    const t = span.from + step * (i + 1);
    const x = side === 'left' ? 0 : side === 'right' ? w : t;
    const y = side === 'top' ? 0 : side === 'bottom' ? h : t;
    shapes.push({ type: 'port', name, x: x - size / 2, y: y - size / 2, size, fill, detail: 2 });
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

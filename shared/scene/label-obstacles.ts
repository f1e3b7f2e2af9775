/**
 * What a label must keep clear of, beyond the boxes themselves: the port markers a switch's dense face sets outside
 * its outline (shapes.ts portsOnSide). Shared by the canvas and the exports through labels-link.ts's linkLabels.
 */
import { PORT_SIZE } from './shapes';
import type { Bounds, ElementLook, SceneNode } from './types';

/**
 * An obstacle as labels must avoid it: a scene node whose port markers stand outside its box (the outer row of a
 * ToR's dense face, shapes.ts portsOnSide) reaches down or up to them, so no speed label lands on the markers.
 * Plain bounds, and nodes whose ports sit on their outline, are returned as they are.
 */
export function withPortRows(o: Bounds): Bounds {
  const look = (o as Partial<SceneNode>).look;
  if (!look) return o;
  let reach = portRowReach.get(look);
  if (reach === undefined) {
    let above = 0;
    let below = 0;
    for (const sh of look.shapes) {
      if (sh.type !== 'port') continue;
      above = Math.max(above, -sh.y);
      below = Math.max(below, sh.y + sh.size - look.h);
    }
    // Markers straddle the edge by half their size (PORT_SIZE / 2): only an outer row reaches farther.
    const outer = (r: number) => (r > PORT_SIZE / 2 + 1e-6 ? r : 0);
    reach = { above: outer(above), below: outer(below) };
    portRowReach.set(look, reach);
  }
  if (reach.above === 0 && reach.below === 0) return o;
  return { x: o.x, y: o.y - reach.above, w: o.w, h: o.h + reach.above + reach.below };
}
const portRowReach = new WeakMap<ElementLook, { above: number; below: number }>();

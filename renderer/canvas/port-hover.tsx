/**
 * The port under the pointer: outlined on the canvas and named in a tooltip (element, port, what it is cabled to),
 * so a port can be told apart from its neighbours before pressing on it (a ToR's 48 server ports sit in two rows,
 * ~9 px apart in a row at 100 %, shared/scene/shapes.ts). It is found exactly as a press finds the port to wire from
 * (./wiring.tsx PORT_GRAB_PX and PORT_TARGET_PX, nearest marker wins), so what lights up is what a press would grab.
 */
import type { ReactElement } from 'react';
import { Shape } from 'react-konva';
import type { Design } from '../../shared/model/design';
import type { Palette } from '../../shared/scene/palette';
import { portAt, type PortHit } from '../../shared/scene/port-hit';
import { detailForScale, screenToWorld, type Viewport } from '../../shared/scene/viewport';
import type { LiveView } from './wiring';
import { PORT_GRAB_PX, PORT_TARGET_PX } from './wiring';

/** A hovered port: where its marker is, and its size (world units). */
export type PortHover = PortHit & { size: number };

/** The port marker under canvas point (x, y), or null; markers are drawn (and so hoverable) only at full detail. */
export function portUnder(live: LiveView, x: number, y: number): PortHover | null {
  const v = live.viewport;
  if (detailForScale(v.scale) < 2) return null;
  const w = screenToWorld(v, x, y);
  const hit = portAt(live.index, w.x, w.y, PORT_GRAB_PX / v.scale, PORT_TARGET_PX / v.scale);
  if (!hit) return null;
  const n = live.scene.nodes[live.scene.nodeIndex.get(hit.element) ?? -1];
  const shape = n?.look.shapes.find((s) => s.type === 'port' && s.name === hit.port);
  return { ...hit, size: shape?.type === 'port' ? shape.size : 4 };
}

/** Same port (or both none): the hover state changes only when the port does. */
export const samePort = (a: PortHover | null, b: PortHover | null): boolean => a === b || (!!a && !!b && a.element === b.element && a.port === b.port);

/** An element's name with its server's in front ("esx1 › nic0"): every server has a nic0, so the name alone is ambiguous. */
function qualified(design: Design, id: string): string {
  const el = design.elements[id];
  if (!el) return id;
  const parent = el.parent ? design.elements[el.parent] : undefined;
  return parent ? `${parent.name || parent.id} › ${el.name || el.id}` : el.name || el.id;
}

/** The tooltip's text: "tor1 · p12", and the far end when the port is cabled ("→ esx1 › nic0 · eth0"). */
export function portTipText(design: Design, hit: PortHit): string {
  const name = `${qualified(design, hit.element)} · ${hit.port}`;
  for (const l of Object.values(design.links)) {
    const far = l.a.element === hit.element && l.a.port === hit.port ? l.b : l.b.element === hit.element && l.b.port === hit.port ? l.a : null;
    if (far) return `${name} → ${qualified(design, far.element)} · ${far.port}`;
  }
  return `${name} (free)`;
}

/** The ring around the hovered marker, in world units (drawn in the zoomed overlay layer). */
export function PortHoverMark({ hit, palette, scale }: { hit: PortHover; palette: Palette; scale: number }): ReactElement {
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        const c = ctx._context;
        // At least 10 screen px across, so even a 3-px marker shows clearly which one is meant.
        const r = Math.max(hit.size / 2 + 2 / scale, 5 / scale);
        c.save();
        c.fillStyle = palette.selection;
        c.globalAlpha = 0.3;
        c.fillRect(hit.x - r, hit.y - r, 2 * r, 2 * r);
        c.globalAlpha = 1;
        c.strokeStyle = palette.selection;
        c.lineWidth = 1.5 / scale;
        c.strokeRect(hit.x - r, hit.y - r, 2 * r, 2 * r);
        c.restore();
      }}
    />
  );
}

/** The tooltip above the hovered port (below it near the top edge), in canvas pixels. */
export function PortTip({ text, hit, viewport, canvasWidth }: { text: string; hit: PortHit; viewport: Viewport; canvasWidth: number }): ReactElement {
  const x = hit.x * viewport.scale + viewport.x;
  const y = hit.y * viewport.scale + viewport.y;
  const below = y < 40;
  return (
    <div
      className="port-tip"
      role="tooltip"
      data-testid="port-tip"
      style={{ left: Math.max(4, Math.min(x, canvasWidth - 4)), top: below ? y + 12 : y - 10, transform: below ? 'translateX(-50%)' : 'translate(-50%, -100%)' }}
    >
      {text}
    </div>
  );
}

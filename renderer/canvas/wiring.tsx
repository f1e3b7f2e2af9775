/**
 * The canvas side of the wiring tool: the host callbacks (port hit testing on the scene index, link checks
 * through shared/model/connect) and what is drawn while a wire is dragged (the rubber line in the overlay
 * layer and, next to the cursor, whether releasing there connects or why it would not).
 */
import { useEffect, useRef, useState, type MutableRefObject, type ReactElement } from 'react';
import { Shape } from 'react-konva';
import { canConnect, landingPort } from '../../shared/model/connect';
import { randomIds } from '../../shared/model/ids';
import type { Palette } from '../../shared/scene/palette';
import { portAt } from '../../shared/scene/port-hit';
import type { SceneIndex } from '../../shared/scene/spatial';
import { hitAtScale } from '../../shared/scene/summary';
import type { Scene } from '../../shared/scene/types';
import { detailForScale, screenToWorld, type Viewport } from '../../shared/scene/viewport';
import type { AppStore } from '../state/store';
import { WireTool, type WirePreview } from '../tools/wire-tool';

export interface LiveView {
  scene: Scene;
  index: SceneIndex;
  viewport: Viewport;
}

/** Screen pixels around a port marker that still grab it. */
export const PORT_GRAB_PX = 4;
/** Smallest target a port offers, screen pixels across, however small its marker is drawn (nearest port wins). */
export const PORT_TARGET_PX = 10;

/** The wiring tool bound to the store and the live view; `preview` is what to draw while a wire is dragged. */
export function useWireTool(store: AppStore, live: MutableRefObject<LiveView>): { tool: MutableRefObject<WireTool | null>; preview: WirePreview | null } {
  const [preview, setPreview] = useState<WirePreview | null>(null);
  const tool = useRef<WireTool | null>(null);
  useEffect(() => {
    const design = () => store.getState().doc!.design;
    tool.current = new WireTool({
      portAt: (x, y) => {
        const v = live.current.viewport;
        // Markers are drawn only at full detail; an invisible port must not steal a press meant for a move.
        if (detailForScale(v.scale) < 2 || !store.getState().doc) return null;
        const w = screenToWorld(v, x, y);
        return portAt(live.current.index, w.x, w.y, PORT_GRAB_PX / v.scale, PORT_TARGET_PX / v.scale);
      },
      elementAt: (x, y) => {
        const v = live.current.viewport;
        const w = screenToWorld(v, x, y);
        const hit = hitAtScale(live.current.index, w.x, w.y, 0, v.scale);
        return hit?.type === 'element' ? hit.id : null;
      },
      landing: (from, target) => landingPort(design(), from, target),
      anchorOf: (ref) => {
        const { scene } = live.current;
        const i = scene.nodeIndex.get(ref.element);
        if (i === undefined) return null;
        const n = scene.nodes[i]!;
        const a = n.look.anchors[ref.port] ?? n.look.fallback;
        return { x: n.x + a.x, y: n.y + a.y };
      },
      toWorld: (x, y) => screenToWorld(live.current.viewport, x, y),
      // The history's link index answers "is this port free?" without scanning every link on each pointer move.
      check: (from, to) => canConnect(design(), from, to, randomIds, store.history?.lookup),
      setPreview,
      clickElement: (id, additive) => {
        const cur = store.getState().selection;
        if (!additive) return store.select({ elements: new Set([id]), links: new Set() });
        const elements = new Set(cur.elements);
        if (elements.has(id)) elements.delete(id);
        else elements.add(id);
        store.select({ elements, links: cur.links });
      },
      connect: (link) => {
        const r = store.execute({ type: 'add', elements: [], links: [link] }, { label: 'Connect' });
        if (r.ok) store.select({ elements: new Set(), links: new Set([link.id]) });
      },
      refused: (reason) => store.notify(`Not connected: ${reason}`),
    });
    return () => tool.current?.cancel();
  }, [store, live]);
  return { tool, preview };
}

/** The rubber line of a wire being dragged, in world units (drawn in the zoomed overlay layer). */
export function WireLine({ preview, palette, scale }: { preview: WirePreview; palette: Palette; scale: number }): ReactElement {
  const color = preview.status === 'refused' ? palette['problem.error'] : palette.selection;
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        const c = ctx._context;
        c.save();
        c.strokeStyle = color;
        c.lineWidth = 2 / scale;
        c.setLineDash(preview.status === 'ok' ? [] : [6 / scale, 4 / scale]);
        c.beginPath();
        c.moveTo(preview.from.x, preview.from.y);
        c.lineTo(preview.to.x, preview.to.y);
        c.stroke();
        c.setLineDash([]);
        c.fillStyle = color;
        c.beginPath();
        c.arc(preview.to.x, preview.to.y, 4 / scale, 0, Math.PI * 2);
        c.fill();
        c.restore();
      }}
    />
  );
}

/** Widest the cursor note gets, px. */
const HINT_MAX_PX = 320;

/** The note beside the cursor: where a release would connect, or why it would not. */
export function WireHint({ preview, canvasWidth }: { preview: WirePreview; canvasWidth: number }): ReactElement | null {
  if (preview.status === 'none') return null;
  const text = preview.status === 'ok' ? `Connect to ${preview.target!.port}` : preview.reason!;
  // Near the right edge the note goes to the left of the cursor, so it is never cut off.
  const side = preview.cursor.x + HINT_MAX_PX + 20 > canvasWidth ? { right: canvasWidth - preview.cursor.x + 14 } : { left: preview.cursor.x + 14 };
  return (
    <div className={`wire-hint ${preview.status}`} data-testid="wire-hint" data-status={preview.status} role="status" style={{ ...side, top: preview.cursor.y + 14, maxWidth: HINT_MAX_PX }}>
      {preview.status === 'refused' ? '⊘ ' : '✓ '}
      {text}
    </div>
  );
}

/**
 * The canvas: draws the design's scene with react-konva, culled to the viewport, and handles pan, zoom and
 * the select tool (click, Shift-click, rubber band, drag to move; renderer/tools/select-tool.ts). A move
 * previews the dragged nodes in the overlay layer and commits one command on release (./move-session.ts).
 * A press on a port marker goes to the wiring tool instead (./wiring.tsx, renderer/tools/wire-tool.ts);
 * right click opens the context menu; the minimap sits in a corner (./Minimap.tsx).
 *
 * Konva structure: one "diagram" layer whose groups keep paint order (cables under servers, servers,
 * links inside servers, contents) and one "overlay" layer for the selection, so changing the selection
 * redraws only the overlay. Nothing listens for Konva events: hit testing uses the scene's grid index,
 * which stays fast at 50,000 elements where a per-shape hit canvas would not.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { Bounds } from '../../shared/scene/types';
import { SelectTool, type ToolPointer } from '../tools/select-tool';
import { registerCanvasHost } from './drop-target';
import { MoveSession, paintMoveGhost } from './move-session';
import { Group, Layer, Shape, Stage } from 'react-konva';
import type { Palette } from '../../shared/scene/palette';
import type { Detail, SceneNode } from '../../shared/scene/types';
import { detailForScale, fitBounds, screenToWorld, visibleWorld, zoomAt } from '../../shared/scene/viewport';
import { useAppStore, useStoreState } from '../state/use-store';
import { isTextTarget } from '../actions/keys';
import { worstByElement } from '../validation/problems-model';
import type { ProblemLevel } from '../../shared/scene/problems';
import { heatBand, linkUtilisation } from '../../shared/scene/heatmap';
import { isStale } from '../simulation/controller';
import { useSimState } from '../simulation/use-simulation';
import { HeatLegend } from './HeatLegend';
import { paintLinks, paintLook, paintNodes, paintProblems, paintSelection, type LinkHeat } from './paint';
import { indexedSceneOf } from './scene-cache';
import { usePalette } from './use-theme';
import { useWireTool, WireHint, WireLine } from './wiring';
import { overlays } from '../actions/overlays';
import { Minimap } from './Minimap';

/** Above this many visible nodes the view switches from one Konva shape per node to one overview shape. */
const NODE_BUDGET = 600;
/** Below this scale, links inside servers (vNIC, uplink, PCIe) are too small to read and are skipped. */
const INNER_LINK_MIN_SCALE = 0.15;
/** Pixels an arrow key pans. */
const KEY_PAN = 60;

const NodeShape = memo(function NodeShape({ node, palette, detail, minStroke }: { node: SceneNode; palette: Palette; detail: Detail; minStroke: number }) {
  return (
    <Group x={node.x} y={node.y} listening={false}>
      <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintLook(ctx._context, node.look, 0, 0, palette, detail, minStroke)} />
    </Group>
  );
});

export function CanvasView(): ReactElement {
  const store = useAppStore();
  const design = useStoreState((s) => s.doc!.design);
  const viewport = useStoreState((s) => s.viewport);
  const size = useStoreState((s) => s.canvasSize);
  const selection = useStoreState((s) => s.selection);
  const fitRequest = useStoreState((s) => s.fitRequest);
  const diagnostics = useStoreState((s) => s.validation.diagnostics);
  const palette = usePalette();
  const hostRef = useRef<HTMLDivElement | null>(null);
  const session = useRef<MoveSession | null>(null);
  const [brush, setBrush] = useState<Bounds | null>(null);
  const [ghost, setGhost] = useState<{ session: MoveSession; dx: number; dy: number } | null>(null);
  const fitDone = useRef(0);
  const [spaceDown, setSpaceDown] = useState(false);
  const [panning, setPanning] = useState(false);

  const { scene, index } = useMemo(() => indexedSceneOf(design), [design]);

  // Utilisation heatmap of the last simulation run, faded once the design has changed since.
  const simResults = useSimState((s) => s.results);
  const heatOn = useSimState((s) => s.heatmap);
  const stale = useSimState((s) => isStale(s, design));
  const bands = useMemo(() => {
    if (!simResults) return null;
    const m = new Map<string, number>();
    for (const [link, u] of linkUtilisation(simResults.result.resources)) m.set(link, heatBand(u));
    return m;
  }, [simResults]);
  const heat: LinkHeat | null = useMemo(() => (heatOn && bands ? { bands, stale } : null), [heatOn, bands, stale]);
  const worst = useMemo(() => worstByElement(diagnostics), [diagnostics]);

  // Track the canvas size; zoom-to-fit and centring need it.
  useEffect(() => {
    const el = hostRef.current!;
    const ro = new ResizeObserver(() => store.setCanvasSize(el.clientWidth, el.clientHeight));
    ro.observe(el);
    store.setCanvasSize(el.clientWidth, el.clientHeight);
    return () => ro.disconnect();
  }, [store]);

  // Zoom to fit when asked (after opening a design, or View › Zoom to Fit) once the size is known.
  useEffect(() => {
    if (fitRequest === fitDone.current || size.w === 0 || size.h === 0) return;
    fitDone.current = fitRequest;
    store.setViewport(fitBounds(scene.bounds, size.w, size.h));
  }, [fitRequest, size, scene, store]);

  // Wheel zoom about the pointer; registered natively because React's wheel listener is passive.
  useEffect(() => {
    const el = hostRef.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      const v = store.getState().viewport;
      store.setViewport(zoomAt(v, Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [store]);

  // Space held: left-drag pans anywhere (as in most canvas tools).
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTextTarget(e.target) && !store.getState().dialog) {
        if (hostRef.current?.matches(':hover') || document.activeElement === hostRef.current) e.preventDefault();
        setSpaceDown(true);
      }
    };
    const up = (e: KeyboardEvent) => e.code === 'Space' && setSpaceDown(false);
    const blur = () => setSpaceDown(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [store]);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = hostRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  // The tool reads the latest scene and viewport through these refs; it lives as long as the canvas.
  const live = useRef({ scene, index, viewport });
  useLayoutEffect(() => {
    live.current = { scene, index, viewport };
  }, [scene, index, viewport]);
  const tool = useRef<SelectTool | null>(null);
  // Presses on a port marker start a wire; everything else goes to the select tool.
  const { tool: wire, preview: wirePreview } = useWireTool(store, live);
  useEffect(() => {
    tool.current = new SelectTool({
    scale: () => live.current.viewport.scale,
    hitAt: (x, y) => {
      const v = live.current.viewport;
      const w = screenToWorld(v, x, y);
      return live.current.index.hitTest(w.x, w.y, 5 / v.scale);
    },
    selection: () => store.getState().selection,
    select: (sel) => store.select(sel),
    viewOrigin: () => ({ x: live.current.viewport.x, y: live.current.viewport.y }),
    panFrom: (o, dx, dy) => store.setViewport({ scale: live.current.viewport.scale, x: o.x + dx, y: o.y + dy }),
    setPanning,
    beginMove: (anchor) => {
      const doc = store.getState().doc;
      if (!doc) return false;
      session.current = MoveSession.start(doc.design, live.current.scene, store.getState().selection.elements, anchor);
      return session.current !== null;
    },
    previewMove: (dx, dy, free) => {
      const s = session.current;
      if (s) setGhost({ session: s, ...s.update(dx, dy, free) });
    },
    commitMove: (x, y) => {
      const s = session.current;
      session.current = null;
      setGhost(null);
      if (s) s.commit(store, screenToWorld(live.current.viewport, x, y));
    },
    cancelMove: () => {
      session.current = null;
      setGhost(null);
    },
    setBrush,
    enclosed: (r) => {
      const v = live.current.viewport;
      const a = screenToWorld(v, r.x, r.y);
      const ids = live.current.index.elementsWithin({ x: a.x, y: a.y, w: r.w / v.scale, h: r.h / v.scale });
      // Select what the band encloses at its outermost level: a server, not also everything in it.
      const doc = store.getState().doc;
      const set = new Set(ids);
      return doc ? ids.filter((id) => !hasAncestorIn(doc.design.elements, id, set)) : ids;
    },
    });
    return () => tool.current?.cancel();
  }, [store]);

  // Escape abandons a move or a rubber band.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const active = [tool.current, wire.current].filter((t) => t && t.stateName !== 'idle');
      if (active.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      for (const t of active) t!.cancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [wire]);

  const pointer = (e: React.PointerEvent): ToolPointer => {
    const p = local(e);
    return { pointerId: e.pointerId, x: p.x, y: p.y, button: e.button, shift: e.shiftKey || e.ctrlKey || e.metaKey, alt: e.altKey };
  };

  const onPointerDown = (e: React.PointerEvent) => {
    // The host is focusable (tabIndex 0), so a press focuses it natively, without a keyboard focus ring.
    const p = pointer(e);
    if (!(!spaceDown && wire.current?.down(p)) && !tool.current?.down(p, spaceDown)) return;
    hostRef.current!.setPointerCapture(e.pointerId);
    if (e.button === 1) e.preventDefault();
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const p = pointer(e);
    wire.current?.move(p);
    tool.current?.move(p);
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const p = pointer(e);
    wire.current?.up(p);
    tool.current?.up(p);
  };

  // Right click: the element under the pointer joins the selection's place (as in file managers), then the menu opens.
  const onContextMenu = (e: React.MouseEvent) => {
    e.preventDefault();
    const p = local(e);
    const v = live.current.viewport;
    const w = screenToWorld(v, p.x, p.y);
    const hit = live.current.index.hitTest(w.x, w.y, 5 / v.scale);
    const sel = store.getState().selection;
    if (hit && !(hit.type === 'element' ? sel.elements : sel.links).has(hit.id)) {
      store.select(hit.type === 'element' ? { elements: new Set([hit.id]), links: new Set() } : { elements: new Set(), links: new Set([hit.id]) });
    }
    overlays.open({ type: 'contextMenu', x: e.clientX, y: e.clientY });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [KEY_PAN, 0], ArrowRight: [-KEY_PAN, 0], ArrowUp: [0, KEY_PAN], ArrowDown: [0, -KEY_PAN] };
    const m = moves[e.key];
    if (!m || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    store.setViewport({ ...viewport, x: viewport.x + m[0], y: viewport.y + m[1] });
  };

  // ---- what is visible ----
  const detail = detailForScale(viewport.scale);
  const view = visibleWorld(viewport, size.w, size.h);
  const margin = 40 / viewport.scale;
  const area = { x: view.x - margin, y: view.y - margin, w: view.w + 2 * margin, h: view.h + 2 * margin };
  const visibleNodes = size.w > 0 ? index.nodesIn(area) : [];
  const visibleLinks = size.w > 0 ? index.linksIn(area) : [];
  const underLinks = visibleLinks.filter((i) => scene.links[i]!.under);
  const innerLinks = viewport.scale >= INNER_LINK_MIN_SCALE ? visibleLinks.filter((i) => !scene.links[i]!.under) : [];
  const overview = visibleNodes.length > NODE_BUDGET;
  const containers = visibleNodes.filter((i) => scene.nodes[i]!.look.container);
  const contents = visibleNodes.filter((i) => !scene.nodes[i]!.look.container);
  const selectedNodes = selection.elements.size ? visibleNodes.filter((i) => selection.elements.has(scene.nodes[i]!.id)) : [];
  const selectedLinks = selection.links.size ? visibleLinks.filter((i) => selection.links.has(scene.links[i]!.id)) : [];
  // Problem marks: walk the (few) elements with problems rather than the (many) visible nodes.
  const problemMarks: { index: number; level: ProblemLevel }[] = [];
  if (size.w > 0) {
    for (const [id, level] of worst) {
      const i = scene.nodeIndex.get(id);
      const n = i === undefined ? undefined : scene.nodes[i];
      if (n && n.x < area.x + area.w && n.x + n.w > area.x && n.y < area.y + area.h && n.y + n.h > area.y) problemMarks.push({ index: i!, level });
    }
  }
  const minStroke = 0.75 / viewport.scale;
  const layerProps = { x: viewport.x, y: viewport.y, scaleX: viewport.scale, scaleY: viewport.scale, listening: false };

  // Screen rectangle of a single selected element, for assistive tech and end-to-end tests.
  const only = selectedNodes.length === 1 ? scene.nodes[selectedNodes[0]!]! : null;
  const selectionRect = only
    ? [only.x * viewport.scale + viewport.x, only.y * viewport.scale + viewport.y, only.w * viewport.scale, only.h * viewport.scale].map((v) => Math.round(v)).join(',')
    : undefined;

  const nodesOf = (list: number[]) =>
    overview ? (
      <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => void paintNodes(ctx._context, scene.nodes, list, palette, detail, viewport.scale)} />
    ) : (
      list.map((i) => <NodeShape key={scene.nodes[i]!.id} node={scene.nodes[i]!} palette={palette} detail={detail} minStroke={minStroke} />)
    );

  const gridSize = 24 * viewport.scale;
  return (
    <div
      ref={(el) => {
        hostRef.current = el;
        registerCanvasHost(el);
      }}
      className={`canvas-host${panning ? ' panning' : spaceDown ? ' space' : ''}`}
      tabIndex={0}
      role="application"
      aria-roledescription="diagram canvas"
      aria-label={`Diagram of ${design.meta.name}: ${visibleNodes.length} elements in view. Arrow keys pan, plus and minus zoom, 0 fits.`}
      data-testid="canvas"
      data-visible-nodes={visibleNodes.length}
      data-visible-links={underLinks.length + innerLinks.length}
      data-mode={overview ? 'overview' : 'detail'}
      data-selection-rect={selectionRect}
      data-moving={ghost ? 'true' : undefined}
      data-wiring={wirePreview ? wirePreview.status : undefined}
      data-heatmap={heat ? (stale ? 'stale' : 'on') : 'off'}
      data-heat-links={heat ? heat.bands.size : 0}
      data-problem-marks={problemMarks.length}
      style={{
        backgroundImage: gridSize >= 8 ? `radial-gradient(${palette.grid} 1px, transparent 1px)` : undefined,
        backgroundSize: `${gridSize}px ${gridSize}px`,
        backgroundPosition: `${viewport.x}px ${viewport.y}px`,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        wire.current?.cancel();
        tool.current?.cancel();
      }}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
    >
      {size.w > 0 && size.h > 0 ? (
        <Stage width={size.w} height={size.h} listening={false}>
          <Layer {...layerProps}>
            <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintLinks(ctx._context, scene.links, underLinks, palette, viewport.scale, heat)} />
            <Group listening={false}>{nodesOf(containers)}</Group>
            <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintLinks(ctx._context, scene.links, innerLinks, palette, viewport.scale, heat)} />
            <Group listening={false}>{nodesOf(contents)}</Group>
          </Layer>
          <Layer {...layerProps}>
            <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintProblems(ctx._context, scene.nodes, problemMarks, palette, viewport.scale)} />
            <Shape
              listening={false}
              perfectDrawEnabled={false}
              sceneFunc={(ctx) => paintSelection(ctx._context, scene.nodes, scene.links, selectedNodes, selectedLinks, palette, viewport.scale)}
            />
            {ghost ? (
              <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintMoveGhost(ctx._context, scene.nodes, ghost.session, ghost, palette, detail, minStroke)} />
            ) : null}
            {wirePreview ? <WireLine preview={wirePreview} palette={palette} scale={viewport.scale} /> : null}
          </Layer>
        </Stage>
      ) : null}
      {brush ? <div className="rubber-band" data-testid="rubber-band" style={{ left: brush.x, top: brush.y, width: brush.w, height: brush.h }} /> : null}
      {wirePreview ? <WireHint preview={wirePreview} canvasWidth={size.w} /> : null}
      {size.w > 0 ? <Minimap scene={scene} viewport={viewport} size={size} palette={palette} onViewport={(v) => store.setViewport(v)} /> : null}
      {heat ? <HeatLegend stale={stale} /> : null}
      {scene.nodes.length === 0 ? (
        <div className="canvas-empty">
          <div>
            <strong>This design is empty.</strong>
            <br />
            Start from a template with File › New, or import a topology JSON file.
          </div>
        </div>
      ) : null}
    </div>
  );
}

function hasAncestorIn(elements: Readonly<Record<string, { parent: string | null }>>, id: string, set: ReadonlySet<string>): boolean {
  let p = elements[id]?.parent ?? null;
  for (let guard = 0; p !== null && guard < 64; guard++) {
    if (set.has(p)) return true;
    p = elements[p]?.parent ?? null;
  }
  return false;
}

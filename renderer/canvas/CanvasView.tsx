/**
 * The canvas: draws the design's scene with react-konva, culled to the viewport, and handles pan, zoom and
 * the select tool (click, Shift-click, rubber band, drag to move; renderer/tools/select-tool.ts). A move
 * previews the dragged nodes in the overlay layer and commits one command on release (./move-session.ts).
 * A press on a port marker goes to the wiring tool instead (./wiring.tsx, renderer/tools/wire-tool.ts);
 * right click opens the context menu; the minimap sits in a corner (./Minimap.tsx). The wheel pans and Ctrl+wheel
 * or a pinch zooms (./view-ops.ts wheelAction), once per frame; a hovered port is outlined and named
 * (./port-hover.tsx); a palette drag outlines its target server (./drop-target.ts).
 *
 * Konva structure: one "diagram" layer whose groups keep paint order (cables under servers, servers,
 * links inside servers, contents) and one "overlay" layer for the selection, so changing the selection
 * redraws only the overlay. Nothing listens for Konva events: hit testing uses the scene's grid index,
 * which stays fast at 50,000 elements where a per-shape hit canvas would not.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement, type RefObject } from 'react';
import type { Bounds } from '../../shared/scene/types';
import { SCENE_LAYERS } from '../../shared/scene/layers';
import { SelectTool, type ToolPointer } from '../tools/select-tool';
import { registerCanvasHost, useDropHover } from './drop-target';
import { MoveSession, paintMoveGhost } from './move-session';
import { Group, Layer, Shape, Stage } from 'react-konva';
import type Konva from 'konva';
import type { Palette } from '../../shared/scene/palette';
import type { Detail, SceneNode } from '../../shared/scene/types';
import { detailForScale, fitBounds, screenToWorld } from '../../shared/scene/viewport';
import { elementsWithinAtScale, hitAtScale } from '../../shared/scene/summary';
import { useAppStore, useStoreState } from '../state/use-store';
import { isTextTarget } from '../actions/keys';
import { worstByElement } from '../validation/problems-model';
import { useFailedMarks, useLinkHeat } from './use-link-heat';
import { paintFailed } from '../../shared/scene/paint-failed';
import { HeatLegend } from './HeatLegend';
import { paintLinks, paintLook, paintNodes, paintProblems, paintSelection } from './paint';
import { indexedSceneOf, readySceneOf, sceneBuildSlice, viewSceneOf } from './scene-cache';
import { addWheel, applyWheel, wheelAction, type PendingWheel } from './view-ops';
import { useViewPrefs } from './view-prefs';
import { OverviewBitmap, overviewFits } from './overview-bitmap';
import { INNER_LINK_MIN_SCALE, NODE_BUDGET, visibleFor } from './visible';
import { useSettledView } from './use-settled';
import { labelsInView, paintLabels } from './link-labels';
import { usePalette } from './use-theme';
import { useWireTool, WireHint, WireLine } from './wiring';
import { PortHoverMark, PortTip, portTipText, portUnder, samePort, type PortHover } from './port-hover';
import { overlays } from '../actions/overlays';
import { Minimap, MinimapShowButton, wholeDesignInView } from './Minimap';
import { usePanelLayout } from '../components/panel-layout';
import { LayerBar } from './LayerBar';
import { hasAncestorIn } from './records';
import { collapseToolHost } from '../actions/collapse';
import { RenameField } from './RenameField';
import { renameOnDoubleClick } from './rename-state';

/** Pixels an arrow key pans. */
const KEY_PAN = 60;
/** Milliseconds a render may spend placing link labels not placed before; the rest wait for the next frame. */
const LABEL_BUDGET_MS = 6;

const NodeShape = memo(function NodeShape({ node, palette, detail, minStroke }: { node: SceneNode; palette: Palette; detail: Detail; minStroke: number }) {
  return (
    <Group x={node.x} y={node.y} listening={false}>
      <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintLook(ctx._context, node.look, 0, 0, palette, detail, minStroke)} />
    </Group>
  );
});

/** The outline of the server a dragged palette item would go into (accent), or that refuses it (error colour). */
function DropTargetMark({ node, refused, palette, scale }: { node: SceneNode; refused: boolean; palette: Palette; scale: number }): ReactElement {
  const color = refused ? palette['problem.error'] : palette.selection;
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        const c = ctx._context;
        const pad = 3 / scale;
        c.save();
        c.globalAlpha = 0.1;
        c.fillStyle = color;
        c.fillRect(node.x, node.y, node.w, node.h);
        c.globalAlpha = 1;
        c.strokeStyle = color;
        c.lineWidth = 2.5 / scale;
        if (refused) c.setLineDash([6 / scale, 4 / scale]);
        c.strokeRect(node.x - pad, node.y - pad, node.w + 2 * pad, node.h + 2 * pad);
        c.restore();
      }}
    />
  );
}

/** Milliseconds of a large design's scene built per task while it opens: frames and input get the rest. */
const BUILD_SLICE_MS = 24;

/**
 * The canvas of the open design. A design too large to draw within a frame (./scene-cache.ts
 * SLICED_BUILD_MIN_ELEMENTS) first has its scene built a slice per task, with the progress shown where the diagram
 * will be, so opening a 10,000-host fabric never freezes the window; then the diagram is drawn.
 */
export function CanvasView(): ReactElement {
  const design = useStoreState((s) => s.doc!.design);
  // Which zoom-to-fit request has been carried out: kept here, so the diagram mounting after a build does not repeat it.
  const fitDoneRef = useRef(0);
  const ready = readySceneOf(design) !== null;
  const [progress, setProgress] = useState(0);
  useEffect(() => {
    if (ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      const p = sceneBuildSlice(design, BUILD_SLICE_MS);
      setProgress(p);
      // The next slice in a new task, after any frame that is due: the progress repaints and input is handled.
      if (p < 1) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [design, ready]);
  if (!ready) return <SceneBuildProgress progress={progress} />;
  return <LiveCanvas fitDoneRef={fitDoneRef} />;
}

/** Where the diagram will be while its scene is built: a progress bar, announced to assistive tech. */
function SceneBuildProgress({ progress }: { progress: number }): ReactElement {
  const percent = Math.floor(progress * 100);
  return (
    <div className="canvas-host" data-testid="canvas" data-render="building" aria-busy="true">
      <div className="layout-progress" role="status" aria-label="Drawing the diagram" data-testid="scene-progress" data-progress={percent}>
        <span className="text">Drawing the diagram… {percent} %</span>
        <progress value={progress} max={1} aria-label="Drawing the diagram" />
      </div>
    </div>
  );
}

function LiveCanvas({ fitDoneRef }: { fitDoneRef: RefObject<number> }): ReactElement {
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
  // The bitmap layer is drawn again after each frame of a bitmap repaint (./overview-bitmap.ts paints across frames).
  const bitmapLayer = useRef<Konva.Layer | null>(null);
  const bitmap = useRef<OverviewBitmap>(null!);
  bitmap.current ??= new OverviewBitmap(() => bitmapLayer.current?.batchDraw());
  const [spaceDown, setSpaceDown] = useState(false);
  const [panning, setPanning] = useState(false);
  // Bumped to render again while link labels are still being placed (see LABEL_BUDGET_MS).
  const [, setLabelRound] = useState(0);
  // The port under a pointer that is not pressed: outlined and named (./port-hover.tsx).
  const [hoverPort, setHoverPort] = useState<PortHover | null>(null);

  // The scene as this window shows it: the user's routing style and layers (View menu).
  const prefs = useViewPrefs();
  const layout = usePanelLayout();
  const { scene, index } = useMemo(() => viewSceneOf(design, prefs.layers, prefs.routing), [design, prefs]);
  const baseNodeCount = useMemo(() => indexedSceneOf(design).scene.nodes.length, [design]);
  // A palette item dragged over the canvas: the server it would go into, or refuses it (./drop-target.ts).
  const dropHover = useDropHover();
  const dropNode = dropHover && dropHover.status !== 'off' && dropHover.host ? scene.nodes[scene.nodeIndex.get(dropHover.host) ?? -1] : undefined;

  // Utilisation heatmap (or what-if diff) of the last simulation run, faded once the design has changed since.
  const { heat, stale } = useLinkHeat(design);
  const failed = useFailedMarks(design, scene);
  const worst = useMemo(() => worstByElement(diagnostics), [diagnostics]);

  // Once the view rests, the overview bitmap is repainted sharp and costly counts are taken (./use-settled.ts).
  const rested = useSettledView(scene, index, viewport, size);

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
    if (fitRequest === fitDoneRef.current || size.w === 0 || size.h === 0) return;
    fitDoneRef.current = fitRequest;
    store.setViewport(fitBounds(scene.bounds, size.w, size.h));
  }, [fitRequest, size, scene, store]);

  // The wheel pans (Shift: sideways), Ctrl/⌘+wheel and a pinch zoom about the pointer (./view-ops.ts wheelAction).
  // Registered natively because React's wheel listener is passive. A mouse or trackpad sends several events per
  // frame; they are gathered and applied once per animation frame, so a burst costs one render, not one each.
  useEffect(() => {
    const el = hostRef.current!;
    let pending: PendingWheel | null = null;
    let frame = 0;
    const flush = () => {
      frame = 0;
      const p = pending;
      pending = null;
      if (p) store.setViewport(applyWheel(store.getState().viewport, p));
      // The view moved under the pointer: the port named a moment ago is no longer the one under it.
      setHoverPort(null);
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      pending = addWheel(pending, wheelAction(e), e.clientX - r.left, e.clientY - r.top);
      if (!frame) frame = requestAnimationFrame(flush);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      cancelAnimationFrame(frame);
    };
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
      return hitAtScale(live.current.index, w.x, w.y, 5 / v.scale, v.scale);
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
    ...collapseToolHost(store, () => live.current),
    enclosed: (r) => {
      const v = live.current.viewport;
      const a = screenToWorld(v, r.x, r.y);
      const ids = elementsWithinAtScale(live.current.index, { x: a.x, y: a.y, w: r.w / v.scale, h: r.h / v.scale }, v.scale);
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
    setHoverPort(null);
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
    const idle = e.buttons === 0 && wire.current?.stateName === 'idle' && !spaceDown;
    const port = idle ? portUnder(live.current, p.x, p.y) : null;
    if (!samePort(port, hoverPort)) setHoverPort(port);
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
    const hit = hitAtScale(live.current.index, w.x, w.y, 5 / v.scale, v.scale);
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
  const dpr = window.devicePixelRatio || 1;
  // Zoomed out on a large design, the whole diagram is one bitmap moved per frame (./overview-bitmap.ts).
  const bitmapMode = size.w > 0 && detail === 0 && scene.nodes.length > NODE_BUDGET && overviewFits(scene.bounds, viewport.scale, dpr);
  // Zoomed in past the overview: give the bitmap's memory back (it is painted again when needed).
  useEffect(() => {
    if (!bitmapMode) bitmap.current.release();
  }, [bitmapMode]);
  const { underLinks, innerLinks, containers, contents, overview, selectedNodes, selectedLinks, problemMarks, counts: liveCounts } = visibleFor(
    scene,
    index,
    viewport,
    size,
    selection,
    worst,
    bitmapMode,
  );
  const counts = liveCounts ?? rested.counts;
  // Link labels (speed, PCIe width) only at full detail, like every other fine print.
  const labels = detail === 2;
  // New labels are placed for up to LABEL_BUDGET_MS per render; the rest follow in the next frames (./link-labels.ts).
  const linkLabels = labels ? labelsInView(design, scene, index, underLinks, innerLinks, LABEL_BUDGET_MS) : null;
  const labelsPending = linkLabels?.pending ?? false;
  useEffect(() => {
    if (!labelsPending) return;
    const f = requestAnimationFrame(() => setLabelRound((n) => n + 1));
    return () => cancelAnimationFrame(f);
  });
  const minStroke = 0.75 / viewport.scale;
  const layerProps = { x: viewport.x, y: viewport.y, scaleX: viewport.scale, scaleY: viewport.scale, listening: false };

  // Screen rectangle of a single selected element, for assistive tech and end-to-end tests.
  const only = selectedNodes.length === 1 ? scene.nodes[selectedNodes[0]!]! : null;
  const selectionRect = only
    ? [only.x * viewport.scale + viewport.x, only.y * viewport.scale + viewport.y, only.w * viewport.scale, only.h * viewport.scale].map((v) => Math.round(v)).join(',')
    : undefined;

  // A large design is painted in one shape per group even when few of its nodes are in view: a pan at 100 % brings
  // nodes in and out every frame, and mounting a React element and a Konva group for each cost more than painting it.
  const nodesOf = (list: number[]) =>
    overview || scene.nodes.length > NODE_BUDGET ? (
      <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => void paintNodes(ctx._context, scene.nodes, list, palette, detail, viewport.scale)} />
    ) : (
      list.map((i) => <NodeShape key={scene.nodes[i]!.id} node={scene.nodes[i]!} palette={palette} detail={detail} minStroke={minStroke} />)
    );

  // A hovered port stays named only while it is still drawn where it was found (a zoom below full detail hides it).
  const shownPort = hoverPort && detail === 2 && scene.nodeIndex.has(hoverPort.element) ? hoverPort : null;

  const gridSize = 24 * viewport.scale;
  // Empty means the design, not the view: hidden layers can leave nothing drawn in a design that has elements.
  // (Every top-level element is drawn in the full scene, so its node count answers without touching the ids.)
  const empty = baseNodeCount === 0;
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
      aria-label={`Diagram of ${design.meta.name}: ${counts ? counts.nodes : 'many'} elements in view. Arrow keys and the wheel pan, plus and minus or Ctrl+wheel zoom, 0 fits.`}
      data-testid="canvas"
      data-visible-nodes={counts?.nodes}
      data-visible-links={counts?.links}
      data-mode={overview ? 'overview' : 'detail'}
      data-render={bitmapMode ? 'bitmap' : 'live'}
      data-layers={SCENE_LAYERS.filter((l) => prefs.layers.has(l)).join(',')}
      data-routing={prefs.routing}
      data-link-labels={linkLabels ? linkLabels.under.length + linkLabels.inner.length : 0}
      data-selection-rect={selectionRect}
      data-moving={ghost ? 'true' : undefined}
      data-wiring={wirePreview ? wirePreview.status : undefined}
      data-heatmap={heat ? (stale ? 'stale' : 'on') : 'off'}
      data-heat-links={heat ? heat.bands.size : 0}
      data-problem-marks={problemMarks.length}
      data-drop-target={dropNode ? `${dropNode.id}:${dropHover!.status}` : undefined}
      data-failed-marks={failed.count}
      style={{
        backgroundImage: gridSize >= 8 ? `radial-gradient(${palette.grid} 1px, transparent 1px)` : undefined,
        backgroundSize: `${gridSize}px ${gridSize}px`,
        backgroundPosition: `${viewport.x}px ${viewport.y}px`,
      }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerLeave={() => setHoverPort(null)}
      onPointerCancel={() => {
        wire.current?.cancel();
        tool.current?.cancel();
      }}
      onKeyDown={onKeyDown}
      onDoubleClick={(e) => {
        tool.current?.doubleClick(local(e));
        renameOnDoubleClick(store, live.current, local(e));
      }}
      onContextMenu={onContextMenu}
    >
      {size.w > 0 && size.h > 0 ? (
        <Stage width={size.w} height={size.h} listening={false}>
          {bitmapMode ? (
            <Layer listening={false} ref={bitmapLayer}>
              <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => {
                  bitmap.current.ensure({ scene, palette, heat, innerLinkMinScale: INNER_LINK_MIN_SCALE }, viewport.scale, dpr, rested.settled);
                  bitmap.current.draw(ctx._context, viewport, size);
                }}
              />
            </Layer>
          ) : (
            <Layer {...layerProps}>
              <Shape
                listening={false}
                perfectDrawEnabled={false}
                sceneFunc={(ctx) => {
                  paintLinks(ctx._context, scene.links, underLinks, palette, viewport.scale, heat);
                  // A cable's label sits with its cable: beneath the servers, as the cable passes behind them.
                  if (linkLabels) paintLabels(ctx._context, linkLabels.under, palette);
                }}
              />
              <Group listening={false}>{nodesOf(containers)}</Group>
              <Shape
                listening={false}
                perfectDrawEnabled={false}
                sceneFunc={(ctx) => {
                  paintLinks(ctx._context, scene.links, innerLinks, palette, viewport.scale, heat);
                  if (linkLabels) paintLabels(ctx._context, linkLabels.inner, palette);
                }}
              />
              <Group listening={false}>{nodesOf(contents)}</Group>
            </Layer>
          )}
          <Layer {...layerProps}>
            <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintProblems(ctx._context, scene.nodes, problemMarks, palette, viewport.scale)} />
            <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintFailed(ctx._context, scene.nodes, scene.links, failed.nodes, failed.links, viewport.scale)} />
            <Shape
              listening={false}
              perfectDrawEnabled={false}
              sceneFunc={(ctx) => paintSelection(ctx._context, scene.nodes, scene.links, selectedNodes, selectedLinks, palette, viewport.scale)}
            />
            {ghost ? (
              <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(ctx) => paintMoveGhost(ctx._context, scene.nodes, ghost.session, ghost, palette, detail, minStroke)} />
            ) : null}
            {wirePreview ? <WireLine preview={wirePreview} palette={palette} scale={viewport.scale} /> : null}
            {shownPort ? <PortHoverMark hit={shownPort} palette={palette} scale={viewport.scale} /> : null}
            {dropNode ? <DropTargetMark node={dropNode} refused={dropHover!.status === 'refused'} palette={palette} scale={viewport.scale} /> : null}
          </Layer>
        </Stage>
      ) : null}
      {brush ? <div className="rubber-band" data-testid="rubber-band" style={{ left: brush.x, top: brush.y, width: brush.w, height: brush.h }} /> : null}
      {wirePreview ? <WireHint preview={wirePreview} canvasWidth={size.w} /> : null}
      {shownPort ? <PortTip text={portTipText(design, shownPort)} hit={shownPort} viewport={viewport} canvasWidth={size.w} /> : null}
      <RenameField scene={scene} viewport={viewport} onEnd={(how) => how === 'keyboard' && hostRef.current?.focus()} />
      {size.w > 0 && !empty ? (
        layout.minimap ? (
          wholeDesignInView(scene.bounds, viewport, size) ? null : <Minimap scene={scene} viewport={viewport} size={size} palette={palette} onViewport={(v) => store.setViewport(v)} />
        ) : (
          <MinimapShowButton />
        )
      ) : null}
      {heat ? <HeatLegend stale={stale} /> : null}
      {empty ? null : <LayerBar />}
      {empty ? (
        <div className="canvas-empty" data-testid="canvas-empty">
          <div>
            <strong>This design is empty.</strong>
            <br />
            Drag a server, switch or NIC from the Palette on the left onto the canvas (or focus one and press Enter),
            <br />
            start from a template with File › New, or import a topology JSON file.
          </div>
        </div>
      ) : null}
    </div>
  );
}

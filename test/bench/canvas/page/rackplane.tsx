/**
 * Rackplane's engine page: mounts the app's own CanvasView (renderer/canvas) on an AppStore holding the
 * fabric design, exactly as the app does after File › New, and drives it through the same store calls
 * the app's gestures make: a drag-pan is store.setViewport (select-tool `panFrom`), a zoom step is
 * view-ops `zoomBy` (toolbar, keyboard). So the timed path is the real one: store → React → react-konva →
 * paint.ts over the culled scene from shared/scene. Not mounted: the validation and simulation workers
 * (no problem marks or heatmap are drawn), the panels and the rest of the window.
 *
 * ?view=fit starts zoomed to fit the whole design (what the app shows after opening it, the overview
 * level of detail); ?view=summary zooms in from there to 20 % (or ?scale=), server summaries painted live, and its
 * first render includes that zoom; the default starts at 100 % with the model origin top left, like the peer.
 */
import Konva from 'konva';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { Design } from '../../../../shared/model/design';
import { CanvasView } from '../../../../renderer/canvas/CanvasView';
import { zoomBy } from '../../../../renderer/canvas/view-ops';
import { AppStore } from '../../../../renderer/state/store';
import { StoreContext } from '../../../../renderer/state/use-store';
import { install } from './harness';

const view = new URLSearchParams(location.search).get('view');
const fit = view === 'fit' || view === 'summary';
/** ?view=summary: zoomed in from the fit view to this scale (or ?scale=), on server summaries past the overview bitmap. */
const SUMMARY_SCALE = Number(new URLSearchParams(location.search).get('scale') ?? 0.2);
let store: AppStore | null = null;
let root: Root | null = null;

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

install({
  name: view === 'summary' ? 'rackplane-summary' : fit ? 'rackplane-fit' : 'rackplane',
  version: `konva ${Konva.version}`,
  input: 'design',
  async build(design, el) {
    const s = new AppStore();
    store = s;
    const initial = s.getState().viewport;
    s.openDesign(design as Design, null);
    if (fit) s.requestFit();
    root = createRoot(el);
    flushSync(() =>
      root!.render(
        <StoreContext.Provider value={s}>
          <CanvasView />
        </StoreContext.Provider>,
      ),
    );
    // The stage appears once the canvas has reported its size (a layout effect, then a store update).
    while (!el.querySelector('canvas') || (fit && s.getState().viewport === initial)) await nextTask();
    if (view === 'summary') {
      zoomBy(s, SUMMARY_SCALE / s.getState().viewport.scale);
      await nextTask();
    }
  },
  pan(dx, dy) {
    const v = store!.getState().viewport;
    store!.setViewport({ scale: v.scale, x: v.x + dx, y: v.y + dy });
  },
  zoom(factor) {
    zoomBy(store!, factor);
  },
});

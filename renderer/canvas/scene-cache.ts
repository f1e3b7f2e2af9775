/** The scene and its spatial index per design object: built once per design version, shared by canvas and actions. */
import type { Design } from '../../shared/model/design';
import { patchScene } from '../../shared/scene/incremental';
import { sceneOf, sceneSteps } from '../../shared/scene/scene';
import { runSteps, scaled, type Steps } from '../../shared/scene/steps';
import { SceneIndex } from '../../shared/scene/spatial';
import type { Scene } from '../../shared/scene/types';
import { allLayersShown, sceneForLayers, SCENE_LAYERS, type SceneLayer } from '../../shared/scene/layers';
import { routeScene, type RoutingStyle } from '../../shared/scene/routing';

export interface IndexedScene {
  scene: Scene;
  index: SceneIndex;
}

const cache = new WeakMap<Design, IndexedScene>();
// The most recent design drawn: an edit usually derives the next one from it, and then the scene is
// patched (a rename on a 50,000-element design costs one pass over the ids, not a rebuild).
let last: { design: Design; indexed: IndexedScene } | null = null;
// Designs whose scene could not be patched from the last one: not tried again on every render of a sliced build.
const unpatchable = new WeakSet<Design>();

/**
 * Designs with at least this many elements are built a slice at a time between frames (sceneBuildSlice), with the
 * progress on the canvas, rather than in one task: a 10,000-host fabric's scene takes seconds, which would freeze the
 * window. Smaller ones (a 2,000-host fabric has 50,104 elements, about a second's work) are built at once, so the
 * diagram appears in the same frame as the design.
 */
export const SLICED_BUILD_MIN_ELEMENTS = 100_000;

/** Whether `design` has at least `min` elements (counted once per design object, and only up to `min`). */
const counted = new WeakMap<Design, { min: number; large: boolean }>();
function isLarge(design: Design, min: number): boolean {
  const known = counted.get(design);
  if (known?.min === min) return known.large;
  let n = 0;
  for (const _id in design.elements) if (++n >= min) break;
  counted.set(design, { min, large: n >= min });
  return n >= min;
}

function remember(design: Design, s: IndexedScene): IndexedScene {
  cache.set(design, s);
  last = { design, indexed: s };
  return s;
}

/** The scene of `design` patched from the last one drawn, when only what moves nothing changed (shared/scene/incremental.ts). */
function patched(design: Design): IndexedScene | null {
  if (!last || unpatchable.has(design)) return null;
  const scene = patchScene(last.design, last.indexed.scene, design);
  if (!scene) {
    unpatchable.add(design);
    return null;
  }
  return { scene, index: scene === last.indexed.scene ? last.indexed.index : new SceneIndex(scene, last.indexed.index) };
}

/** A whole build of the scene and its index as resumable work: the scene is most of it. */
function* indexedSceneSteps(design: Design): Steps<IndexedScene> {
  const scene = yield* scaled(sceneSteps(design), 0, 0.9);
  const index = yield* scaled(SceneIndex.build(scene), 0.9, 1);
  return { scene, index };
}

// The sliced build under way (one at a time: opening another design abandons it).
let pending: { design: Design; steps: Steps<IndexedScene>; progress: number } | null = null;

export function indexedSceneOf(design: Design): IndexedScene {
  const known = cache.get(design);
  if (known) {
    last = { design, indexed: known };
    return known;
  }
  const p = patched(design);
  if (p) return remember(design, p);
  // Asked for at once while a sliced build of it runs (an action on the design): finish that build now.
  const steps = pending?.design === design ? pending.steps : null;
  if (steps) pending = null;
  if (steps) return remember(design, runSteps(steps));
  const scene = sceneOf(design);
  return remember(design, { scene, index: new SceneIndex(scene) });
}

/** The scene of `design` when it can be had within a frame (known, patched or small); null when it needs a sliced build. */
export function readySceneOf(design: Design, minElements = SLICED_BUILD_MIN_ELEMENTS): IndexedScene | null {
  if (cache.has(design) || !isLarge(design, minElements)) return indexedSceneOf(design);
  const p = patched(design);
  return p ? remember(design, p) : null;
}

/**
 * Advances the sliced build of `design`'s scene by about `budgetMs` (it stops at the first progress report past
 * that) and returns its progress, 0–1; at 1 the scene is built and readySceneOf returns it.
 */
export function sceneBuildSlice(design: Design, budgetMs: number): number {
  if (cache.has(design)) return 1;
  if (pending?.design !== design) pending = { design, steps: indexedSceneSteps(design), progress: 0 };
  const job = pending;
  const end = performance.now() + budgetMs;
  do {
    const r = job.steps.next();
    if (r.done) {
      pending = null;
      remember(design, r.value);
      return 1;
    }
    job.progress = r.value;
  } while (performance.now() < end);
  return job.progress;
}

// Derived views of a scene (another routing style, hidden layers) with their own index, per base scene and per
// choice. The default choice is the base itself, so the usual path costs nothing extra.
const views = new WeakMap<Scene, Map<string, IndexedScene>>();

/** The scene of `design` as the window shows it: routed in `routing` and restricted to the `layers` shown. */
export function viewSceneOf(design: Design, layers: ReadonlySet<SceneLayer>, routing: RoutingStyle): IndexedScene {
  const base = indexedSceneOf(design);
  if (routing === 'orthogonal' && allLayersShown(layers)) return base;
  const key = `${routing}|${SCENE_LAYERS.filter((l) => layers.has(l)).join(',')}`;
  let m = views.get(base.scene);
  if (!m) {
    m = new Map();
    views.set(base.scene, m);
  }
  let s = m.get(key);
  if (!s) {
    const scene = sceneForLayers(design, routeScene(base.scene, routing), layers);
    // A patched base (an edit that moved nothing, see indexedSceneOf) keeps its links array and bounds: then the
    // derived scene has the geometry of the last one derived with this key, and its grids can be reused.
    const prev = lastView.get(key);
    const same = prev && prev.base.links === base.scene.links && prev.base.bounds === base.scene.bounds && prev.view.scene.nodes.length === scene.nodes.length;
    s = { scene, index: same ? new SceneIndex(scene, prev.view.index) : new SceneIndex(scene) };
    m.set(key, s);
  }
  lastView.set(key, { base: base.scene, view: s });
  return s;
}

// The last derived view per choice, for reusing its index after an edit that moved nothing.
const lastView = new Map<string, { base: Scene; view: IndexedScene }>();

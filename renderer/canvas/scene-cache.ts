/** The scene and its spatial index per design object: built once per design version, shared by canvas and actions. */
import type { Design } from '../../shared/model/design';
import { patchScene } from '../../shared/scene/incremental';
import { sceneOf } from '../../shared/scene/scene';
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

export function indexedSceneOf(design: Design): IndexedScene {
  let s = cache.get(design);
  if (!s) {
    const patched = last ? patchScene(last.design, last.indexed.scene, design) : null;
    if (patched) {
      s = { scene: patched, index: patched === last!.indexed.scene ? last!.indexed.index : new SceneIndex(patched, last!.indexed.index) };
    } else {
      const scene = sceneOf(design);
      s = { scene, index: new SceneIndex(scene) };
    }
    cache.set(design, s);
  }
  last = { design, indexed: s };
  return s;
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

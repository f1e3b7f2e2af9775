/** The scene and its spatial index per design object: built once per design version, shared by canvas and actions. */
import type { Design } from '../../shared/model/design';
import { patchScene } from '../../shared/scene/incremental';
import { sceneOf } from '../../shared/scene/scene';
import { SceneIndex } from '../../shared/scene/spatial';
import type { Scene } from '../../shared/scene/types';

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

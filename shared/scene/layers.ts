/**
 * Diagram layers: physical PCIe, Ethernet and virtual (VMs, vSwitches and their attachments). Which layer each
 * element and link kind belongs to, and a scene restricted to the layers shown. The canvas's View ▸ Layers and
 * the exports' `layers` option (shared/export/selection.ts) both use these, so they hide the same things.
 */
import type { Design } from '../model/design';
import { exhaustive, type ElementKind } from '../model/elements';
import type { LinkKind } from '../model/links';
import type { Scene, SceneNode } from './types';

/** Layers a diagram can show or hide; hosts and NICs belong to every layer (they are where the layers meet). */
export const SCENE_LAYERS = ['pcie', 'ethernet', 'virtual'] as const;
export type SceneLayer = (typeof SCENE_LAYERS)[number];

/** Which layer an element kind belongs to; null for kinds drawn on every layer. */
export function elementLayer(kind: ElementKind): SceneLayer | null {
  switch (kind) {
    case 'host':
    case 'nic':
      return null;
    case 'rootComplex':
    case 'pcieSwitch':
    case 'endpoint':
      return 'pcie';
    case 'tor':
    case 'fex':
    case 'storage':
      return 'ethernet';
    case 'vm':
    case 'vswitch':
      return 'virtual';
    default:
      return exhaustive(kind);
  }
}

/** Which layer a link kind belongs to. */
export function linkLayer(kind: LinkKind): SceneLayer {
  switch (kind) {
    case 'pcie':
      return 'pcie';
    case 'ethernet':
    case 'sChannel':
      return 'ethernet';
    case 'vnic':
    case 'vf':
    case 'passthrough':
    case 'uplink':
      return 'virtual';
    default:
      return exhaustive(kind);
  }
}

/** True when every layer is in `shown` (the scene needs no filtering). */
export const allLayersShown = (shown: ReadonlySet<SceneLayer>): boolean => SCENE_LAYERS.every((l) => shown.has(l));

/**
 * The scene with only what `shown` keeps: elements of hidden layers go, and so does every link whose layer is
 * hidden or one of whose ends is no longer drawn (an end folded into a collapsed server counts as that server).
 * Returns `scene` itself when every layer is shown. Bounds stay those of the whole scene, so hiding a layer does
 * not move the view or the grid under the user's pointer.
 */
export function sceneForLayers(design: Design, scene: Scene, shown: ReadonlySet<SceneLayer>): Scene {
  if (allLayersShown(shown)) return scene;
  const keepNode = (n: SceneNode) => {
    const layer = elementLayer(n.kind);
    return layer === null || shown.has(layer);
  };
  const nodes = scene.nodes.filter(keepNode);
  const nodeIndex = new Map<string, number>();
  nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  // The node an end is drawn as: itself, or the nearest drawn ancestor standing in for it; null when hidden.
  const drawnAs = (id: string): string | null => {
    let cur: string | null = id;
    for (let guard = 0; cur !== null && guard < 16; guard++) {
      if (nodeIndex.has(cur)) return cur;
      if (scene.nodeIndex.has(cur)) return null;
      cur = design.elements[cur]?.parent ?? null;
    }
    return null;
  };
  const links = scene.links.filter((l) => {
    const link = design.links[l.id];
    return !!link && shown.has(linkLayer(l.kind)) && drawnAs(link.a.element) !== null && drawnAs(link.b.element) !== null;
  });
  return { nodes, links, nodeIndex, bounds: scene.bounds };
}

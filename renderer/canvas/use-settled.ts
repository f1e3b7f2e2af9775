/**
 * What is known once the view rests (no pan or zoom for SETTLE_MS): the overview bitmap may then be repainted
 * sharp at the exact scale, and visible counts that need the full grid query (bitmap mode with part of the
 * design in view) are computed once, not every frame of a gesture.
 */
import { useEffect, useState } from 'react';
import type { SceneIndex } from '../../shared/scene/spatial';
import type { Scene } from '../../shared/scene/types';
import type { Viewport } from '../../shared/scene/viewport';
import { countVisible, drawArea, type VisibleCounts } from './visible';

/** How long a view must rest before it counts as settled. */
const SETTLE_MS = 150;

export interface SettledView {
  /** True once the current scale has rested. */
  settled: boolean;
  /** Counts for the current viewport and scene, once rested there; null during a gesture. */
  counts: VisibleCounts | null;
}

export function useSettledView(scene: Scene, index: SceneIndex, viewport: Viewport, size: { w: number; h: number }): SettledView {
  const [scale, setScale] = useState(0);
  const [rest, setRest] = useState<{ viewport: Viewport; scene: Scene; counts: VisibleCounts } | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      setScale(viewport.scale);
      if (size.w > 0) setRest({ viewport, scene, counts: countVisible(scene, index, drawArea(viewport, size.w, size.h), viewport.scale) });
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [viewport, scene, index, size]);
  return { settled: scale === viewport.scale, counts: rest && rest.viewport === viewport && rest.scene === scene ? rest.counts : null };
}

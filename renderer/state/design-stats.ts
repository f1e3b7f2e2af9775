/** Counts derived from a design, computed once per design object (several panels show them). */
import { countByKind, type Design } from '../../shared/model/design';
import type { ElementKind } from '../../shared/model/elements';

export interface DesignStats {
  byKind: Record<ElementKind, number>;
  links: number;
}

const cache = new WeakMap<Design, DesignStats>();

export function statsOf(design: Design): DesignStats {
  let s = cache.get(design);
  if (!s) {
    s = { byKind: countByKind(design), links: Object.keys(design.links).length };
    cache.set(design, s);
  }
  return s;
}

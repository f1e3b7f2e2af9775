/**
 * What the canvas overlays from the simulation: the heatmap (utilisation bands, or with what-if failures in the
 * run, the diff against the run without them) and the failed-element marks, which show whatever the heatmap state.
 * Hooks, so CanvasView takes them in a line each.
 */
import { useMemo } from 'react';
import type { Design } from '../../shared/model/design';
import { heatBand, linkUtilisation } from '../../shared/scene/heatmap';
import { DIFF_COLORS, diffBands } from '../../shared/scene/heat-diff';
import type { LinkPath, SceneNode } from '../../shared/scene/types';
import { isStale } from '../simulation/controller';
import { failedMarks } from '../simulation/failure-edit';
import { useSimState } from '../simulation/use-simulation';
import type { LinkHeat } from './paint';

/** The heatmap to paint (null when off or without results), and whether its results are stale. */
export function useLinkHeat(design: Design): { heat: LinkHeat | null; stale: boolean } {
  const results = useSimState((s) => s.results);
  const on = useSimState((s) => s.heatmap);
  const stale = useSimState((s) => isStale(s, design));
  const bands = useMemo(() => {
    if (!results) return null;
    const util = linkUtilisation(results.result.resources);
    if (results.whatIf) return { bands: diffBands(util.keys(), results.whatIf.links), colors: DIFF_COLORS };
    const m = new Map<string, number>();
    for (const [link, u] of util) m.set(link, heatBand(u));
    return { bands: m, colors: undefined };
  }, [results]);
  const heat = useMemo(() => (on && bands ? { bands: bands.bands, stale, ...(bands.colors ? { colors: bands.colors } : {}) } : null), [on, bands, stale]);
  return { heat, stale };
}

/**
 * Indices into the scene's nodes and links of the failed elements and cables of the scenario being edited, and how
 * many elements and links are marked (a cable may be drawn as several paths).
 */
export function useFailedMarks(design: Design, scene: { nodes: readonly SceneNode[]; links: readonly LinkPath[] }): { nodes: number[]; links: number[]; count: number } {
  const failures = useSimState((s) => s.draft.failures);
  return useMemo(() => {
    if (failures.length === 0) return { nodes: [], links: [], count: 0 };
    const marks = failedMarks(design, failures);
    const nodes: number[] = [];
    const links: number[] = [];
    scene.nodes.forEach((n, i) => marks.elements.has(n.id) && nodes.push(i));
    scene.links.forEach((l, i) => marks.links.has(l.id) && links.push(i));
    const count = new Set([...nodes.map((i) => scene.nodes[i]!.id), ...links.map((i) => scene.links[i]!.id)]).size;
    return { nodes, links, count };
  }, [design, scene, failures]);
}

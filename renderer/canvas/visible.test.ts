// What the canvas draws per zoom: full detail at 50 % and above; below it, summaries of the top-level elements only
// (no server contents, no links inside servers), painted in one pass by the level-of-detail painter.
import { describe, expect, test } from 'vitest';
import { sceneOf } from '../../shared/scene/scene';
import { SceneIndex } from '../../shared/scene/spatial';
import { SUMMARY_MAX_SCALE } from '../../shared/scene/summary';
import { makeTemplate } from '../../shared/templates';
import { countVisible, INNER_LINK_MIN_SCALE, visibleFor } from './visible';

const scene = sceneOf(makeTemplate('rack', { hosts: 8, vmsPerHost: 10 }));
const index = new SceneIndex(scene);
const none = { elements: new Set<string>(), links: new Set<string>() };
const b = scene.bounds!;
/** A view of the whole design at `scale`, from its top-left corner. */
const at = (scale: number) => visibleFor(scene, index, { scale, x: -b.x * scale, y: -b.y * scale }, { w: b.w * scale + 1, h: b.h * scale + 1 }, none, new Map(), false);

describe('visibleFor and the level of detail', () => {
  test('at full detail: every container and content, links inside servers, one shape per node', () => {
    const v = at(SUMMARY_MAX_SCALE);
    expect(v.containers).toHaveLength(8);
    expect(v.contents.length).toBe(scene.nodes.length - 8);
    expect(v.innerLinks.length).toBeGreaterThan(0);
    expect(v.overview).toBe(false);
  });

  test('zoomed out: the servers and switches only, no links inside servers, painted as one overview shape', () => {
    const v = at(SUMMARY_MAX_SCALE * 0.9);
    expect(v.containers).toHaveLength(8);
    expect(v.contents.map((i) => scene.nodes[i]!.kind)).toEqual(['tor', 'tor']);
    expect(v.innerLinks).toEqual([]);
    expect(v.underLinks.length).toBeGreaterThan(0);
    expect(v.overview).toBe(true);
    // The counts still say what is in view, drawn or summarised.
    expect(v.counts?.nodes).toBe(scene.nodes.length);
  });

  test('inner links stop exactly where summaries start (the overview bitmap uses the same threshold)', () => {
    expect(INNER_LINK_MIN_SCALE).toBe(SUMMARY_MAX_SCALE);
  });

  test('counts taken once the view rests match what the live painter lists, for part of the design and all of it', () => {
    for (const scale of [SUMMARY_MAX_SCALE, SUMMARY_MAX_SCALE * 0.9]) {
      for (const area of [{ x: b.x, y: b.y, w: b.w / 3, h: b.h / 2 }, { x: b.x - 1, y: b.y - 1, w: b.w + 2, h: b.h + 2 }]) {
        const drawn = index.linksIn(area).filter((i) => scene.links[i]!.part !== 'inside' && (scale >= INNER_LINK_MIN_SCALE || scene.links[i]!.under));
        expect(countVisible(scene, index, area, scale)).toEqual({ nodes: index.nodesIn(area).length, links: drawn.length });
      }
    }
    // Part of the design really is part of it.
    expect(countVisible(scene, index, { x: b.x, y: b.y, w: b.w / 3, h: b.h / 2 }, 1).nodes).toBeLessThan(scene.nodes.length);
  });
});

import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../templates';
import { sceneOf, sceneSteps } from './scene';
import { SceneIndex } from './spatial';
import { runSteps } from './steps';

// Five racks of 40 hosts under four spines (5,104 elements): cables inside servers, between racks and up to the spines,
// and bundles to nudge; large enough that placing, routing and indexing each report progress more than once.
const design = makeTemplate('fabric', { hosts: 200, vmsPerHost: 20 });

describe('scene build as resumable work', () => {
  test('run a slice at a time, it builds the scene sceneOf builds, reporting rising progress within 0–1', () => {
    const steps = sceneSteps(design);
    const progress: number[] = [];
    let r = steps.next();
    while (!r.done) {
      progress.push(r.value);
      r = steps.next();
    }
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p, i) => p >= 0 && p <= 1 && (i === 0 || p >= progress[i - 1]!))).toBe(true);
    expect(r.value).toEqual(sceneOf(design));
  });

  test('the index built in slices answers queries as the one built at once', () => {
    const scene = sceneOf(design);
    const sliced = runSteps(SceneIndex.build(scene));
    const whole = new SceneIndex(scene);
    const b = scene.bounds!;
    // The whole design, a quarter of it, and a point on the first server.
    for (const area of [b, { x: b.x, y: b.y, w: b.w / 2, h: b.h / 2 }]) {
      expect(sliced.nodesIn(area)).toEqual(whole.nodesIn(area));
      expect(sliced.linksIn(area)).toEqual(whole.linksIn(area));
    }
    expect(whole.nodesIn(b)).toHaveLength(scene.nodes.length);
    const n = scene.nodes[0]!;
    expect(sliced.hitTest(n.x + 2, n.y + 2, 1)).toEqual(whole.hitTest(n.x + 2, n.y + 2, 1));
  });
});

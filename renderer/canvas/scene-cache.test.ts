import { expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { sceneOf } from '../../shared/scene/scene';
import { indexedSceneOf, readySceneOf, sceneBuildSlice } from './scene-cache';

// 5,104 elements; the tests below call it large by passing a lower threshold than the app's.
const LARGE = 5_000;

test('a large design is built a slice at a time, then drawn from the scene sceneOf builds', () => {
  const design = makeTemplate('fabric', { hosts: 200, vmsPerHost: 20 });
  expect(readySceneOf(design, LARGE)).toBeNull();
  const progress: number[] = [];
  for (let p = 0; p < 1; ) progress.push((p = sceneBuildSlice(design, 0)));
  // A zero budget still makes one step per call: many slices, each further along.
  expect(progress.length).toBeGreaterThan(3);
  expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
  const ready = readySceneOf(design, LARGE);
  expect(ready).not.toBeNull();
  expect(ready!.scene).toEqual(sceneOf(design));
  expect(indexedSceneOf(design)).toBe(ready);
});

test('a small design is ready at once; asking for a large one mid-build finishes that build', () => {
  const small = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  expect(readySceneOf(small, LARGE)?.scene).toEqual(sceneOf(small));
  const design = makeTemplate('fabric', { hosts: 200, vmsPerHost: 20 });
  expect(sceneBuildSlice(design, 0)).toBeLessThan(1);
  const now = indexedSceneOf(design);
  expect(now.scene).toEqual(sceneOf(design));
  expect(readySceneOf(design, LARGE)).toBe(now);
  expect(sceneBuildSlice(design, 0)).toBe(1);
});

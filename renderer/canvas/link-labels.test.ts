import { expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { cachedLinkLabelText, labelSearchBox, linkLabels } from '../../shared/scene/labels-link';
import { sceneOf } from '../../shared/scene/scene';
import { SceneIndex } from '../../shared/scene/spatial';
import { labelObstacles } from './link-labels';

test('labels placed against the pruned obstacles are the labels placed against every box in the search box', () => {
  // Five racks under four spines: cables inside servers, to the ToRs, and long ones from ToRs to the spines.
  const design = makeTemplate('fabric', { hosts: 200, vmsPerHost: 4 });
  const scene = sceneOf(design);
  const index = new SceneIndex(scene);
  let labelled = 0;
  let pruned = 0;
  scene.links.forEach((l) => {
    if (l.part === 'inside' || cachedLinkLabelText(design, l.id) === null) return;
    // What the canvas passed before (and the exports' placeLinkLabels still consider): every box in the search box.
    const every = index
      .nodesIn(labelSearchBox(l.points))
      .map((k) => scene.nodes[k]!)
      .filter((n) => l.under || !n.look.container);
    const few = labelObstacles(design, scene, index, l);
    expect(few.every((n) => every.includes(n))).toBe(true);
    expect(linkLabels(design, l, few)).toEqual(linkLabels(design, l, every));
    labelled++;
    if (few.length * 4 < every.length) pruned++;
  });
  expect(labelled).toBeGreaterThan(400);
  // The cables up to the spines cross racks of servers: most of those boxes are pruned.
  expect(pruned).toBeGreaterThan(10);
});

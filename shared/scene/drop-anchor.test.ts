import { describe, expect, test } from 'vitest';
import { applyCommand } from '../history/commands';
import { emptyDesign } from '../model/design';
import { sequentialIds } from '../model/ids';
import { planDrop } from './drop';
import { sceneOf } from './scene';

const tor = { type: 'kind', kind: 'tor' } as const;

describe('planDrop anchored at the pointer', () => {
  test('topLeft puts the new box\'s top-left corner at the drop point (snapped), not its centre', () => {
    const d = emptyDesign();
    const plan = planDrop(d, sceneOf(d), tor, { x: 203, y: 98 }, sequentialIds(), { anchor: 'topLeft' });
    if (!plan.ok) throw new Error(plan.reason);
    const el = applyCommand(d, plan.command).design.elements[plan.created]!;
    expect([el.x, el.y]).toEqual([200, 96]);
    const centred = planDrop(d, sceneOf(d), tor, { x: 203, y: 98 }, sequentialIds());
    if (!centred.ok) throw new Error(centred.reason);
    const c = applyCommand(d, centred.command).design.elements[centred.created]!;
    expect(c.x).toBeLessThan(200);
  });

  test('within keeps a top-level box inside the area in view, so a drop by the edge is not half hidden', () => {
    const d = emptyDesign();
    const within = { x: 0, y: 0, w: 600, h: 400 };
    const plan = planDrop(d, sceneOf(d), tor, { x: 590, y: 390 }, sequentialIds(), { anchor: 'topLeft', within });
    if (!plan.ok) throw new Error(plan.reason);
    const design = applyCommand(d, plan.command).design;
    const n = sceneOf(design).nodes.find((x) => x.id === plan.created)!;
    expect(n.x + n.w).toBeLessThanOrEqual(600);
    expect(n.y + n.h).toBeLessThanOrEqual(400);
    expect(n.x).toBeGreaterThanOrEqual(0);
  });
});

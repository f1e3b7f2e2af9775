// Copy-on-write details the property test (cow.property.test.ts) does not single out.
import { describe, expect, it } from 'vitest';
import { applyCommand } from './commands';
import { applyDesignPatches } from './cow';
import { History } from './history';
import { emptyDesign } from '../model/design';
import { makeElement } from '../model/defaults';
import { asElementId, asLinkId } from '../model/ids';

const vm = (n: number) => makeElement('vm', { id: asElementId(`vm${n}`), name: `VM ${n}` });
const twoVms = applyCommand(emptyDesign(), { type: 'add', elements: [vm(1), vm(2)], links: [] }).design;

describe('copy-on-write commands', () => {
  it('shares every record and record map the command did not touch', () => {
    const r = applyCommand(twoVms, { type: 'move', moves: [{ id: asElementId('vm1'), x: 5, y: 6 }] });
    expect(r.design.elements.vm1).toMatchObject({ x: 5, y: 6 });
    expect(r.design.elements.vm2).toBe(twoVms.elements.vm2);
    expect(r.design.links).toBe(twoVms.links);
    expect(r.design.meta).toBe(twoVms.meta);
    expect([...r.changes.elements]).toEqual(['vm1']);
  });

  it('deleting a link that does not exist, even one named like an Object.prototype member, is no change', () => {
    // Immer recorded a `remove` patch for "toString" (found on the prototype): an undo step that did nothing.
    const h = new History(twoVms);
    h.execute({ type: 'remove', elements: [], links: [asLinkId('toString'), asLinkId('nope')] });
    expect(h.design).toBe(twoVms);
    expect(h.canUndo()).toBe(false);
  });

  it('replays patches of another shape than whole records through immer, reporting unknown changes', () => {
    const r = applyDesignPatches(twoVms, [{ op: 'replace', path: ['elements', 'vm1', 'name'], value: 'web' }]);
    expect(r.design.elements.vm1!.name).toBe('web');
    expect(r.design.elements.vm2).toEqual(twoVms.elements.vm2);
    expect(r.changes).toBeNull();
  });
});

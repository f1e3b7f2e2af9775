// History.subscribeChanges: a replica that applies only the reported patches stays equal to the history's design.
import { applyPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import { History, type HistoryChange } from './history';
import { emptyDesign, type Design } from '../model/design';
import { makeElement } from '../model/defaults';
import { asElementId } from '../model/ids';

const vm = (n: number) => makeElement('vm', { id: asElementId(`vm${n}`), name: `VM ${n}` });
const add = (n: number) => ({ type: 'add' as const, elements: [vm(n)], links: [] });
const rename = (n: number, name: string) => ({ type: 'updateElement' as const, id: asElementId(`vm${n}`), changes: { name } });

/** Follows a history the way the validation worker does: whole design on reset, patches otherwise. */
function replicaOf(h: History): { get: () => Design; changes: HistoryChange[] } {
  let replica = structuredClone(h.design);
  const changes: HistoryChange[] = [];
  h.subscribeChanges((c) => {
    changes.push(c);
    replica = c.type === 'reset' ? structuredClone(c.design) : applyPatches(replica, c.patches as never);
  });
  return { get: () => replica, changes };
}

describe('History.subscribeChanges', () => {
  it('reports execute, undo, redo, bail and reset so that a patched replica equals the design', () => {
    const h = new History(emptyDesign());
    const r = replicaOf(h);
    h.execute(add(1));
    h.execute(rename(1, 'web'));
    expect(r.get()).toEqual(h.design);
    h.undo();
    expect(r.get().elements.vm1!.name).toBe('VM 1');
    expect(r.get()).toEqual(h.design);
    h.redo();
    expect(r.get().elements.vm1!.name).toBe('web');
    h.beginGesture('Drag');
    h.execute(rename(1, 'a'));
    h.execute(rename(1, 'b'));
    expect(r.get().elements.vm1!.name).toBe('b');
    h.bail();
    expect(r.get()).toEqual(h.design);
    expect(r.get().elements.vm1!.name).toBe('web');
    const fresh = emptyDesign();
    h.reset(fresh);
    expect(r.get()).toEqual(fresh);
    expect(r.changes.map((c) => c.type)).toEqual(['patches', 'patches', 'patches', 'patches', 'patches', 'patches', 'patches', 'reset']);
  });

  it('inverse patches undo the change, and the change carries the new design', () => {
    const h = new History(emptyDesign());
    h.execute(add(1));
    const seen: HistoryChange[] = [];
    h.subscribeChanges((c) => seen.push(c));
    const before = h.design;
    h.execute(rename(1, 'db'));
    const c = seen[0]!;
    if (c.type !== 'patches') throw new Error('expected patches');
    expect(c.design).toBe(h.design);
    expect(applyPatches(c.design, c.inverse as never)).toEqual(before);
  });

  it('stays silent for no-ops and after unsubscribing', () => {
    const h = new History(emptyDesign());
    const seen: HistoryChange[] = [];
    const off = h.subscribeChanges((c) => seen.push(c));
    h.execute([]);
    expect(h.undo()).toBe(false);
    h.beginGesture('nothing');
    h.bail();
    expect(seen).toEqual([]);
    off();
    h.execute(add(1));
    expect(seen).toEqual([]);
  });
});

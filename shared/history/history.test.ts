// Worked examples of the History contract; the properties in history.property.test.ts generalise them.
import { describe, expect, it } from 'vitest';
import { History } from './history';
import { emptyDesign } from '../model/design';
import { makeElement } from '../model/defaults';
import { asElementId } from '../model/ids';

const vm = (n: number) => makeElement('vm', { id: asElementId(`vm${n}`), name: `VM ${n}` });
const add = (n: number) => ({ type: 'add' as const, elements: [vm(n)], links: [] });

describe('History: saved point', () => {
  it('is clean after markSaved, dirty after a change, clean again after undoing back to it', () => {
    const h = new History(emptyDesign());
    expect(h.isDirty()).toBe(false);
    h.execute(add(1));
    expect(h.isDirty()).toBe(true);
    h.markSaved();
    expect(h.isDirty()).toBe(false);
    h.execute(add(2));
    expect(h.isDirty()).toBe(true);
    h.undo();
    expect(h.isDirty()).toBe(false);
    h.undo();
    expect(h.isDirty()).toBe(true);
    h.redo();
    expect(h.isDirty()).toBe(false);
  });

  it('a new branch after undo is dirty even when it looks like the saved state', () => {
    const h = new History(emptyDesign());
    h.execute(add(1));
    h.markSaved();
    h.undo();
    h.execute(add(1));
    expect(h.design.elements.vm1).toBeDefined();
    expect(h.isDirty()).toBe(true);
    expect(h.canRedo()).toBe(false);
  });

  it('an open gesture is dirty only once it has changed something', () => {
    const h = new History(emptyDesign());
    h.beginGesture('Drag');
    expect(h.isDirty()).toBe(false);
    h.execute(add(1));
    expect(h.isDirty()).toBe(true);
    h.bail();
    expect(h.isDirty()).toBe(false);
    expect(h.design).toEqual(emptyDesign());
  });

  it('stays dirty when the saved step has fallen off a bounded stack', () => {
    const h = new History(emptyDesign(), 3);
    h.markSaved();
    for (let i = 1; i <= 5; i++) h.execute(add(i));
    let undos = 0;
    while (h.undo()) undos++;
    expect(undos).toBe(3);
    expect(Object.keys(h.design.elements).sort()).toEqual(['vm1', 'vm2']);
    expect(h.isDirty()).toBe(true);
  });

  it('reset forgets history and counts as saved', () => {
    const h = new History(emptyDesign());
    h.execute(add(1));
    const d = emptyDesign('Other');
    h.reset(d);
    expect(h.design).toBe(d);
    expect(h.canUndo() || h.canRedo() || h.isDirty()).toBe(false);
  });
});

describe('History: labels and listeners', () => {
  it('labels steps by command or by the given label, and notifies on every change', () => {
    const h = new History(emptyDesign());
    const seen: number[] = [];
    const off = h.subscribe((d) => seen.push(Object.keys(d.elements).length));
    h.execute(add(1));
    h.execute([add(2), add(3)], 'Paste');
    expect(h.undoLabel()).toBe('Paste');
    h.undo();
    expect(h.undoLabel()).toBe('Add VM 1');
    expect(h.redoLabel()).toBe('Paste');
    h.redo();
    off();
    h.undo();
    expect(seen).toEqual([1, 3, 1, 3]);
  });

  it('an empty batch or a no-op changes nothing and notifies nobody', () => {
    const h = new History(emptyDesign());
    h.execute(add(1));
    h.undo();
    let calls = 0;
    h.subscribe(() => calls++);
    h.execute([]);
    h.execute({ type: 'remove', elements: [asElementId('missing')], links: [] });
    expect(calls).toBe(0);
    expect(h.canRedo()).toBe(true);
  });
});

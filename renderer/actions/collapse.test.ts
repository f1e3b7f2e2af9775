import { describe, expect, test } from 'vitest';
import { asElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { allHosts } from '../../shared/scene/collapse';
import { AppStore } from '../state/store';
import { registerCollapseActions, revealElements } from './collapse';
import { insertItem } from './insert-element';
import { ActionRegistry } from './registry';

/** A store with a two-server rack open, and the collapse actions registered on it. */
function setup() {
  const store = new AppStore();
  store.openDesign(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }), null);
  const r = new ActionRegistry(store);
  registerCollapseActions(r, store);
  const design = store.getState().doc!.design;
  const [h1, h2] = allHosts(design).map((h) => h.id);
  const vmOf = (h: string) => Object.values(design.elements).find((e) => e.parent === h && e.kind === 'vm')!.id;
  const collapsed = () => allHosts(store.getState().doc!.design).map((h) => h.collapsed);
  const select = (...ids: string[]) => store.select({ elements: new Set(ids), links: new Set() });
  return { store, r, h1: h1!, h2: h2!, vmOf, collapsed, select };
}

describe('collapse actions', () => {
  test('Collapse Server acts on the selected servers (and the servers of selected VMs) in one undo step', async () => {
    const { store, r, h1, h2, vmOf, collapsed, select } = setup();
    expect(r.isEnabled('host.collapse')).toBe(false);
    select(h1, vmOf(h2));
    expect(r.get('host.collapse').label(store.getState())).toBe('Collapse 2 Servers');
    expect(await r.perform('host.collapse', 'ui')).toBe(true);
    expect(collapsed()).toEqual([true, true]);
    expect(store.getState().doc!.undoLabel).toBe('Collapse 2 servers');
    // The hidden VM's place in the selection went to its server: nothing invisible stays selected.
    expect([...store.getState().selection.elements].sort()).toEqual([h1, h2].sort());
    expect(r.isEnabled('host.collapse')).toBe(false);
    expect(r.isEnabled('host.expand')).toBe(true);
    store.history!.undo();
    expect(collapsed()).toEqual([false, false]);
  });

  test('Expand Server, Collapse All and Expand All; each enabled only when it would change something', async () => {
    const { store, r, h1, collapsed, select } = setup();
    expect(r.isEnabled('host.expandAll')).toBe(false);
    await r.perform('host.collapseAll', 'keyboard');
    expect(collapsed()).toEqual([true, true]);
    expect(r.isEnabled('host.collapseAll')).toBe(false);
    select(h1);
    expect(r.get('host.expand').label(store.getState())).toBe('Expand Server');
    await r.perform('host.expand', 'ui');
    expect(collapsed()).toEqual([false, true]);
    await r.perform('host.expandAll', 'ui');
    expect(collapsed()).toEqual([false, false]);
    expect(store.getState().doc!.undoLabel).toMatch(/^Expand /);
  });

  test('selecting an element inside a collapsed server selects the server; finding it expands the server', () => {
    const { store, h1, vmOf, collapsed, select } = setup();
    select(h1);
    store.execute({ type: 'updateElement', id: asElementId(h1), changes: { collapsed: true } });
    select(vmOf(h1));
    expect([...store.getState().selection.elements]).toEqual([h1]);
    revealElements(store, [vmOf(h1)]);
    expect(collapsed()).toEqual([false, false]);
    select(vmOf(h1));
    expect([...store.getState().selection.elements]).toEqual([vmOf(h1)]);
  });

  test('Enter on a palette item with a collapsed server selected is refused with how to open it', () => {
    const { store, h1, select } = setup();
    store.execute({ type: 'updateElement', id: asElementId(h1), changes: { collapsed: true } });
    select(h1);
    const before = store.getState().doc!.design;
    expect(insertItem(store, { type: 'kind', kind: 'vm' })).toBe(false);
    expect(store.getState().doc!.design).toBe(before);
    expect(store.getState().message).toMatchObject({ tone: 'error', text: `${before.elements[h1]!.name} is collapsed: expand it (double-click its header) to put a VM in it` });
  });
});

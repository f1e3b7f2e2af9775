import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import { registerClipboardActions } from './clipboard';
import { ActionRegistry } from './registry';

function setup() {
  const store = new AppStore();
  store.openDesign(makeTemplate('single-host', { vmsPerHost: 2 }), null);
  const r = new ActionRegistry(store);
  const clipboard = registerClipboardActions(r, store);
  const els = () => Object.values(store.getState().doc!.design.elements);
  return { store, r, clipboard, els };
}

describe('clipboard actions', () => {
  test('disabled without a selection; paste disabled until something is copied', () => {
    const { r } = setup();
    for (const name of ['edit.copy', 'edit.cut', 'edit.paste', 'edit.duplicate'] as const) expect(r.isEnabled(name)).toBe(false);
  });

  test('copy then paste into the same server adds a copy, selected, undone in one step', async () => {
    const { store, r, els } = setup();
    const before = els().length;
    store.select({ elements: new Set(['r01.h001.vm01']), links: new Set() });
    expect(await r.perform('edit.copy', 'keyboard')).toBe(true);
    expect(r.isEnabled('edit.paste')).toBe(true);
    expect(await r.perform('edit.paste', 'keyboard')).toBe(true);
    expect(els()).toHaveLength(before + 1);
    const [pasted] = [...store.getState().selection.elements];
    expect(store.getState().doc!.design.elements[pasted!]).toMatchObject({ kind: 'vm', parent: 'r01.h001' });
    expect(store.getState().doc!.undoLabel).toMatch(/^Paste /);
    store.history!.undo();
    expect(els()).toHaveLength(before);
  });

  test('cut removes the selection with its contents; paste brings it back under new ids', async () => {
    const { store, r, els } = setup();
    const before = els().length;
    store.select({ elements: new Set(['r01.h001']), links: new Set() });
    await r.perform('edit.cut', 'keyboard');
    expect(els().length).toBeLessThan(before);
    store.select({ elements: new Set(), links: new Set() });
    await r.perform('edit.paste', 'keyboard');
    expect(els()).toHaveLength(before);
    expect(store.getState().doc!.design.elements['r01.h001']).toBeUndefined();
  });

  test('pasting a VM with nothing selected is refused with a reason', async () => {
    const { store, r, els } = setup();
    store.select({ elements: new Set(['r01.h001.vm01']), links: new Set() });
    await r.perform('edit.copy', 'keyboard');
    store.select({ elements: new Set(), links: new Set() });
    const before = els().length;
    await r.perform('edit.paste', 'keyboard');
    expect(els()).toHaveLength(before);
    expect(store.getState().message).toMatchObject({ tone: 'error', text: 'Cannot paste: select a server to paste the VM into' });
  });

  test('duplicate copies a server with its links in place', async () => {
    const { store, r } = setup();
    const d0 = store.getState().doc!.design;
    store.select({ elements: new Set(['r01.h001']), links: new Set() });
    await r.perform('edit.duplicate', 'keyboard');
    const d1 = store.getState().doc!.design;
    const inside = Object.values(d0.elements).filter((e) => e.parent === 'r01.h001').length;
    const internal = Object.values(d0.links).filter((l) => d0.elements[l.a.element]!.parent === 'r01.h001' && d0.elements[l.b.element]!.parent === 'r01.h001').length;
    expect(Object.keys(d1.elements).length - Object.keys(d0.elements).length).toBe(inside + 1);
    expect(Object.keys(d1.links).length - Object.keys(d0.links).length).toBe(internal);
    expect(internal).toBeGreaterThan(0);
  });
});

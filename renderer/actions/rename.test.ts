import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { renaming } from '../canvas/rename-state';
import { AppStore } from '../state/store';
import { ActionRegistry } from './registry';
import { registerRenameActions, renameSubject } from './rename';

function setup() {
  const store = new AppStore();
  store.openDesign(makeTemplate('rack', { hosts: 1, vmsPerHost: 2 }), null);
  const r = new ActionRegistry(store);
  registerRenameActions(r, store);
  const design = store.getState().doc!.design;
  const [vm1, vm2] = Object.values(design.elements).filter((e) => e.kind === 'vm').map((e) => e.id);
  const link = Object.keys(design.links)[0]!;
  const select = (elements: string[], links: string[] = []) => store.select({ elements: new Set(elements), links: new Set(links) });
  return { store, r, vm1: vm1!, vm2: vm2!, link, select };
}

describe('Rename…', () => {
  test('is enabled for exactly one selected element and nothing else', () => {
    const { store, r, vm1, vm2, link, select } = setup();
    expect(r.isEnabled('edit.rename')).toBe(false);
    select([vm1]);
    expect(renameSubject(store.getState())).toBe(vm1);
    expect(r.isEnabled('edit.rename')).toBe(true);
    select([vm1, vm2]);
    expect(r.isEnabled('edit.rename')).toBe(false);
    select([vm1], [link]);
    expect(r.isEnabled('edit.rename')).toBe(false);
    select([], [link]);
    expect(r.isEnabled('edit.rename')).toBe(false);
  });

  test('F2 is its shortcut, and performing it opens the field on the selected element', async () => {
    const { r, vm1, select } = setup();
    expect(r.get('edit.rename').shortcuts).toEqual([{ key: 'F2' }]);
    select([vm1]);
    expect(await r.perform('edit.rename', 'ui')).toBe(true);
    // The field opens once the menu or palette that ran the action has closed (next task).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(renaming.get()).toBe(vm1);
    renaming.close();
    expect(renaming.get()).toBeNull();
  });
});

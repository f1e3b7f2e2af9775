// Edit ▸ Select All selects only what the canvas shows: elements of a hidden layer stay unselected.
import { describe, expect, test } from 'vitest';
import { elementLayer, SCENE_LAYERS, type SceneLayer } from '../../shared/scene/layers';
import { makeTemplate } from '../../shared/templates';
import { CatalogClient } from '../catalog/catalog-client';
import { viewPrefsFor } from '../canvas/view-prefs';
import { Session } from '../state/session';
import { AppStore } from '../state/store';
import { createActions } from './definitions';
import { anyVisibleElement, visibleElementIds } from './select-all';

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const kinds = (ids: readonly string[]) => new Set(ids.map((id) => design.elements[id]!.kind));

describe('visibleElementIds', () => {
  test('every element with every layer shown', () => {
    expect(visibleElementIds(design, new Set(SCENE_LAYERS))).toEqual(Object.keys(design.elements));
  });

  test('a hidden layer leaves out its elements; hosts and NICs stay on every layer', () => {
    const shown = new Set<SceneLayer>(['pcie', 'ethernet']);
    const ids = visibleElementIds(design, shown);
    expect(ids.every((id) => elementLayer(design.elements[id]!.kind) !== 'virtual')).toBe(true);
    const allKinds = [...kinds(Object.keys(design.elements))];
    expect(kinds(ids)).toEqual(new Set(allKinds.filter((k) => elementLayer(k) !== 'virtual')));
    expect(kinds(ids).has('host') && kinds(ids).has('nic') && kinds(ids).has('tor')).toBe(true);
    expect(kinds(visibleElementIds(design, new Set()))).toEqual(new Set(['host', 'nic']));
  });

  test('nothing to select when only elements of hidden layers exist', () => {
    const vmsOnly = { ...design, elements: Object.fromEntries(Object.entries(design.elements).filter(([, e]) => e.kind === 'vm').map(([id, e]) => [id, { ...e, parent: null }])), links: {} };
    expect(anyVisibleElement(vmsOnly, new Set(['pcie']))).toBe(false);
    expect(anyVisibleElement(vmsOnly, new Set(['virtual']))).toBe(true);
  });
});

describe('edit.selectAll', () => {
  function setup() {
    const store = new AppStore();
    store.openDesign(design, null);
    const registry = createActions({ store, session: new Session(store, undefined), appInfo: async () => null, catalog: new CatalogClient(undefined) });
    const selected = () => [...store.getState().selection.elements];
    return { store, registry, selected };
  }

  test('selects every element when every layer is shown', async () => {
    const { registry, selected } = setup();
    expect(await registry.perform('edit.selectAll', 'ui')).toBe(true);
    expect(new Set(selected())).toEqual(new Set(Object.keys(design.elements)));
  });

  test('leaves out the elements of a layer hidden in View ▸ Layers', async () => {
    const { store, registry, selected } = setup();
    viewPrefsFor(store).toggleLayer('virtual');
    expect(await registry.perform('edit.selectAll', 'ui')).toBe(true);
    const kindsSelected = kinds(selected());
    expect(kindsSelected.has('vm') || kindsSelected.has('vswitch')).toBe(false);
    expect(kindsSelected.has('host') && kindsSelected.has('tor')).toBe(true);
    expect(new Set(selected())).toEqual(new Set(visibleElementIds(design, viewPrefsFor(store).get().layers)));
  });
});

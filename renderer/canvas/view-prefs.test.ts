import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { AppStore } from '../state/store';
import { DEFAULT_VIEW_PREFS, menuViewOf, viewPrefsFor } from './view-prefs';
import { viewSceneOf, indexedSceneOf } from './scene-cache';

function storeWithRack() {
  const store = new AppStore();
  store.openDesign(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }), null);
  return store;
}

describe('view preferences', () => {
  test('start with every layer shown and orthogonal links; one instance per window store', () => {
    const store = storeWithRack();
    expect(viewPrefsFor(store).get()).toBe(DEFAULT_VIEW_PREFS);
    expect(viewPrefsFor(store)).toBe(viewPrefsFor(store));
    expect(viewPrefsFor(new AppStore())).not.toBe(viewPrefsFor(store));
  });

  test('toggling a layer notifies, and toggling it again restores it', () => {
    const store = storeWithRack();
    const prefs = viewPrefsFor(store);
    let calls = 0;
    const off = prefs.subscribe(() => calls++);
    prefs.toggleLayer('pcie');
    expect(prefs.get().layers.has('pcie')).toBe(false);
    prefs.toggleLayer('pcie');
    expect(prefs.get().layers.has('pcie')).toBe(true);
    prefs.setRouting('straight');
    prefs.setRouting('straight');
    expect(calls).toBe(3);
    prefs.toggleLayer('ethernet');
    // What window:state reports for the native menu's check marks.
    expect(menuViewOf(prefs.get(), false)).toEqual({ layers: { pcie: true, ethernet: false, virtual: true }, straightLinks: true, minimap: false });
    off();
  });

  test('hiding a layer deselects what it hides and keeps the rest of the selection', () => {
    const store = storeWithRack();
    const d = store.getState().doc!.design;
    const vm = Object.values(d.elements).find((e) => e.kind === 'vm')!;
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const vnic = Object.values(d.links).find((l) => l.kind === 'vnic')!;
    const cable = Object.values(d.links).find((l) => l.kind === 'ethernet')!;
    store.select({ elements: new Set([vm.id, host.id]), links: new Set([vnic.id, cable.id]) });
    viewPrefsFor(store).toggleLayer('virtual');
    const sel = store.getState().selection;
    expect([...sel.elements]).toEqual([host.id]);
    expect([...sel.links]).toEqual([cable.id]);
  });

  test('the canvas scene follows the choice: the default is the shared scene, others are derived once', () => {
    const store = storeWithRack();
    const d = store.getState().doc!.design;
    const base = indexedSceneOf(d);
    expect(viewSceneOf(d, DEFAULT_VIEW_PREFS.layers, 'orthogonal')).toBe(base);
    const straight = viewSceneOf(d, DEFAULT_VIEW_PREFS.layers, 'straight');
    expect(straight).not.toBe(base);
    expect(viewSceneOf(d, new Set(DEFAULT_VIEW_PREFS.layers), 'straight')).toBe(straight);
    expect(straight.scene.links.every((l) => l.points.length === 4)).toBe(true);
    const noVirtual = viewSceneOf(d, new Set(['pcie', 'ethernet'] as const), 'orthogonal');
    expect(noVirtual.scene.nodes.some((n) => n.kind === 'vm')).toBe(false);
    // Hit testing uses the derived index: a hidden VM is not found where it is drawn in the full scene.
    const vmNode = base.scene.nodes.find((n) => n.kind === 'vm')!;
    const hit = noVirtual.index.hitTest(vmNode.x + vmNode.w / 2, vmNode.y + vmNode.h / 2, 1);
    expect(hit?.type === 'element' && hit.id).not.toBe(vmNode.id);
    expect(base.index.hitTest(vmNode.x + vmNode.w / 2, vmNode.y + vmNode.h / 2, 1)).toEqual({ type: 'element', id: vmNode.id });
  });

  test('after an edit that moves nothing, the derived view follows the new design and still hit-tests right', () => {
    const store = storeWithRack();
    const layers = new Set(['pcie', 'ethernet'] as const);
    const before = viewSceneOf(store.getState().doc!.design, layers, 'straight');
    const host = before.scene.nodes.find((n) => n.kind === 'host')!;
    store.execute({ type: 'updateElement', id: host.id, changes: { name: 'renamed' } });
    const after = viewSceneOf(store.getState().doc!.design, layers, 'straight');
    expect(after).not.toBe(before);
    expect(after.scene.nodes.find((n) => n.id === host.id)!.name).toBe('renamed');
    expect(after.index.hitTest(host.x + host.w - 2, host.y + host.h - 2, 0.5)).toEqual({ type: 'element', id: host.id });
    // A move changes the geometry: the view is rebuilt and finds the server where it went.
    store.execute({ type: 'move', moves: [{ id: host.id, x: host.x + 5000, y: host.y }] });
    const moved = viewSceneOf(store.getState().doc!.design, layers, 'straight');
    const n = moved.scene.nodes.find((x) => x.id === host.id)!;
    expect(moved.index.hitTest(n.x + n.w - 2, n.y + n.h - 2, 0.5)).toEqual({ type: 'element', id: host.id });
  });
});

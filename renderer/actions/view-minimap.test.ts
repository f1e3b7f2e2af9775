// View ▸ Minimap: the native menu item sends `view.minimap`, the same registry action as the canvas's hide/show
// control; the window then reports the new state back so the menu's check mark follows (renderer/state/window-sync.ts).
import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { MENU_ACTIONS } from '../../shared/ipc/channels';
import { menuViewOf, viewPrefsFor } from '../canvas/view-prefs';
import { panelLayout } from '../components/panel-layout';
import { AppStore } from '../state/store';
import { ActionRegistry } from './registry';
import { registerViewLayerActions } from './view-layers';

describe('View ▸ Minimap', () => {
  test('is a menu action; performing it from the menu hides and shows the minimap and the reported check mark follows', async () => {
    expect(MENU_ACTIONS as readonly string[]).toContain('view.minimap');
    const store = new AppStore();
    const r = new ActionRegistry(store);
    registerViewLayerActions(r, store);
    // No design open: nothing to map, so the item is disabled like the other view toggles.
    expect(r.isEnabled('view.minimap')).toBe(false);
    store.openDesign(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }), null);
    const layout = panelLayout();
    layout.setMinimap(true);
    const reported = () => menuViewOf(viewPrefsFor(store).get(), layout.get().minimap).minimap;
    let changes = 0;
    const off = layout.subscribe(() => changes++);
    expect(await r.perform('view.minimap', 'menu')).toBe(true);
    expect([layout.get().minimap, reported(), r.get('view.minimap').label(store.getState())]).toEqual([false, false, 'Show Minimap']);
    expect(await r.perform('view.minimap', 'menu')).toBe(true);
    expect([layout.get().minimap, reported(), r.get('view.minimap').label(store.getState())]).toEqual([true, true, 'Hide Minimap']);
    expect(changes).toBe(2);
    off();
  });
});

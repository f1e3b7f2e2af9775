import { describe, expect, test } from 'vitest';
import { CatalogClient } from '../catalog/catalog-client';
import { Session } from '../state/session';
import { AppStore } from '../state/store';
import { createActions } from './definitions';
import { shortcutSheet } from './shortcut-sheet';

describe('shortcut sheet', () => {
  const store = new AppStore();
  const registry = createActions({ store, session: new Session(store, undefined), appInfo: async () => null, catalog: new CatalogClient(undefined) });

  test('the View group ends with the canvas gestures: wheel pans, Shift+wheel sideways, Ctrl/⌘+wheel or a pinch zooms', () => {
    const view = shortcutSheet(registry.all(), store.getState(), false).find((g) => g.title === 'View')!;
    const byAction = new Map(view.rows.map((r) => [r.action, r]));
    expect(byAction.get('gesture.wheelPan')!.keys[0]).toBe('Wheel');
    expect(byAction.get('gesture.wheelPanSideways')!.keys).toEqual(['Shift+Wheel']);
    expect(byAction.get('gesture.wheelZoom')!.keys).toEqual(['Ctrl+Wheel', 'Pinch']);
    expect(byAction.get('view.minimap')!.keys).toEqual(['Shift+M']);
    const mac = shortcutSheet(registry.all(), store.getState(), true).find((g) => g.title === 'View')!;
    expect(mac.rows.find((r) => r.action === 'gesture.wheelZoom')!.keys[0]).toBe('⌘ Wheel');
  });
});

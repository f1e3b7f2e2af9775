import { describe, expect, test } from 'vitest';
import { AppStore } from '../state/store';
import { Session } from '../state/session';
import { CatalogClient } from '../catalog/catalog-client';
import { ACTION_NAMES } from './types';
import { createActions } from './definitions';

describe('action definitions', () => {
  const store = new AppStore();
  const registry = createActions({ store, session: new Session(store, undefined), appInfo: async () => null, catalog: new CatalogClient(undefined) });

  test('every action name is registered', () => {
    expect(registry.all().map((a) => a.name).sort()).toEqual([...ACTION_NAMES].sort());
  });

  test('no two actions share a shortcut (helpers once gave Ctrl+Shift+M to two panels)', () => {
    const owner = new Map<string, string>();
    for (const a of registry.all()) {
      for (const s of a.shortcuts ?? []) {
        const key = `${s.mod ? 'mod+' : ''}${s.shift ? 'shift+' : ''}${s.alt ? 'alt+' : ''}${s.key.toLowerCase()}`;
        expect(owner.get(key), `${key} is bound to ${owner.get(key)} and ${a.name}`).toBeUndefined();
        owner.set(key, a.name);
      }
    }
    expect(owner.size).toBeGreaterThan(10);
  });
});

import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { findElements, searchActions, type ActionEntry } from './command-search';

const entries: ActionEntry[] = [
  { name: 'view.zoomIn', label: 'Zoom In', shortcut: '+' },
  { name: 'view.zoomFit', label: 'Zoom to Fit', shortcut: '0' },
  { name: 'file.save', label: 'Save', shortcut: 'Ctrl+S' },
  { name: 'file.saveAs', label: 'Save As…', shortcut: 'Ctrl+Shift+S' },
  { name: 'catalog.open', label: 'Component Catalog…', shortcut: null },
];

describe('searchActions', () => {
  test('an empty query lists everything in registry order', () => {
    expect(searchActions(entries, '').map((e) => e.name)).toEqual(entries.map((e) => e.name));
  });
  test('word prefixes match in any order; label prefixes rank first', () => {
    expect(searchActions(entries, 'zoom fit').map((e) => e.name)).toEqual(['view.zoomFit']);
    expect(searchActions(entries, 'fit').map((e) => e.name)).toEqual(['view.zoomFit']);
    expect(searchActions(entries, 'save').map((e) => e.name)).toEqual(['file.save', 'file.saveAs']);
    expect(searchActions(entries, 'alog').map((e) => e.name)).toEqual(['catalog.open']);
    expect(searchActions(entries, 'xyz')).toEqual([]);
  });
});

describe('findElements', () => {
  const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
  test('matches names case-insensitively, prefix matches first, with the containing server', () => {
    const { matches, total } = findElements(d, 'VM01');
    expect(total).toBe(3);
    expect(matches.every((m) => m.kind === 'vm' && m.name === 'vm01' && m.inside !== null)).toBe(true);
  });
  test('limits the list but reports the total; an empty query finds nothing', () => {
    const all = findElements(d, 'vm', 2);
    expect(all.matches).toHaveLength(2);
    expect(all.total).toBe(6);
    expect(findElements(d, '  ')).toEqual({ matches: [], total: 0 });
  });
});

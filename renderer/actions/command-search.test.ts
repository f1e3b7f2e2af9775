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
    expect(matches.every((m) => m.kind === 'vm' && /^r01-h00\d-vm01$/.test(m.name) && m.inside !== null)).toBe(true);
  });
  test('"host vm" queries: every word in the name or the server\'s, one at least in the element\'s own', () => {
    expect(findElements(d, 'h002 vm01').matches.map((m) => m.name)).toEqual(['r01-h002-vm01']);
    expect(findElements(d, 'esx-r01-h002 vm02').matches.map((m) => m.name)).toEqual(['r01-h002-vm02']);
    // A server's name alone finds the server, not everything inside it.
    expect(findElements(d, 'esx-r01-h002').matches.map((m) => m.name)).toEqual(['esx-r01-h002']);
    expect(findElements(d, 'h002 vm09').total).toBe(0);
  });
  test('limits the list but reports the total; an empty query finds nothing', () => {
    const all = findElements(d, 'vm', 2);
    expect(all.matches).toHaveLength(2);
    expect(all.total).toBe(6);
    expect(findElements(d, '  ')).toEqual({ matches: [], total: 0 });
  });
});

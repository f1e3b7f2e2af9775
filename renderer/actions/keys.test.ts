import { describe, expect, test } from 'vitest';
import { formatShortcut, matchesShortcut } from './keys';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('shortcuts', () => {
  test('mod is Ctrl on Windows/Linux and Cmd on macOS; extra modifiers do not match', () => {
    expect(matchesShortcut(key('s', { ctrl: true }), { key: 's', mod: true }, false)).toBe(true);
    expect(matchesShortcut(key('s', { meta: true }), { key: 's', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('s', { meta: true }), { key: 's', mod: true }, true)).toBe(true);
    expect(matchesShortcut(key('S', { ctrl: true, shift: true }), { key: 's', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('S', { ctrl: true, shift: true }), { key: 's', mod: true, shift: true }, false)).toBe(true);
    expect(matchesShortcut(key('z', { ctrl: true, alt: true }), { key: 'z', mod: true }, false)).toBe(false);
  });
  test('symbol keys ignore Shift (+ needs Shift on most layouts)', () => {
    expect(matchesShortcut(key('+', { shift: true }), { key: '+' }, false)).toBe(true);
    expect(matchesShortcut(key('Delete'), { key: 'Delete' }, false)).toBe(true);
    expect(matchesShortcut(key('Delete', { shift: true }), { key: 'Delete' }, false)).toBe(false);
  });
  test('written the platform way', () => {
    expect(formatShortcut({ key: 's', mod: true, shift: true }, false)).toBe('Ctrl+Shift+S');
    expect(formatShortcut({ key: 's', mod: true, shift: true }, true)).toBe('⇧⌘S');
    expect(formatShortcut({ key: 'Delete' }, false)).toBe('Del');
  });
});

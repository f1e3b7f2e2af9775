import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG } from '../../shared/catalog';
import { ELEMENT_KINDS } from '../../shared/model/elements';
import { filterPalette, paletteItems } from './palette-items';

describe('palette items', () => {
  test('list every element kind, then every catalog NIC and switch, with unique keys', () => {
    const items = paletteItems();
    expect(items.filter((i) => i.group === 'Elements').map((i) => (i.item.type === 'kind' ? i.item.kind : null))).toEqual([...ELEMENT_KINDS]);
    expect(items.length).toBe(ELEMENT_KINDS.length + BUILTIN_CATALOG.length);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  test('search matches every word against label, detail and kind', () => {
    const items = paletteItems();
    expect(filterPalette(items, 'e810 25').map((i) => i.key)).toEqual(['catalog:intel-e810-xxv-2x25g']);
    expect(filterPalette(items, 'SERVER').map((i) => i.key)).toContain('kind:host');
    expect(filterPalette(items, '  ')).toHaveLength(items.length);
    expect(filterPalette(items, 'no such thing')).toEqual([]);
  });
});

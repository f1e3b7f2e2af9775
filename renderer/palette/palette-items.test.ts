import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG, findCatalogEntry } from '../../shared/catalog';
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

  test("the user's own catalog entries are listed after the built-in ones, marked as theirs and found by 'yours'", () => {
    const mine = { ...findCatalogEntry('intel-e810-xxv-2x25g')!, id: 'acme-x2', vendor: 'Acme', model: 'X2', user: true };
    const items = paletteItems([...BUILTIN_CATALOG, mine]);
    const nics = items.filter((i) => i.group === 'NICs');
    expect(nics.at(-1)).toMatchObject({ key: 'catalog:acme-x2', label: 'Acme X2', yours: true, item: { type: 'catalog', entry: mine } });
    expect(items.filter((i) => i.yours)).toHaveLength(1);
    expect(filterPalette(items, 'acme').map((i) => i.key)).toEqual(['catalog:acme-x2']);
    expect(filterPalette(items, 'yours nic').map((i) => i.key)).toEqual(['catalog:acme-x2']);
  });
});

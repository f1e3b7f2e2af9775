import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG, findCatalogEntry, type NicCatalogEntry, type SwitchCatalogEntry } from '../../shared/catalog';
import { CATALOG_GROUPS, entryFigures, groupEntries, matchesQuery, nicFigures, UNKNOWN } from './catalog-view';

const nic = (id: string) => findCatalogEntry(id) as NicCatalogEntry;
const value = (figs: { label: string; value: string }[], label: string) => figs.find((f) => f.label === label)?.value;

describe('catalog search and groups', () => {
  test('every word must match vendor, model or id, case-insensitively', () => {
    const e810 = nic('intel-e810-xxv-2x25g');
    expect(matchesQuery(e810, 'e810')).toBe(true);
    expect(matchesQuery(e810, 'INTEL xxv')).toBe(true);
    expect(matchesQuery(e810, 'intel-e810-xxv')).toBe(true);
    expect(matchesQuery(e810, 'e810 mellanox')).toBe(false);
    expect(matchesQuery(e810, '   ')).toBe(true);
  });

  test('groups come in a fixed order, hold only their kind and drop when empty', () => {
    const all = groupEntries(BUILTIN_CATALOG, '');
    expect(all.map((g) => g.kind)).toEqual(CATALOG_GROUPS.map((g) => g.kind));
    expect(all.reduce((n, g) => n + g.entries.length, 0)).toBe(BUILTIN_CATALOG.length);
    for (const g of all) expect(g.entries.every((e) => e.kind === g.kind)).toBe(true);
    expect(groupEntries(BUILTIN_CATALOG, 'connectx-6').map((g) => g.kind)).toEqual(['nic']);
    expect(groupEntries(BUILTIN_CATALOG, 'no such part')).toEqual([]);
  });
});

describe('figures', () => {
  test('a NIC shows ports × speed, PCIe and its limits with units, and "unknown" for null', () => {
    const f = nicFigures(nic('intel-e810-xxv-2x25g'));
    expect(value(f, 'Ports')).toBe('2 × 25 Gb/s');
    expect(value(f, 'PCIe')).toBe('Gen 4 x8');
    expect(value(f, 'TotalVFs per PF')).toBe(UNKNOWN);
    expect(value(f, 'Max VFs per device')).toBe('256');
    expect(value(f, 'VMDq pools')).toBe(UNKNOWN);
  });

  test('a fully unknown PCIe link is "unknown", a half-known one keeps the known half', () => {
    expect(value(nicFigures(nic('intel-82599-x520')), 'PCIe')).toBe(UNKNOWN);
    expect(value(nicFigures(nic('nvidia-connectx-6')), 'PCIe')).toBe('Gen 4, width unknown');
  });

  test('an unknown PCIe link carries the reason: the entry\'s own sentence, else how to find out', () => {
    const reason = (id: string) => nicFigures(nic(id)).find((f) => f.label === 'PCIe')!.reason;
    expect(reason('intel-82599-x520')).toBe('PCIe generation and width: unknown (datasheet not readable in the sources).');
    expect(reason('intel-x540')).toBe('PCIe link: unknown.');
    expect(reason('intel-e810-xxv-2x25g')).toBeUndefined();
    for (const e of BUILTIN_CATALOG) {
      if (e.kind !== 'nic' || (e.pcieGen !== null && e.pcieWidth !== null)) continue;
      expect(reason(e.id), e.id).toMatch(/\S/);
    }
  });

  test('no figure of any built-in entry is blank', () => {
    for (const e of BUILTIN_CATALOG) for (const f of entryFigures(e)) expect(f.value.trim(), `${e.id} ${f.label}`).not.toBe('');
  });

  test('switches show their port layout or lanes', () => {
    const tor = entryFigures(findCatalogEntry('generic-tor-48x25g-8x100g')!);
    expect(value(tor, 'Ports')).toBe('48 × 25G + 8 × 100G');
    expect(value(tor, 'EVB')).toBe('no');
    expect(value(tor, 'Breakout')).toBe('4×25G, 4×10G on 8 ports');
    expect(value(entryFigures(findCatalogEntry('generic-spine-32x100g')!), 'Breakout')).toBe('none');
    const fex = entryFigures(findCatalogEntry('generic-fex-48x10g-4x40g')!);
    expect(value(fex, 'Host ports')).toBe('48 × 10 Gb/s');
    expect(value(fex, 'Uplinks')).toBe('4 × 40 Gb/s');
    const pcie = entryFigures(findCatalogEntry('generic-pcie-gen4-48l')!);
    expect(value(pcie, 'Downstream')).toBe('4 × x8');
    expect(value(pcie, 'Lanes')).toBe('48');
  });

  test('a switch entry whose props do not fit its kind shows the problem instead of throwing', () => {
    const bad: SwitchCatalogEntry = { kind: 'fex', id: 'bad', vendor: 'X', model: 'Y', props: { tier: 'spine' }, notes: '', sources: [], user: true };
    expect(entryFigures(bad)).toEqual([{ label: 'Problem', short: 'Problem', value: 'bad: a fex has no property tier' }]);
  });
});

import { describe, expect, test } from 'vitest';
import { BUILTIN_CATALOG, mergeCatalog, type CatalogEntry } from '../../shared/catalog';
import { deriveCatalogId, EMPTY_NIC_FORM, EMPTY_SWITCH_FORM, parseNicForm, parseSwitchForm, type NicFormValues } from './entry-form';

const acme: NicFormValues = { ...EMPTY_NIC_FORM, vendor: 'Acme', model: 'X2 (2 × 25GbE)', ports: '2', speedGbps: '25', pcieGen: '4', pcieWidth: '8', source: 'lspci -vvv, lab' };

describe('deriveCatalogId', () => {
  test('lower-case words joined by dashes, × folded into x, accents dropped', () => {
    expect(deriveCatalogId('Acme', 'X2 (2 × 25GbE)')).toBe('acme-x2-2x25gbe');
    expect(deriveCatalogId('Société Générale', 'Réseau 10G')).toBe('societe-generale-reseau-10g');
    expect(deriveCatalogId('  ', '!!')).toBe('');
    expect(deriveCatalogId('a', 'b'.repeat(300))).toHaveLength(100);
  });
});

describe('parseNicForm', () => {
  test('empty figures become null (unknown), never 0, and the entry is one mergeCatalog accepts', () => {
    const r = parseNicForm(acme, BUILTIN_CATALOG);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.entry).toMatchObject({ kind: 'nic', id: 'acme-x2-2x25gbe', ports: 2, speedGbps: 25, pcieGen: 4, pcieWidth: 8, totalVfsPerPf: null, maxVfsPerDevice: null, vmdqPools: null, pciId: null, user: true });
    expect(r.entry.sources).toEqual([{ key: 'user', citation: 'lspci -vvv, lab' }]);
    expect(mergeCatalog(BUILTIN_CATALOG, [r.entry]).rejected).toEqual([]);
  });

  test('0 ports is refused with the schema message on the ports field', () => {
    const r = parseNicForm({ ...acme, ports: '0' }, BUILTIN_CATALOG);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.ports).toMatch(/>=1/);
  });

  test('text where a number belongs, and missing ports or speed, are named per field', () => {
    const r = parseNicForm({ ...acme, ports: '', speedGbps: 'fast', totalVfsPerPf: '6 4' }, BUILTIN_CATALOG);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.ports).toBe('enter a number');
    expect(r.errors.speedGbps).toMatch(/enter a number/);
    expect(r.errors.totalVfsPerPf).toMatch(/leave it empty for unknown/);
  });

  test('a negative or fractional VF count and a malformed PCI id get their schema messages', () => {
    const r = parseNicForm({ ...acme, totalVfsPerPf: '-1', vmdqPools: '1.5', pciId: '8086-159b' }, BUILTIN_CATALOG);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.totalVfsPerPf).toBeTruthy();
    expect(r.errors.vmdqPools).toBeTruthy();
    expect(r.errors.pciId).toBeTruthy();
  });

  test('a TotalVFs the element cannot hold is refused before it reaches main', () => {
    const r = parseNicForm({ ...acme, totalVfsPerPf: '70000' }, BUILTIN_CATALOG);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.totalVfsPerPf).toMatch(/65535/);
  });

  test('an id taken by a built-in or by one of the user entries is named, with its owner', () => {
    const builtin = parseNicForm({ ...acme, vendor: 'Intel', model: 'E810 XXV 2x25g' }, BUILTIN_CATALOG);
    expect(builtin.ok).toBe(false);
    if (!builtin.ok) expect(builtin.errors.form).toBe('The id “intel-e810-xxv-2x25g” is already used by the built-in entry “Intel E810-XXV (2 × 25GbE)”: change the vendor or model name');
    const first = parseNicForm(acme, BUILTIN_CATALOG);
    if (!first.ok) throw new Error('expected ok');
    const mine: CatalogEntry[] = [...BUILTIN_CATALOG, first.entry];
    const again = parseNicForm(acme, mine);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.form).toMatch(/already used by your entry “Acme X2/);
  });

  test('vendor and model are required', () => {
    const r = parseNicForm({ ...acme, vendor: ' ', model: '' }, BUILTIN_CATALOG);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toMatchObject({ vendor: 'enter the vendor', model: 'enter the model' });
  });
});

describe('parseSwitchForm', () => {
  test('props JSON is checked as JSON, as an object, and against the element kind', () => {
    const base = { ...EMPTY_SWITCH_FORM, vendor: 'Acme', model: 'Spine 64' };
    const notJson = parseSwitchForm({ ...base, props: '{tier:' }, BUILTIN_CATALOG);
    expect(!notJson.ok && notJson.errors.props).toMatch(/^not valid JSON/);
    const notObject = parseSwitchForm({ ...base, props: '[1]' }, BUILTIN_CATALOG);
    expect(!notObject.ok && notObject.errors.props).toMatch(/expected a JSON object/);
    const foreign = parseSwitchForm({ ...base, kind: 'fex', props: '{"tier": "spine"}' }, BUILTIN_CATALOG);
    expect(!foreign.ok && foreign.errors.props).toBe('a fex has no property tier');
    const wrongType = parseSwitchForm({ ...base, props: '{"stp": "yes"}' }, BUILTIN_CATALOG);
    expect(!wrongType.ok && wrongType.errors.props).toMatch(/stp/);
  });

  test('a valid switch entry parses and merges', () => {
    const r = parseSwitchForm({ ...EMPTY_SWITCH_FORM, vendor: 'Acme', model: 'Spine 64', props: '{"tier": "spine", "ports": [{"speedGbps": 400, "reflectiveRelay": false, "evb": false}]}' }, BUILTIN_CATALOG);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.entry).toMatchObject({ kind: 'tor', id: 'acme-spine-64', user: true });
    expect(mergeCatalog(BUILTIN_CATALOG, [r.entry]).rejected).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { ancestorsOf, outlineRows, type OutlineRow } from './outline-model';

const design = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const names = (rows: OutlineRow[]) => rows.map((r) => (r.type === 'section' ? `# ${r.label} (${r.count})` : `${'  '.repeat(r.depth)}${r.name}`));

describe('outline rows', () => {
  test('servers collapsed by default, then switches', () => {
    expect(names(outlineRows(design, new Set(), ''))).toEqual(['# Servers (3)', 'esx-r01-h001', 'esx-r01-h002', 'esx-r01-h003', '# Switches (2)', 'r01-tor-a', 'r01-tor-b']);
  });

  test('an expanded server lists silicon first, then the virtual layer', () => {
    const rows = outlineRows(design, new Set(['r01.h002']), '');
    expect(names(rows).slice(2, 10)).toEqual(['esx-r01-h002', '  CPU0 root complex', '  CPU1 root complex', '  nic0', '  vds-r01', '  r01-h002-vm01', '  r01-h002-vm02', 'esx-r01-h003']);
    const host = rows.find((r) => r.type === 'element' && r.id === 'r01.h002');
    expect(host).toMatchObject({ expandable: true, expanded: true, childCount: 6 });
  });

  test('search keeps matches and the servers that hold them, opened', () => {
    expect(names(outlineRows(design, new Set(), 'VM02'))).toEqual(['# Servers (3)', 'esx-r01-h001', '  r01-h001-vm02', 'esx-r01-h002', '  r01-h002-vm02', 'esx-r01-h003', '  r01-h003-vm02']);
    expect(names(outlineRows(design, new Set(), 'tor-b'))).toEqual(['# Switches (1)', 'r01-tor-b']);
    // Ids match too, so a pasted id finds its element.
    expect(names(outlineRows(design, new Set(), 'r01.h003.nic0'))).toEqual(['# Servers (1)', 'esx-r01-h003', '  nic0']);
    expect(outlineRows(design, new Set(), 'no such thing')).toEqual([]);
  });

  test('"host vm" queries: a word may name the server when another names the element', () => {
    expect(names(outlineRows(design, new Set(), 'h002 vm02'))).toEqual(['# Servers (1)', 'esx-r01-h002', '  r01-h002-vm02']);
    expect(names(outlineRows(design, new Set(), 'esx-r01-h003 nic0'))).toEqual(['# Servers (1)', 'esx-r01-h003', '  nic0']);
    // The server's name alone lists the server, closed, not everything inside it.
    expect(names(outlineRows(design, new Set(), 'esx-r01-h003'))).toEqual(['# Servers (1)', 'esx-r01-h003']);
  });

  test('names sort naturally (h2 before h10)', () => {
    const big = makeTemplate('rack', { hosts: 12, vmsPerHost: 0 });
    const hosts = outlineRows(big, new Set(), '').filter((r) => r.type === 'element' && r.kind === 'host');
    expect(hosts.map((r) => (r as { name: string }).name).slice(8, 11)).toEqual(['esx-r01-h009', 'esx-r01-h010', 'esx-r01-h011']);
  });

  test('ancestors of a VM are its server', () => {
    expect(ancestorsOf(design, 'r01.h001.vm01')).toEqual(['r01.h001']);
    expect(ancestorsOf(design, 'r01.tor-a')).toEqual([]);
  });
});

// The bill of materials: counts per model, per server and in total, and CSV that any RFC 4180 reader splits right.
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { makeTemplate } from '../templates';
import { BOM_COLUMNS, bomCsv, bomRows, csvField } from './bom';

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) to check what the writer produced. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('bomRows', () => {
  it('counts the rack template: servers, one NIC each, the ToR pair; nothing virtual', () => {
    const d = makeTemplate('rack', { hosts: 6, vmsPerHost: 3 });
    const rows = bomRows(d);
    expect(rows.map((r) => r.category)).toEqual(['Server', 'NIC', 'Ethernet switch']);
    const nic = rows.find((r) => r.category === 'NIC')!;
    expect(nic).toMatchObject({ location: 'server', hosts: 6, perHostMin: 1, perHostMax: 1, total: 6 });
    expect(rows.find((r) => r.category === 'Server')!).toMatchObject({ location: 'fabric', hosts: null, total: 6 });
    expect(rows.find((r) => r.category === 'Ethernet switch')!.total).toBe(2);
  });

  it('separates spines from leaves and reports uneven per-server counts as a range', () => {
    const d = makeTemplate('fabric', { hosts: 80, vmsPerHost: 1 });
    const switches = bomRows(d).filter((r) => r.category === 'Ethernet switch');
    expect(new Set(switches.map((r) => r.detail))).toEqual(new Set(['ToR', 'Spine']));
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const nic = Object.values(d.elements).find((e) => e.kind === 'nic' && e.parent === host.id)!;
    const extra: Design = { ...d, elements: { ...d.elements, extra: { ...nic, id: 'extra' as typeof nic.id, name: 'nic9' } } };
    const row = bomRows(extra).find((r) => r.category === 'NIC')!;
    expect(row).toMatchObject({ hosts: 80, perHostMin: 1, perHostMax: 2, total: 81 });
  });
});

describe('bomCsv', () => {
  it('writes a header and one parsable row per model with the totals', () => {
    const d = makeTemplate('rack', { hosts: 4, vmsPerHost: 2 });
    const rows = parseCsv(bomCsv(d));
    expect(rows[0]).toEqual([...BOM_COLUMNS]);
    expect(rows.slice(1).map((r) => r.length)).toEqual(bomRows(d).map(() => BOM_COLUMNS.length));
    expect(rows.find((r) => r[0] === 'NIC')![8]).toBe('4');
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });
});

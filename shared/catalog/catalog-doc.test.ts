/// <reference types="vite/client" />
// docs/catalog.md lists every built-in entry with its figures; keep that list in step with the data,
// and keep its user-entry example acceptable to mergeCatalog.
import { describe, expect, it } from 'vitest';
import doc from '../../docs/catalog.md?raw';
import { BUILTIN_CATALOG, mergeCatalog, NIC_CATALOG, SWITCH_CATALOG } from './index';
import { nicTableRow, switchTableRow } from './catalog-doc.test-support';

const tableRows = doc.match(/^\| `[^`]+` \|.*$/gm) ?? [];

describe('docs/catalog.md', () => {
  it.each(NIC_CATALOG.map((e) => [e.id, e] as const))('lists %s with the figures in the data', (_id, entry) => {
    expect(doc).toContain(`${nicTableRow(entry)}\n`);
  });

  it.each(SWITCH_CATALOG.map((e) => [e.id, e] as const))('lists %s', (_id, entry) => {
    expect(doc).toContain(`${switchTableRow(entry)}\n`);
  });

  it('lists no entry that does not exist', () => {
    const ids = new Set(BUILTIN_CATALOG.map((e) => e.id));
    const listed = tableRows.map((r) => /^\| `([^`]+)`/.exec(r)![1]!).filter((id) => /^(intel|nvidia|broadcom|generic)-/.test(id));
    expect(listed.filter((id) => !ids.has(id))).toEqual([]);
    expect(listed).toHaveLength(BUILTIN_CATALOG.length);
  });

  it('shows a user catalog file whose entries are accepted', () => {
    const block = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const file = JSON.parse(block) as { format: string; version: number; entries: unknown[] };
    expect(file).toMatchObject({ format: 'rackplane-catalog', version: 1 });
    const merged = mergeCatalog(BUILTIN_CATALOG, file.entries);
    expect(merged.rejected).toEqual([]);
    expect(merged.entries).toHaveLength(BUILTIN_CATALOG.length + file.entries.length);
  });
});

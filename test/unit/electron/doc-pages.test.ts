// Every guide the page may ask main to open (DOC_PAGES) ships in docs/, and every inspector field that links to a
// guide names a section that guide has: a link that opens nothing, or points at a heading that is not there, is a
// dead end for the user who clicked it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_PAGES } from '../../../shared/ipc/channels';
import { ELEMENT_KINDS } from '../../../shared/model/elements';
import { elementFields, type FieldSpec } from '../../../renderer/panels/fields';

const docs = join(__dirname, '../../../docs');

function* fieldsDeep(fields: readonly FieldSpec[]): Generator<FieldSpec> {
  for (const f of fields) {
    yield f;
    if (f.editor.type === 'items' || f.editor.type === 'record') yield* fieldsDeep(f.editor.fields);
  }
}

describe('guides linked from the app', () => {
  it('ships a Markdown file for every page main may open', () => {
    for (const page of DOC_PAGES) expect(existsSync(join(docs, `${page}.md`)), page).toBe(true);
  });

  it('links every inspector field to a section its guide has', () => {
    const refs = new Set<string>();
    for (const kind of ELEMENT_KINDS) {
      for (const f of fieldsDeep(elementFields(kind))) {
        if (!f.ref || !('doc' in f.ref)) continue;
        const headings = readFileSync(join(docs, `${f.ref.doc}.md`), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('#'))
          .map((l) => l.replace(/^#+\s*/, '').trim());
        // A heading may carry a source after the name ("Live migration (DOMAIN.md §5)"): the user looks for the name.
        const section = f.ref.section;
        expect(headings.some((h) => h === section || h.startsWith(`${section} (`)), `${kind}.${f.key} → docs/${f.ref.doc}.md “${section}”`).toBe(true);
        refs.add(`${f.ref.doc}#${f.ref.section}`);
      }
    }
    // The QoS guide is among them (the vSwitch port group's and the vNIC's QoS blocks).
    expect(refs).toContain('qos#The settings');
  });
});

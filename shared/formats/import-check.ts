/** What every importer (hwloc, lspci) guarantees of the design it returns, and how it keeps its notes. */
import { checkIntegrity, type Design } from '../model/design';
import { elementSchema } from '../model/elements';
import { linkSchema } from '../model/links';

/** The importer's own guarantee: every record passes its schema and the document is structurally sound. */
export function verifyImported(d: Design): string | null {
  for (const el of Object.values(d.elements)) {
    const r = elementSchema.safeParse(el);
    if (!r.success) return `element ${el.id}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`;
  }
  for (const l of Object.values(d.links)) {
    const r = linkSchema.safeParse(l);
    if (!r.success) return `link ${l.id}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`;
  }
  const issue = checkIntegrity(d)[0];
  return issue ? issue.message : null;
}

/** The notes as the design's description, within the description's 10,000 characters. */
export function notesDescription(notes: readonly string[]): string {
  const text = notes.join('\n');
  return text.length > 10_000 ? `${text.slice(0, 9_999)}…` : text;
}

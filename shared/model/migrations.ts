/**
 * Append-only migrations of the design document's plain-JSON form. Each entry lifts version `from` to
 * `from + 1`. Never edit or reorder a shipped entry: old files must keep loading exactly as they did.
 */
export interface DocumentMigration {
  from: number;
  description: string;
  migrate(doc: RawDocument): RawDocument;
}

/** The plain-JSON document before schema parsing. */
export interface RawDocument {
  meta?: unknown;
  elements: unknown[];
  links: unknown[];
  [key: string]: unknown;
}

export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [];

/** The document version this build writes. */
export const CURRENT_DOCUMENT_VERSION = 1 + DOCUMENT_MIGRATIONS.length;

/** Applies every migration from `version` to current; returns the descriptions of those applied. */
export function migrateDocument(doc: RawDocument, version: number): { doc: RawDocument; applied: string[] } {
  const applied: string[] = [];
  let cur = doc;
  for (const m of DOCUMENT_MIGRATIONS) {
    if (m.from < version) continue;
    cur = m.migrate(cur);
    applied.push(`v${m.from}→v${m.from + 1}: ${m.description}`);
  }
  return { doc: cur, applied };
}

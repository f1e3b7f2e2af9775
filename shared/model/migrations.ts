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

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 1,
    // 0 keeps what version 1 simulated (no disk was ever copied); users enter real sizes where storage is local.
    description: 'VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)',
    migrate: (doc) => ({
      ...doc,
      elements: doc.elements.map((e) => (isRecord(e) && e.kind === 'vm' && !Object.hasOwn(e, 'diskGiB') ? { ...e, diskGiB: 0 } : e)),
    }),
  },
];

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

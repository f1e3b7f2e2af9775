/**
 * The content checksum of a project file: SHA-256 over every stored value that makes up the design, its
 * scenarios and its results (key columns included, in row order), written to `meta` at save and
 * recomputed at open. A mismatch means the file changed outside Rackplane (a flipped bit, a sync tool,
 * a hand edit) even when every row still parses, so the file opens read-only with a warning.
 */
import { createHash, type Hash } from 'node:crypto';

/** Key of the `meta` row holding the checksum (absent in files saved before it existed: they open without a check). */
export const CHECKSUM_KEY = 'contentChecksum';

const PREFIX = 'sha256:';

/**
 * Text is handed to the hash in pieces of about this many characters: one native call per row cost 0.3 s on a
 * 100,000-row save, one per 64 K characters costs nothing measurable.
 */
const FLUSH_CHARS = 64 * 1024;

/** Feeds rows in a fixed order; the same rows in the same order give the same digest. */
export class ContentHasher {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';
  /** While set, every row is also fed to this hasher (store.ts: the simulation rows go into RecordsDigest too). */
  tee: ContentHasher | null = null;

  /** One row of `table`: each value length-prefixed, so no two different rows hash alike. */
  row(table: string, values: readonly (string | null)[]): void {
    let s = `${table}:${values.length}`;
    for (const v of values) s += v === null ? '|~' : `|${v.length}:${v}`;
    this.pending += s + '\n';
    if (this.pending.length >= FLUSH_CHARS) this.flush();
    this.tee?.row(table, values);
  }

  /** The value stored under CHECKSUM_KEY. */
  digest(): string {
    this.flush();
    return PREFIX + this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending === '') return;
    this.hash.update(this.pending);
    this.pending = '';
  }
}

/** SHA-256 of text handed over in many small pieces, passed to the hash in large ones. */
class TextDigest {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  hex(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  private flush(): void {
    if (this.pending === '') return;
    this.hash.update(this.pending);
    this.pending = '';
  }
}

/** Separators of the key-column text: ASCII unit, record and group separators, which ids and kinds never hold. */
const UNIT = '\x1f';
const NULL_VALUE = '\x1e';
const ROW = '\x1d';

/**
 * A second digest of the same content, in the form SQLite can produce for a whole table in one statement: per table,
 * the key columns of every row (`id␟kind␟parent`, rows joined by ␝, NULL as ␞) and the JSON of every row joined by
 * commas, which is also what the trusted read parses. The writer feeds it row by row (`row`), the reader a table at a
 * time (`table`, with `recordTablesSql`); the same rows give the same digest, and it is bound into the file's tag
 * (schema-fingerprint.ts), never stored alone. The content checksum above stays what older Rackplanes check.
 */
export class RecordsDigest {
  private readonly tables: Map<string, { keys: TextDigest; json: TextDigest; rows: number }>;
  /** Design metadata and the simulation rows, framed as ContentHasher frames them. */
  readonly rest = new ContentHasher();

  /** `tables`: every table fed, in a fixed order (a table without rows counts too). */
  constructor(tables: readonly string[]) {
    this.tables = new Map(tables.map((t) => [t, { keys: new TextDigest(), json: new TextDigest(), rows: 0 }]));
  }

  /** One row of `table` as written: its key columns in order and its JSON. */
  row(table: string, keys: readonly (string | null)[], json: string): void {
    const t = this.part(table);
    let k = t.rows === 0 ? '' : ROW;
    for (let i = 0; i < keys.length; i++) k += (i === 0 ? '' : UNIT) + (keys[i] ?? NULL_VALUE);
    t.keys.add(k);
    t.json.add(t.rows === 0 ? json : `,${json}`);
    t.rows++;
  }

  /** A whole table as `recordTablesSql` reads it (both texts empty for a table without rows). */
  table(table: string, keys: string, json: string): void {
    const t = this.part(table);
    t.keys.add(keys);
    t.json.add(json);
    t.rows += json === '' ? 0 : 1;
  }

  digest(): string {
    const parts = [...this.tables].map(([name, t]) => `${name}:${t.keys.hex()}:${t.json.hex()}`);
    return createHash('sha256').update(['rackplane-records-1', ...parts, this.rest.digest()].join('\n')).digest('hex');
  }

  private part(table: string) {
    const t = this.tables.get(table);
    if (!t) throw new Error(`RecordsDigest: table ${table} was not declared`);
    return t;
  }
}

/**
 * The two statements that read table `table` for `RecordsDigest.table`: its key columns `keys` (NULL allowed in
 * `nullable` ones) and its `json` column, each as one string in rowid order.
 */
export function recordTablesSql(table: string, keys: readonly string[], nullable: readonly string[] = []): { keys: string; json: string } {
  const key = keys.map((c) => (nullable.includes(c) ? `coalesce(${c}, char(30))` : c)).join(' || char(31) || ');
  // The ordered subquery is a plain scan in rowid order, which the aggregate follows; group_concat(… ORDER BY rowid)
  // would first copy every row into a sorter (twice as slow). Were the order ever different, the digest would not
  // match and the file would be read row by row.
  return {
    keys: `SELECT group_concat(k, char(29)) FROM (SELECT ${key} AS k FROM ${table} ORDER BY rowid)`,
    json: `SELECT group_concat(json, ',') FROM (SELECT json FROM ${table} ORDER BY rowid)`,
  };
}

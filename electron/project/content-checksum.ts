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

/** Feeds rows in a fixed order; the same rows in the same order give the same digest. */
export class ContentHasher {
  private readonly hash: Hash = createHash('sha256');

  /** One row of `table`: each value length-prefixed, so no two different rows hash alike. */
  row(table: string, values: readonly (string | null)[]): void {
    this.hash.update(`${table}:${values.length}`);
    for (const v of values) {
      if (v === null) this.hash.update('|~');
      else {
        this.hash.update(`|${v.length}:`);
        this.hash.update(v);
      }
    }
    this.hash.update('\n');
  }

  /** The value stored under CHECKSUM_KEY. */
  digest(): string {
    return PREFIX + this.hash.digest('hex');
  }
}

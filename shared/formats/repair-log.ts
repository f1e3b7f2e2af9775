/**
 * The repairs a load made, as the list users read. A file with a million broken records would otherwise produce a
 * million lines (hundreds of megabytes, and a report no one can read): each kind of repair lists its first
 * LISTED_PER_KIND instances and then one line counting the rest.
 */

import { printableLine } from '../text/printable';

/** How many repairs of one kind are listed one by one before the rest are counted. */
export const LISTED_PER_KIND = 100;

export class RepairLog {
  private readonly lines: string[] = [];
  private readonly counts = new Map<string, number>();
  private readonly summaries = new Map<string, string>();

  /**
   * Records one repair of `kind`; `summary` describes the kind in a counted line ("duplicate element ids renamed").
   * `line` is a function so that a repair past the listed ones costs no string building.
   */
  add(kind: string, summary: string, line: () => string): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    // A repair quotes names and port names from the file, which may hold newlines or control characters.
    if (n <= LISTED_PER_KIND) this.lines.push(printableLine(line(), 1000));
    else this.summaries.set(kind, summary);
  }

  /** The listed repairs in the order they were made, then one line per kind that had more than were listed. */
  list(): string[] {
    const out = [...this.lines];
    for (const [kind, summary] of this.summaries) {
      const more = this.counts.get(kind)! - LISTED_PER_KIND;
      out.push(`… and ${more.toLocaleString('en-US')} more: ${summary}`);
    }
    return out;
  }
}

/**
 * How find (Ctrl+F) and the outline's search read a query: words, each of which must occur in the element's name
 * or id or in its server's, with at least one in the element's own. So "h001 vm07" finds VM vm07 of host h001,
 * and "esx-r01-h001" finds that server without listing everything inside it.
 */

/** The query's words, lower-cased; none for a blank query. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The text an element is known by (its name and id), lower-cased, for `matchesWords`. */
export const searchText = (el: { name: string; id: string }): string => `${el.name}\u0000${el.id}`.toLowerCase();

/**
 * Does an element match every word? `own` is its searchText, `container` its server's (or null at top level).
 * At least one word must be the element's own, else a server's name would match everything in it.
 */
export function matchesWords(words: readonly string[], own: string, container: string | null): boolean {
  let ownHit = false;
  for (const w of words) {
    if (own.includes(w)) ownHit = true;
    else if (container === null || !container.includes(w)) return false;
  }
  return ownHit;
}

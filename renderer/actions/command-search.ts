/**
 * What the command palette lists for a query: enabled actions matched by words of their label (every word
 * of the query must start a word of the label, or appear in it), or in find mode elements matched by name.
 * Pure, so the ranking is tested without a browser.
 */
import type { Design } from '../../shared/model/design';
import { KIND_LABELS, type ElementKind } from '../../shared/model/elements';
import { matchesWords, queryWords } from './name-query';

export interface ActionEntry {
  name: string;
  label: string;
  shortcut: string | null;
}

/** Lower rank = better: 0 label starts with the query, 1 a word starts with every query word, 2 substring. */
function rank(label: string, query: string): number | null {
  const l = label.toLowerCase();
  const q = query.trim().toLowerCase();
  if (q === '') return 1;
  if (l.startsWith(q)) return 0;
  const words = l.split(/[^a-z0-9]+/).filter(Boolean);
  if (q.split(/\s+/).every((w) => words.some((lw) => lw.startsWith(w)))) return 1;
  return l.includes(q) ? 2 : null;
}

export function searchActions(entries: readonly ActionEntry[], query: string): ActionEntry[] {
  const scored: { e: ActionEntry; r: number; i: number }[] = [];
  entries.forEach((e, i) => {
    const r = rank(e.label, query);
    if (r !== null) scored.push({ e, r, i });
  });
  return scored.sort((a, b) => a.r - b.r || a.i - b.i).map((s) => s.e);
}

export interface ElementMatch {
  id: string;
  name: string;
  kind: ElementKind;
  /** The containing server's name, when inside one. */
  inside: string | null;
}

/**
 * Elements matching every word of the query in their name or their server's name (case-insensitive; at least one
 * word in their own name: "h001 vm07"), names starting with the query's last word first; at most `limit`, and the total.
 */
export function findElements(design: Design, query: string, limit = 50): { matches: ElementMatch[]; total: number } {
  const words = queryWords(query);
  if (words.length === 0) return { matches: [], total: 0 };
  const last = words[words.length - 1]!;
  const starts: ElementMatch[] = [];
  const contains: ElementMatch[] = [];
  for (const el of Object.values(design.elements)) {
    const n = el.name.toLowerCase();
    const parent = el.parent === null ? undefined : design.elements[el.parent];
    if (!matchesWords(words, n, parent ? parent.name.toLowerCase() : null)) continue;
    const m = { id: el.id, name: el.name, kind: el.kind, inside: parent ? parent.name || parent.id : null };
    (n.startsWith(last) || n.startsWith(words[0]!) ? starts : contains).push(m);
  }
  const all = [...starts, ...contains];
  return { matches: all.slice(0, limit), total: all.length };
}

export const kindLabel = (k: ElementKind): string => KIND_LABELS[k];

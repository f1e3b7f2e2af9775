/**
 * What the command palette lists for a query: enabled actions matched by words of their label (every word
 * of the query must start a word of the label, or appear in it), or in find mode elements matched by name.
 * Pure, so the ranking is tested without a browser.
 */
import type { Design } from '../../shared/model/design';
import { KIND_LABELS, type ElementKind } from '../../shared/model/elements';

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

/** Elements whose name contains the query (case-insensitive), names starting with it first; at most `limit`, and the total. */
export function findElements(design: Design, query: string, limit = 50): { matches: ElementMatch[]; total: number } {
  const q = query.trim().toLowerCase();
  if (q === '') return { matches: [], total: 0 };
  const starts: ElementMatch[] = [];
  const contains: ElementMatch[] = [];
  for (const el of Object.values(design.elements)) {
    const n = el.name.toLowerCase();
    const at = n.indexOf(q);
    if (at < 0) continue;
    const parent = el.parent === null ? undefined : design.elements[el.parent];
    const m = { id: el.id, name: el.name, kind: el.kind, inside: parent ? parent.name || parent.id : null };
    (at === 0 ? starts : contains).push(m);
  }
  const all = [...starts, ...contains];
  return { matches: all.slice(0, limit), total: all.length };
}

export const kindLabel = (k: ElementKind): string => KIND_LABELS[k];

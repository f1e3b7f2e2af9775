/**
 * The problems panel's model, apart from React: diagnostics grouped by rule, filtered by severity and text, and
 * the worst severity per element for the canvas badges.
 */
import type { Diagnostic, RuleMeta, Severity, ValidationSummary } from '../../shared/validate/index';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** The glyph shown with a severity, the same as the canvas badge's (shared/scene/problems.ts). */
export const SEVERITY_GLYPH: Readonly<Record<Severity, string>> = { error: '×', warning: '!', info: 'i' };

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface ProblemFilter {
  severities: ReadonlySet<Severity>;
  /** Case-insensitive; matches the message, the rule id or the rule title. */
  text: string;
}

export const ALL_SEVERITIES: ReadonlySet<Severity> = new Set(SEVERITIES);

export interface ProblemItem {
  /** Index into the diagnostics list: a stable key while the list is shown. */
  index: number;
  diagnostic: Diagnostic;
}

export interface ProblemGroup {
  rule: RuleMeta;
  /** The worst severity among the group's items (a rule may downgrade some of its diagnostics). */
  severity: Severity;
  items: ProblemItem[];
}

/** Metadata for a rule id the catalog does not know (a newer worker than UI is impossible today, but cheap to survive). */
function unknownRule(id: string, severity: Severity): RuleMeta {
  return { id, severity, title: id, description: 'No description is available for this rule.', source: 'unknown' };
}

/** Diagnostics that pass the filter, grouped by rule: worst severity first, then rule id. */
export function groupProblems(diagnostics: readonly Diagnostic[], rules: readonly RuleMeta[], filter: ProblemFilter): ProblemGroup[] {
  const meta = new Map(rules.map((r) => [r.id, r]));
  const text = filter.text.trim().toLowerCase();
  const groups = new Map<string, ProblemGroup>();
  diagnostics.forEach((d, index) => {
    if (!filter.severities.has(d.severity)) return;
    const rule = meta.get(d.rule) ?? unknownRule(d.rule, d.severity);
    if (text && !d.message.toLowerCase().includes(text) && !rule.id.toLowerCase().includes(text) && !rule.title.toLowerCase().includes(text)) return;
    let g = groups.get(d.rule);
    if (!g) groups.set(d.rule, (g = { rule, severity: d.severity, items: [] }));
    if (RANK[d.severity] < RANK[g.severity]) g.severity = d.severity;
    g.items.push({ index, diagnostic: d });
  });
  return [...groups.values()].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
}

/** The worst severity of the problems naming each element (canvas badges and outlines). */
export function worstByElement(diagnostics: readonly Diagnostic[]): ReadonlyMap<string, Severity> {
  const out = new Map<string, Severity>();
  for (const d of diagnostics) {
    for (const id of d.elements) {
      const cur = out.get(id);
      if (cur === undefined || RANK[d.severity] < RANK[cur]) out.set(id, d.severity);
    }
  }
  return out;
}

/** "2 errors, 1 warning" (zero counts left out); "No problems" when clean. */
export function summaryLine(s: ValidationSummary): string {
  const parts = SEVERITIES.filter((k) => s[k] > 0).map((k) => `${s[k].toLocaleString('en-US')} ${k === 'info' ? 'info' : s[k] === 1 ? k : `${k}s`}`);
  return parts.length ? parts.join(', ') : 'No problems';
}

/** The items of the groups in display order (keyboard navigation moves through this list). */
export function flatItems(groups: readonly ProblemGroup[]): ProblemItem[] {
  return groups.flatMap((g) => g.items);
}

/**
 * The problems panel: the open design's diagnostics grouped by rule, filterable by severity and text. Clicking a
 * problem (or Enter on it) selects its elements and zooms to them; hovering or moving to it shows the rule's
 * description and source; a mechanical fix is one button and one undo step.
 */
import { useMemo, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { Diagnostic, Severity } from '../../shared/validate/index';
import { ruleCatalog } from '../../shared/validate/rules/index';
import { zoomToElements } from '../canvas/view-ops';
import { useAppStore, useStoreState } from '../state/use-store';
import { ALL_SEVERITIES, flatItems, groupProblems, SEVERITIES, SEVERITY_GLYPH, type ProblemItem } from '../validation/problems-model';

const RULES = ruleCatalog();
const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export function ProblemsPanel(): ReactElement {
  const store = useAppStore();
  const validation = useStoreState((s) => s.validation);
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(ALL_SEVERITIES);
  const [text, setText] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  // A rule asked for by an inspector field's link: filter to it and describe it until the user looks elsewhere.
  const ruleFocus = useStoreState((s) => s.ruleFocus);
  const [pinned, setPinned] = useState<string | null>(null);
  const [handled, setHandled] = useState<number | null>(null);
  // Adjusted while rendering (not in an effect), once per request, so the panel never shows a stale filter first.
  if (ruleFocus && ruleFocus.request !== handled) {
    setHandled(ruleFocus.request);
    setText(ruleFocus.rule);
    setPinned(ruleFocus.rule);
    setActive(null);
  }

  const groups = useMemo(() => groupProblems(validation.diagnostics, RULES, { severities, text }), [validation.diagnostics, severities, text]);
  const items = useMemo(() => flatItems(groups), [groups]);
  // The active row is kept by diagnostic index; after revalidation it may be gone.
  const activeItem = items.find((i) => i.index === active) ?? null;
  const shown = hovered ?? activeItem?.index ?? null;
  const infoRule = shown !== null ? validation.diagnostics[shown]?.rule : (pinned ?? undefined);
  const info = infoRule ? (RULE_BY_ID.get(infoRule) ?? null) : null;

  const toggle = (s: Severity) => {
    const next = new Set(severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setSeverities(next);
  };

  const reveal = (d: Diagnostic) => {
    const design = store.getState().doc?.design;
    if (!design) return;
    const elements = d.elements.filter((id) => Object.hasOwn(design.elements, id));
    const links = d.links.filter((id) => Object.hasOwn(design.links, id));
    store.select({ elements: new Set(elements), links: new Set(links) });
    zoomToElements(store, elements);
  };

  const applyFix = (d: Diagnostic) => {
    if (!d.fix) return;
    // store.execute reports a refused command (CommandError) as one line in the status bar.
    store.execute(d.fix.commands, { label: `Fix: ${d.fix.label}` });
  };

  const onListKey = (e: KeyboardEvent) => {
    if (items.length === 0) return;
    const at = activeItem ? items.indexOf(activeItem) : -1;
    const go = (i: number) => {
      const item = items[Math.max(0, Math.min(items.length - 1, i))]!;
      setActive(item.index);
      document.getElementById(`problem-${item.index}`)?.scrollIntoView({ block: 'nearest' });
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Enter' && activeItem) reveal(activeItem.diagnostic);
    else return;
    e.preventDefault();
  };

  const row = (item: ProblemItem) => {
    const d = item.diagnostic;
    return (
      <div
        key={item.index}
        id={`problem-${item.index}`}
        role="option"
        aria-selected={item.index === activeItem?.index}
        className={`problem-row ${d.severity}${item.index === activeItem?.index ? ' active' : ''}`}
        data-rule={d.rule}
        onClick={() => {
          setActive(item.index);
          reveal(d);
        }}
        onMouseEnter={() => setHovered(item.index)}
        onMouseLeave={() => setHovered(null)}
      >
        <span className={`sev-icon ${d.severity}`} aria-label={d.severity}>
          {SEVERITY_GLYPH[d.severity]}
        </span>
        <span className="problem-message">{d.message}</span>
        {d.fix ? (
          <button
            type="button"
            className="problem-fix"
            disabled={validation.pending}
            title={validation.pending ? 'Checking the latest edit…' : `Fix: ${d.fix.label} (one undoable step)`}
            onClick={(e) => {
              e.stopPropagation();
              applyFix(d);
            }}
          >
            Fix: {d.fix.label}
          </button>
        ) : null}
      </div>
    );
  };

  return (
    <section className="problems-panel" aria-label="Problems" data-testid="problems-panel">
      <header className="problems-header">
        <span className="panel-title">Problems</span>
        <div className="problems-severities" role="group" aria-label="Show severities">
          {SEVERITIES.map((s) => (
            <button key={s} type="button" className={`sev-toggle ${s}`} aria-pressed={severities.has(s)} onClick={() => toggle(s)} data-testid={`problems-toggle-${s}`}>
              <span className={`sev-icon ${s}`}>{SEVERITY_GLYPH[s]}</span> {SEVERITY_LABEL[s]} {validation.summary[s]}
            </button>
          ))}
        </div>
        <input type="search" className="problems-filter" placeholder="Filter problems" aria-label="Filter problems" value={text} onChange={(e) => {
            setText(e.target.value);
            setPinned(null);
          }} />
        {validation.pending ? <span className="problems-pending">Checking…</span> : null}
        <button type="button" className="problems-close" aria-label="Close problems panel" onClick={() => store.setProblemsOpen(false)}>
          ×
        </button>
      </header>
      <div className="problems-body">
        <div
          className="problems-list"
          role="listbox"
          tabIndex={0}
          aria-label="Problems by rule"
          aria-activedescendant={activeItem ? `problem-${activeItem.index}` : undefined}
          onKeyDown={onListKey}
          onFocus={() => activeItem === null && items[0] && setActive(items[0].index)}
        >
          {groups.map((g) => (
            <div key={g.rule.id} role="group" aria-label={`${g.rule.id} ${g.rule.title}`} className="problem-group" data-rule={g.rule.id}>
              <div className="problem-group-header" title={`${g.rule.description}\nSource: ${g.rule.source}`}>
                <span className={`sev-icon ${g.severity}`}>{SEVERITY_GLYPH[g.severity]}</span>
                <span className="rule-id">{g.rule.id}</span>
                <span className="rule-title">{g.rule.title}</span>
                <span className="rule-count">{g.items.length}</span>
              </div>
              {g.items.map(row)}
            </div>
          ))}
          {groups.length === 0 ? (
            <div className="problems-empty">{validation.diagnostics.length === 0 ? (validation.pending ? 'Checking the design…' : 'No problems found.') : 'No problems match the filter.'}</div>
          ) : null}
        </div>
        <aside className="problems-info" aria-live="polite" data-testid="problems-info">
          {info ? (
            <>
              <strong>
                {info.id} · {info.title}
              </strong>
              <p>{info.description}</p>
              <p className="rule-source">Source: {info.source}</p>
            </>
          ) : (
            <p className="muted">Hover or move to a problem to see its rule and source.</p>
          )}
        </aside>
      </div>
    </section>
  );
}

/**
 * The outline: the containment tree, searchable by name, virtualised (only rows in view are in the
 * DOM), keyboard navigable as an ARIA tree. Clicking a row selects the element; the canvas and the
 * inspector follow. A selection made elsewhere opens and scrolls to its row.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { ELEMENT_KINDS, KIND_LABELS, type ElementKind } from '../../shared/model/elements';
import { KIND_COLORS } from '../../shared/scene/describe';
import { usePalette } from '../canvas/use-theme';
import { revealElement } from '../canvas/view-ops';
import { countedKind } from '../components/kind-names';
import { statsOf } from '../state/design-stats';
import { useAppStore, useStoreState } from '../state/use-store';
import { ancestorsOf, outlineRows, type OutlineRow } from './outline-model';

const ROW_H = 24;
/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

const rowDomId = (id: string) => `outline-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function Outline(): ReactElement {
  const store = useAppStore();
  const design = useStoreState((s) => s.doc!.design);
  const selection = useStoreState((s) => s.selection);
  const palette = usePalette();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState<string | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const listRef = useRef<HTMLDivElement>(null);

  // A single selection made elsewhere (the canvas) opens its server, unless the user has since closed it.
  const single = selection.elements.size === 1 ? [...selection.elements][0]! : null;
  const [closedReveal, setClosedReveal] = useState<string | null>(null);
  const reveal = useMemo(() => (single && closedReveal !== single ? ancestorsOf(design, single) : []), [design, single, closedReveal]);
  const shownExpanded = useMemo(() => (reveal.every((p) => expanded.has(p)) ? expanded : new Set([...expanded, ...reveal])), [expanded, reveal]);

  const rows = useMemo(() => outlineRows(design, shownExpanded, query), [design, shownExpanded, query]);
  const counts = statsOf(design).byKind;
  const rowIndex = useMemo(() => {
    const m = new Map<string, number>();
    rows.forEach((r, i) => r.type === 'element' && m.set(r.id, i));
    return m;
  }, [rows]);
  const activeId = single ?? active;

  // Bring the selected row into view when the selection changes.
  useEffect(() => {
    const i = single ? rowIndex.get(single) : undefined;
    const el = listRef.current;
    if (i === undefined || !el) return;
    if (i * ROW_H < el.scrollTop || (i + 1) * ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, i * ROW_H - el.clientHeight / 2);
  }, [single, rowIndex]);

  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const toggle = (id: string, open?: boolean) => {
    const opening = open ?? !shownExpanded.has(id);
    if (!opening && reveal.includes(id)) setClosedReveal(single);
    setExpanded(() => {
      const next = new Set(shownExpanded);
      if (opening) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const selectRow = (id: string, additive: boolean) => {
    setActive(id);
    const cur = store.getState().selection;
    if (additive) {
      const elements = new Set(cur.elements);
      if (elements.has(id)) elements.delete(id);
      else elements.add(id);
      store.select({ elements, links: cur.links });
    } else {
      store.select({ elements: new Set([id]), links: new Set() });
    }
    revealElement(store, id);
  };

  const elementRows = rows.filter((r): r is Extract<OutlineRow, { type: 'element' }> => r.type === 'element');
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (elementRows.length === 0) return;
    const i = activeId ? elementRows.findIndex((r) => r.id === activeId) : -1;
    const cur = i >= 0 ? elementRows[i]! : null;
    const go = (j: number) => {
      const r = elementRows[Math.max(0, Math.min(elementRows.length - 1, j))]!;
      selectRow(r.id, false);
      const k = rowIndex.get(r.id)!;
      const el = listRef.current!;
      if (k * ROW_H < el.scrollTop) el.scrollTop = k * ROW_H;
      else if ((k + 1) * ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = (k + 1) * ROW_H - el.clientHeight;
    };
    const handled = (() => {
      switch (e.key) {
        case 'ArrowDown':
          go(i + 1);
          return true;
        case 'ArrowUp':
          go(i <= 0 ? 0 : i - 1);
          return true;
        case 'Home':
          go(0);
          return true;
        case 'End':
          go(elementRows.length - 1);
          return true;
        case 'ArrowRight':
          if (cur?.expandable && !cur.expanded) toggle(cur.id, true);
          else if (cur?.expanded) go(i + 1);
          return true;
        case 'ArrowLeft':
          if (cur?.expanded) toggle(cur.id, false);
          else if (cur && cur.depth > 0) {
            const parent = design.elements[cur.id]?.parent;
            if (parent) go(elementRows.findIndex((r) => r.id === parent));
          }
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scroll.top / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scroll.top + scroll.height) / ROW_H) + OVERSCAN);
  const shown = rows.slice(first, last);
  const dot = (kind: ElementKind) => ({ color: palette[KIND_COLORS[kind].stroke], background: palette[KIND_COLORS[kind].fill] });

  return (
    <aside className="panel left" aria-label="Outline">
      <div className="panel-header">Outline</div>
      <input className="search" type="search" placeholder="Search by name" aria-label="Search elements by name" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="outline-summary" data-testid="outline-summary">
        {ELEMENT_KINDS.filter((k) => counts[k] > 0).map((k) => (
          <span key={k} data-testid={`outline-count-${k}`} data-count={counts[k]}>
            <strong>{counts[k].toLocaleString('en-US')}</strong> {countedKind(k, counts[k]).replace(/^[\d,]+ /, '')}
          </span>
        ))}
      </div>
      <div
        className="tree"
        role="tree"
        aria-label="Design elements"
        aria-multiselectable="true"
        tabIndex={0}
        ref={listRef}
        aria-activedescendant={activeId && rowIndex.has(activeId) ? rowDomId(activeId) : undefined}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 ? (
          <div className="tree-empty">{query ? `Nothing named “${query}”.` : 'The design is empty. Start from a template with File › New.'}</div>
        ) : (
          <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
            {shown.map((r, k) => {
              const top = (first + k) * ROW_H;
              if (r.type === 'section') {
                return (
                  <div key={`s-${r.key}`} className="tree-row section" style={{ top, paddingLeft: 12 }} role="presentation">
                    {r.label}
                    <span className="meta">{r.count.toLocaleString('en-US')}</span>
                  </div>
                );
              }
              const selected = selection.elements.has(r.id);
              return (
                <div
                  key={r.id}
                  id={rowDomId(r.id)}
                  className={`tree-row${selected ? ' selected' : ''}${activeId === r.id ? ' active' : ''}`}
                  style={{ top, paddingLeft: 8 + r.depth * 18 }}
                  role="treeitem"
                  aria-level={r.depth + 1}
                  aria-selected={selected}
                  aria-expanded={r.expandable ? r.expanded : undefined}
                  data-element-id={r.id}
                  onClick={(e) => selectRow(r.id, e.ctrlKey || e.metaKey || e.shiftKey)}
                  onDoubleClick={() => r.expandable && toggle(r.id)}
                >
                  <span
                    className="twisty"
                    aria-hidden="true"
                    onClick={(e) => {
                      if (!r.expandable) return;
                      e.stopPropagation();
                      toggle(r.id);
                    }}
                  >
                    {r.expandable ? (r.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span className="kind-dot" style={dot(r.kind)} title={KIND_LABELS[r.kind]} />
                  <span className="name">{r.name || r.id}</span>
                  {r.expandable ? <span className="meta">{r.childCount}</span> : <span className="meta">{KIND_LABELS[r.kind]}</span>}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </aside>
  );
}

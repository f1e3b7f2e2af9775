/**
 * The command palette (Ctrl/Cmd+Shift+P): every enabled action of the registry with its shortcut, searched
 * as you type, Enter runs the highlighted one. In find mode (Ctrl/Cmd+F) it lists elements by name instead,
 * and Enter selects the highlighted element (or all matches) and zooms the canvas to it.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { revealElements } from '../actions/collapse';
import { findElements, kindLabel, searchActions, type ActionEntry } from '../actions/command-search';
import { useActions } from '../actions/context';
import { formatShortcut } from '../actions/keys';
import { overlays } from '../actions/overlays';
import { zoomToElements } from '../canvas/view-ops';
import { useAppStore, useStoreState } from '../state/use-store';

interface Row {
  key: string;
  label: string;
  detail: string | null;
  run: () => void;
}

export function CommandPalette({ mode }: { mode: 'actions' | 'find' }): ReactElement {
  const registry = useActions();
  const store = useAppStore();
  const state = useStoreState((s) => s);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  // Focus the field on open; give focus back to where it was on close.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const rows: Row[] = useMemo(() => {
    if (mode === 'actions') {
      const entries: ActionEntry[] = registry
        .all()
        .filter((a) => a.name !== 'view.commandPalette' && a.predicate(state))
        .map((a) => ({ name: a.name, label: a.label(state), shortcut: a.shortcuts?.[0] ? formatShortcut(a.shortcuts[0]) : null }));
      return searchActions(entries, query).map((e) => ({ key: e.name, label: e.label, detail: e.shortcut, run: () => void registry.perform(e.name, 'ui') }));
    }
    const design = state.doc?.design;
    if (!design) return [];
    const { matches, total } = findElements(design, query);
    const select = (ids: string[]) => () => {
      // Finding is asking to see: servers collapsed over the matches open first (one undo step).
      revealElements(store, ids);
      store.select({ elements: new Set(ids), links: new Set() });
      zoomToElements(store, ids);
    };
    const out: Row[] = matches.map((m) => ({ key: m.id, label: m.name || m.id, detail: m.inside ? `${kindLabel(m.kind)} in ${m.inside}` : kindLabel(m.kind), run: select([m.id]) }));
    if (total > 1) {
      // "All matches" needs every match, not only the listed ones.
      const all = () => findElements(design, query, Infinity).matches.map((m) => m.id);
      out.unshift({ key: '*', label: `Select all ${total} matches`, detail: null, run: () => select(all())() });
    }
    return out;
  }, [mode, registry, state, query, store]);

  const current = Math.min(active, Math.max(rows.length - 1, 0));
  const run = (row: Row | undefined) => {
    if (!row) return;
    overlays.close();
    row.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      overlays.close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = rows.length;
      if (n > 0) setActive((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(rows[current]);
    }
  };

  const placeholder = mode === 'actions' ? 'Type a command' : 'Find an element by name';
  const listId = `palette-list-${mode}`;
  return (
    <div className="command-backdrop" onPointerDown={(e) => e.target === e.currentTarget && overlays.close()}>
      <div className="command-palette" role="dialog" aria-label={mode === 'actions' ? 'Command palette' : 'Find element'} data-testid="command-palette" data-mode={mode} onKeyDown={onKeyDown}>
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={rows[current] ? `${listId}-${current}` : undefined}
          aria-label={placeholder}
          placeholder={placeholder}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <ul id={listId} role="listbox" className="command-list">
          {rows.map((r, i) => (
            <li
              key={r.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : undefined}
              onPointerMove={() => i !== current && setActive(i)}
              onClick={() => run(r)}
            >
              <span className="label">{r.label}</span>
              {r.detail ? <span className="detail">{r.detail}</span> : null}
            </li>
          ))}
          {rows.length === 0 ? <li className="empty">{mode === 'find' && query.trim() === '' ? 'Type part of a name' : 'No matches'}</li> : null}
        </ul>
      </div>
    </div>
  );
}

/**
 * The palette: every element kind and the catalog's NICs and switches (the user's own entries marked
 * "yours", following the catalog dialog without a restart), with search. Drag an item onto the
 * canvas to create it there (pointer events, so mouse, pen, touch and Playwright all drive it the same way),
 * or press Enter on it to insert it into the selected server or at the centre of the view.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { dropItemAt, insertItem } from '../actions/insert-element';
import { worldAtClient } from '../canvas/drop-target';
import { useAppStore } from '../state/use-store';
import { filterPalette, paletteItems, type PaletteItem } from './palette-items';
import { usePaletteCatalog } from './use-catalog';

/** Pointer travel (px) that turns a press on an item into a drag. */
const DRAG_SLOP = 4;

interface Drag {
  item: PaletteItem;
  pointerId: number;
  startX: number;
  startY: number;
  moved: boolean;
}

export function Palette(): ReactElement {
  const store = useAppStore();
  const [open, setOpen] = useState(true);
  const [query, setQuery] = useState('');
  const [ghost, setGhost] = useState<{ label: string; x: number; y: number } | null>(null);
  const drag = useRef<Drag | null>(null);
  const catalog = usePaletteCatalog();
  const items = useMemo(() => paletteItems(catalog.entries), [catalog.entries]);
  const shown = useMemo(() => filterPalette(items, query), [items, query]);

  // Escape abandons a palette drag.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && drag.current) {
        drag.current = null;
        setGhost(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onPointerDown = (e: React.PointerEvent, item: PaletteItem) => {
    if (e.button !== 0) return;
    e.preventDefault();
    (e.currentTarget as HTMLElement).focus();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    drag.current = { item, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, moved: false };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moved && Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_SLOP) return;
    d.moved = true;
    setGhost({ label: d.item.label, x: e.clientX, y: e.clientY });
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = null;
    setGhost(null);
    if (!d.moved) return;
    const at = worldAtClient(store, e.clientX, e.clientY);
    if (at) dropItemAt(store, d.item.item, at);
  };

  const groups = ['Elements', 'NICs', 'Switches'] as const;
  return (
    <section className="palette" aria-label="Palette" data-testid="palette">
      <button type="button" className="panel-header palette-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Palette
      </button>
      {open ? (
        <>
          <input className="search" type="search" placeholder="Search kinds and models" aria-label="Search the palette" value={query} onChange={(e) => setQuery(e.target.value)} />
          <div className="palette-list" role="listbox" aria-label="Elements to add: drag onto the canvas or press Enter">
            {groups.map((g) => {
              const list = shown.filter((i) => i.group === g);
              if (list.length === 0) return null;
              return (
                <div key={g} role="group" aria-label={g}>
                  <div className="palette-group">{g}</div>
                  {list.map((it) => (
                    <div
                      key={it.key}
                      className="palette-item"
                      role="option"
                      aria-selected={false}
                      tabIndex={0}
                      data-palette-item={it.key}
                      title={`${it.label}${it.yours ? ' (your catalog entry)' : ''}: drag onto the canvas, or press Enter`}
                      onPointerDown={(e) => onPointerDown(e, it)}
                      onPointerMove={onPointerMove}
                      onPointerUp={onPointerUp}
                      onPointerCancel={() => ((drag.current = null), setGhost(null))}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          insertItem(store, it.item);
                        }
                      }}
                    >
                      <span className="palette-label">
                        {it.label}
                        {it.yours ? (
                          <>
                            {' '}
                            <span className="tag yours">yours</span>
                          </>
                        ) : null}
                      </span>
                      <span className="palette-detail" title={it.detailHint}>
                        {it.detail}
                      </span>
                    </div>
                  ))}
                </div>
              );
            })}
            {shown.length === 0 ? <div className="palette-empty">Nothing matches “{query}”</div> : null}
            {catalog.problem ? (
              <div className="palette-empty" role="status" data-testid="palette-catalog-problem">
                Your catalog entries are not listed: {catalog.problem}
              </div>
            ) : null}
          </div>
        </>
      ) : null}
      {ghost ? (
        <div className="palette-ghost" style={{ left: ghost.x + 8, top: ghost.y + 8 }} aria-hidden="true">
          {ghost.label}
        </div>
      ) : null}
    </section>
  );
}

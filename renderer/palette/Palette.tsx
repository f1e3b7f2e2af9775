/**
 * The palette: every element kind and the catalog's NICs and switches (the user's own entries marked
 * "yours", following the catalog dialog without a restart), with search. Drag an item onto the
 * canvas to create it there (pointer events, so mouse, pen, touch and Playwright all drive it the same way),
 * or press Enter on it to insert it into the selected server or at the centre of the view. While an item is
 * dragged, the canvas outlines the server it would go into and the ghost says where it goes, or why it cannot
 * (../canvas/drop-target.ts); it lands with its top-left corner at the pointer.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { dropItemAt, insertItem } from '../actions/insert-element';
import { pointerDropOptions, previewDrop, setDropHover, worldAtClient, type DropPreview } from '../canvas/drop-target';
import { useAppStore } from '../state/use-store';
import { filterPalette, paletteItems, type PaletteItem } from './palette-items';
import { usePaletteCatalog } from './use-catalog';
import { Splitter } from '../components/Splitter';

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
  const [ghost, setGhost] = useState<{ key: string; label: string; x: number; y: number; drop: DropPreview } | null>(null);
  const drag = useRef<Drag | null>(null);
  const section = useRef<HTMLElement>(null);
  const catalog = usePaletteCatalog();
  const items = useMemo(() => paletteItems(catalog.entries), [catalog.entries]);
  const shown = useMemo(() => filterPalette(items, query), [items, query]);

  // Escape abandons a palette drag.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && drag.current) {
        drag.current = null;
        setGhost(null);
        setDropHover(null);
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
    // What a release here would do: the canvas outlines the target server, the ghost says why not.
    const drop = previewDrop(store, d.item.item, e.clientX, e.clientY);
    setDropHover(drop);
    setGhost({ key: d.item.key, label: d.item.label, x: e.clientX, y: e.clientY, drop });
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    endDrag();
    if (!d.moved) return;
    const at = worldAtClient(store, e.clientX, e.clientY);
    if (at) dropItemAt(store, d.item.item, at, pointerDropOptions(store));
  };
  function endDrag() {
    drag.current = null;
    setGhost(null);
    setDropHover(null);
  }

  const groups = ['Elements', 'NICs', 'Switches'] as const;
  return (
    <>
      <section className={`palette${open ? '' : ' collapsed'}`} aria-label="Palette" data-testid="palette" ref={section}>
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
                        // The dragged item holds the pointer, so its cursor is the drag's: not-allowed where a drop is refused.
                        className={`palette-item${ghost?.key === it.key ? ` dragging ${ghost.drop.status}` : ''}`}
                        role="option"
                        aria-selected={false}
                        tabIndex={0}
                        data-palette-item={it.key}
                        title={`${it.label}${it.yours ? ' (your catalog entry)' : ''}: drag onto the canvas, or press Enter`}
                        onPointerDown={(e) => onPointerDown(e, it)}
                        onPointerMove={onPointerMove}
                        onPointerUp={onPointerUp}
                        onPointerCancel={endDrag}
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
          <div className={`palette-ghost ${ghost.drop.status}`} style={{ left: ghost.x + 8, top: ghost.y + 8 }} data-testid="palette-ghost" data-drop={ghost.drop.status} role="status">
            {ghost.drop.status === 'refused' ? (
              <>
                <span aria-hidden="true">⊘ </span>
                {ghost.drop.reason}
              </>
            ) : ghost.drop.status === 'ok' && ghost.drop.host ? (
              `${ghost.label} → ${store.getState().doc?.design.elements[ghost.drop.host]?.name ?? 'server'}`
            ) : (
              ghost.label
            )}
          </div>
        ) : null}
      </section>
      {open ? (
        <Splitter
          panel="palette"
          axis="y"
          grow={1}
          label="Height of the palette"
          target={() => section.current}
          available={() => section.current?.parentElement?.getBoundingClientRect().height ?? 0}
        />
      ) : null}
    </>
  );
}

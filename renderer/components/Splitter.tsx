/**
 * A splitter between two panels: drag it, or focus it (Tab) and press the arrow keys (Shift: larger steps), to
 * resize the panel it belongs to; Home and End go to the smallest and largest size, double-click or Enter restores
 * the default. The size is remembered (./panel-layout.ts). It takes no room in the layout: a 0-px grid track or
 * flex item whose wider, invisible hit area straddles the border between the panels.
 */
import { useRef, type ReactElement } from 'react';
import { clampSize, KEY_STEP, KEY_STEP_FAST, PANEL_LIMITS, panelLayout, usePanelLayout, type PanelKey } from './panel-layout';

export interface SplitterProps {
  panel: PanelKey;
  /** 'x': a vertical bar between side-by-side panels, resizing a width; 'y': a horizontal bar, resizing a height. */
  axis: 'x' | 'y';
  /** +1 when moving the bar right/down makes the panel larger (it sits after the panel), -1 when smaller. */
  grow: 1 | -1;
  label: string;
  /** The panel's element, measured when a drag or key press starts (its drawn size may differ from the stored one). */
  target: () => HTMLElement | null;
  /** Room along the axis that the panel and the canvas share, px (clampSize keeps the canvas's part). */
  available: () => number;
}

export function Splitter({ panel, axis, grow, label, target, available }: SplitterProps): ReactElement {
  const layout = usePanelLayout();
  const drag = useRef<{ id: number; start: number; size: number } | null>(null);
  const store = panelLayout();
  const measured = () => {
    const el = target();
    if (!el) return store.sizeOf(panel);
    const r = el.getBoundingClientRect();
    return axis === 'x' ? r.width : r.height;
  };
  const pos = (e: { clientX: number; clientY: number }) => (axis === 'x' ? e.clientX : e.clientY);
  const size = layout.sizes[panel] ?? PANEL_LIMITS[panel].initial;
  const max = clampSize(panel, Infinity, available());

  const onKeyDown = (e: React.KeyboardEvent) => {
    const less = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
    const more = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
    const step = KEY_STEP * (e.shiftKey ? KEY_STEP_FAST : 1);
    let next: number | null = null;
    if (e.key === less) next = measured() - grow * step;
    else if (e.key === more) next = measured() + grow * step;
    else if (e.key === 'Home') next = PANEL_LIMITS[panel].min;
    else if (e.key === 'End') next = Infinity;
    else if (e.key === 'Enter') {
      e.preventDefault();
      store.resetSize(panel);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    store.setSize(panel, next, available());
  };

  return (
    <div
      className={`splitter splitter-${axis} splitter-${panel}`}
      role="separator"
      tabIndex={0}
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={PANEL_LIMITS[panel].min}
      aria-valuemax={max}
      title={`${label}: drag, or focus and use the arrow keys; double-click for the default size`}
      data-testid={`splitter-${panel}`}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus();
        drag.current = { id: e.pointerId, start: pos(e), size: measured() };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || d.id !== e.pointerId) return;
        // Sized as the pointer moves, written to storage once, on release.
        store.setSize(panel, d.size + grow * (pos(e) - d.start), available(), false);
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        if (!d || d.id !== e.pointerId) return;
        drag.current = null;
        // A click that did not move leaves an unset size unset (the stylesheet's default keeps adapting).
        if (pos(e) !== d.start) store.setSize(panel, d.size + grow * (pos(e) - d.start), available());
      }}
      onPointerCancel={() => (drag.current = null)}
      onDoubleClick={() => store.resetSize(panel)}
      onKeyDown={onKeyDown}
    />
  );
}

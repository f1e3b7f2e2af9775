/**
 * The canvas context menu (right click): the editing and view actions that apply to what was clicked,
 * each run through the action registry so it behaves exactly like its shortcut. Disabled actions are
 * listed greyed out, so the menu always has the same shape. The last group is the what-if: Fail the clicked
 * cable, switch, host or team member (the scenario reruns with it down), Restore it, or Restore all.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import { useActions } from '../actions/context';
import { formatShortcut } from '../actions/keys';
import { overlays } from '../actions/overlays';
import type { ActionName } from '../actions/types';
import { useStoreState } from '../state/use-store';
import { useSimState } from '../simulation/use-simulation';

const GROUPS: ActionName[][] = [['edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate'], ['edit.rename', 'edit.delete'], ['host.collapse', 'host.expand', 'host.collapseAll', 'host.expandAll'], ['view.zoomSelection', 'view.zoomFit'], ['layout.arrangeSelection', 'layout.arrangeDesign'], ['simulation.fail', 'simulation.restore', 'simulation.restoreAll']];

export function CanvasContextMenu({ x, y }: { x: number; y: number }): ReactElement {
  const registry = useActions();
  const state = useStoreState((s) => s);
  // Fail/Restore depend on the scenario's failures, which live beside the store: re-render when they change.
  useSimState((s) => s.draft.failures);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const away = (e: PointerEvent) => !ref.current?.contains(e.target as Node) && overlays.close();
    window.addEventListener('pointerdown', away, true);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      previous?.focus?.();
    };
  }, []);

  // Keep the menu inside the window: measured once laid out (its height depends on the groups and the font), and
  // moved up or left before the first paint so it never flashes clipped.
  const [pos, setPos] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const r = ref.current!.getBoundingClientRect();
    setPos({ left: Math.max(0, Math.min(x, window.innerWidth - r.width - 4)), top: Math.max(0, Math.min(y, window.innerHeight - r.height - 4)) });
  }, [x, y]);
  const { left, top } = pos;

  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...ref.current!.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') overlays.close();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div ref={ref} className="context-menu" role="menu" aria-label="Canvas" data-testid="context-menu" style={{ left, top }} onKeyDown={onKeyDown}>
      {GROUPS.map((group, g) => (
        <div key={g} role="group">
          {group.map((name) => {
            const a = registry.get(name);
            const shortcut = a.shortcuts?.[0];
            return (
              <button
                key={name}
                type="button"
                role="menuitem"
                data-action={name}
                disabled={!a.predicate(state)}
                onClick={() => {
                  overlays.close();
                  void registry.perform(name, 'ui');
                }}
              >
                <span>{a.label(state)}</span>
                {shortcut ? <kbd>{formatShortcut(shortcut)}</kbd> : null}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/**
 * Renaming in place: a text field laid exactly over the element's drawn name (./rename-model.ts places it),
 * with the name selected. Enter commits one undoable "Rename"; Escape cancels; leaving the field (a click
 * elsewhere, Ctrl+S, a pan that starts with a press on the canvas) commits, the convention of diagram and
 * file-manager renames. An invalid name keeps the field open with a one-line reason under it when Enter is
 * pressed; when the field is left with one, the old name stays and the status bar says why.
 *
 * The field follows wheel zoom and the minimap (its box is recomputed from the viewport every render). Its
 * events stop at its own box, so the canvas's arrow-key pan, the select tool and double click never see them;
 * the app's shortcuts skip text fields (renderer/actions/keys.ts isTextTarget).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactElement } from 'react';
import { FONT } from '../../shared/scene/paint';
import type { Scene, SceneNode } from '../../shared/scene/types';
import type { Viewport } from '../../shared/scene/viewport';
import { useAppStore } from '../state/use-store';
import { fieldBoxFor, planRename } from './rename-model';
import { renaming, useRenaming } from './rename-state';

/** Border plus padding left of the text, so the typed text starts where the drawn name started. */
const INSET = 3;

/** How an edit ended: the canvas takes the keyboard back after Enter and Escape, not after a click elsewhere. */
export type RenameEnd = 'keyboard' | 'pointer';

export function RenameField({ scene, viewport, onEnd }: { scene: Scene; viewport: Viewport; onEnd: (how: RenameEnd) => void }): ReactElement | null {
  const store = useAppStore();
  const id = useRenaming();
  const node = useMemo(() => (id ? (scene.nodes.find((n) => n.id === id) ?? null) : null), [id, scene]);

  // Nothing to lay the field over: the element was deleted (an undo from the menu) or is not drawn (its
  // layer is hidden, its server collapsed). Close, and say where the name can still be changed.
  useEffect(() => {
    if (!id || node) return;
    renaming.close();
    const el = store.getState().doc?.design.elements[id];
    if (el) store.error(`${el.name || el.id} is not drawn on the canvas; rename it in the Inspector.`);
  }, [id, node, store]);

  // The canvas goes away when the design is closed: an edit left open must not reappear over the next design
  // (templates reuse element ids).
  useEffect(() => () => renaming.close(), []);

  return id && node ? <Editor key={id} node={node} viewport={viewport} onEnd={onEnd} /> : null;
}

function Editor({ node, viewport, onEnd }: { node: SceneNode; viewport: Viewport; onEnd: (how: RenameEnd) => void }): ReactElement {
  const store = useAppStore();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(() => store.getState().doc?.design.elements[node.id]?.name ?? node.name);
  const [reason, setReason] = useState<string | null>(null);
  // Enter and Escape close the field, and its removal may fire a blur: finish only once.
  const finished = useRef(false);

  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const close = (how: RenameEnd) => {
    finished.current = true;
    renaming.close();
    onEnd(how);
  };

  const commit = (how: RenameEnd) => {
    if (finished.current) return;
    const design = store.getState().doc?.design;
    const plan = design ? planRename(design, node.id, value) : ({ type: 'unchanged' } as const);
    if (plan.type === 'invalid' || plan.type === 'rename') {
      const r = plan.type === 'rename' ? store.execute(plan.command, { label: 'Rename', quiet: true }) : { ok: false as const, reason: plan.reason };
      if (!r.ok) {
        if (how === 'keyboard') {
          setReason(r.reason);
          return;
        }
        store.error(`Name not changed: ${r.reason}`);
      }
    }
    close(how);
  };

  const box = fieldBoxFor(node, viewport);
  const field: CSSProperties = {
    position: 'absolute',
    left: box.left - INSET,
    top: box.top - 1,
    width: box.width,
    height: box.height,
    boxSizing: 'content-box',
    margin: 0,
    padding: `0 ${INSET - 1}px`,
    border: `1px solid var(--${reason ? 'danger' : 'accent'})`,
    borderRadius: 2,
    outline: 'none',
    boxShadow: '0 1px 4px rgba(0, 0, 0, 0.25)',
    background: 'var(--panel)',
    color: 'var(--text)',
    font: `${box.bold ? '600 ' : ''}${box.fontSize}px ${FONT}`,
    lineHeight: `${box.height}px`,
    zIndex: 5,
  };
  const note: CSSProperties = {
    position: 'absolute',
    left: box.left - INSET,
    top: box.top + box.height + 3,
    maxWidth: Math.max(box.width, 260),
    padding: '2px 6px',
    borderRadius: 2,
    background: 'var(--danger-soft)',
    color: 'var(--danger)',
    font: `12px ${FONT}`,
    whiteSpace: 'nowrap',
    zIndex: 5,
  };

  const stop = (e: React.SyntheticEvent) => e.stopPropagation();
  return (
    // Events stop here: the canvas would pan on arrows, select on a press and toggle on a double click.
    <div className="rename-field" onPointerDown={stop} onPointerMove={stop} onPointerUp={stop} onDoubleClick={stop} onContextMenu={stop}>
      <input
        ref={input}
        type="text"
        data-testid="rename-field"
        data-element-id={node.id}
        aria-label={`Name of ${node.name || node.id}`}
        aria-invalid={reason ? true : undefined}
        aria-describedby={reason ? 'rename-reason' : undefined}
        spellCheck={false}
        autoComplete="off"
        style={field}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setReason(null);
        }}
        onKeyDown={(e) => {
          // Plain keys stay in the field (the canvas pans on arrows); Ctrl/Cmd combinations go on to the app's
          // shortcuts, which run only those meant for text fields (Save, which commits the name first).
          if (!e.ctrlKey && !e.metaKey) e.stopPropagation();
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            commit('keyboard');
          } else if (e.key === 'Escape') {
            e.preventDefault();
            if (!finished.current) close('keyboard');
          }
        }}
        onBlur={() => commit('pointer')}
      />
      {reason ? (
        <div id="rename-reason" role="alert" data-testid="rename-reason" style={note}>
          {reason}
        </div>
      ) : null}
    </div>
  );
}

/** The toolbar: file, history, zoom and catalog actions from the registry, each with its shortcut in the tooltip. */
import type { ReactElement } from 'react';
import { useActions } from '../actions/context';
import { IS_MAC } from '../actions/keys';
import type { ActionName, Shortcut } from '../actions/types';
import { useStoreState } from '../state/use-store';
import { Icon, type IconName } from './icons';

/** `aria-keyshortcuts` syntax: Control+Shift+S. */
function ariaShortcut(s: Shortcut): string {
  return [s.mod ? (IS_MAC ? 'Meta' : 'Control') : null, s.alt ? 'Alt' : null, s.shift ? 'Shift' : null, s.key.length === 1 ? s.key.toUpperCase() : s.key]
    .filter(Boolean)
    .join('+');
}

/** `text` replaces the action's label on the button where the label is long ("Command Palette…" → "Commands"). */
function ToolButton({ name, icon, showLabel = false, text }: { name: ActionName; icon: IconName; showLabel?: boolean; text?: string }): ReactElement {
  const actions = useActions();
  const state = useStoreState((s) => s);
  const action = actions.get(name);
  const label = action.label(state);
  return (
    <button
      type="button"
      className="tool-button"
      data-action={name}
      aria-label={label}
      title={actions.tooltip(name, state)}
      aria-keyshortcuts={action.shortcuts?.map(ariaShortcut).join(' ')}
      disabled={!action.predicate(state)}
      onClick={() => void actions.perform(name, 'toolbar')}
    >
      <Icon name={icon} />
      {showLabel ? <span>{text ?? label}</span> : null}
    </button>
  );
}

export function Toolbar(): ReactElement {
  const scale = useStoreState((s) => s.viewport.scale);
  const hasDoc = useStoreState((s) => s.doc !== null);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <span className="brand">Rackplane</span>
      <ToolButton name="file.new" icon="new" />
      <ToolButton name="file.open" icon="open" />
      <ToolButton name="file.save" icon="save" />
      <ToolButton name="file.saveAs" icon="saveAs" />
      <span className="sep" />
      <ToolButton name="file.importJson" icon="import" />
      <ToolButton name="file.exportJson" icon="export" />
      <span className="sep" />
      <ToolButton name="edit.undo" icon="undo" />
      <ToolButton name="edit.redo" icon="redo" />
      <ToolButton name="edit.delete" icon="delete" />
      <span className="sep" />
      <ToolButton name="view.zoomOut" icon="zoomOut" />
      <span className="zoom-readout" aria-label="Zoom level">
        {hasDoc ? `${Math.round(scale * 100)}%` : '–'}
      </span>
      <ToolButton name="view.zoomIn" icon="zoomIn" />
      <ToolButton name="view.zoomFit" icon="zoomFit" />
      <span className="sep" />
      <ToolButton name="catalog.open" icon="catalog" showLabel />
      <ToolButton name="view.simulation" icon="simulate" showLabel />
      <span className="spacer" />
      <ToolButton name="view.commandPalette" icon="palette" showLabel text="Commands" />
      <ToolButton name="help.shortcuts" icon="keyboard" />
      <ToolButton name="help.about" icon="about" />
    </header>
  );
}

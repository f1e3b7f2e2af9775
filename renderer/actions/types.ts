/** The closed set of user actions; toolbar, keyboard, context menu and the native menu all name these. */
import type { AppState } from '../state/store';
import { MENU_ACTIONS } from '../../shared/ipc/channels';

/** Every action name: those the native menu sends over `menu:action`, and those only the renderer offers. */
export const ACTION_NAMES = [...MENU_ACTIONS, 'edit.selectNone', 'catalog.open', 'view.commandPalette', 'view.find', 'view.zoomSelection', 'host.collapse', 'host.expand'] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

export const isActionName = (s: string): s is ActionName => (ACTION_NAMES as readonly string[]).includes(s);

/** A key combination. `mod` is Cmd on macOS and Ctrl elsewhere. */
export interface Shortcut {
  /** `KeyboardEvent.key`, compared case-insensitively for letters. */
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** Where an action was started from; some behave differently (e.g. a menu action never races a text field). */
export type ActionSource = 'keyboard' | 'toolbar' | 'menu' | 'ui';

export interface Action {
  name: ActionName;
  /** The label in menus and tooltips; may depend on state ("Undo Edit name"). */
  label: (state: AppState) => string;
  /** Shortcuts; the first is the one shown in tooltips. */
  shortcuts?: Shortcut[];
  /**
   * Whether the shortcut also fires while typing in a text field. Ctrl+S should save from anywhere, but
   * Ctrl+Z, Ctrl+A, Delete and +/- belong to the field being edited.
   */
  inTextFields?: boolean;
  /** Enabled state; a disabled action does nothing wherever it is triggered from. */
  predicate: (state: AppState) => boolean;
  perform: (source: ActionSource) => void | Promise<void>;
}

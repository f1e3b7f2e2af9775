/**
 * The one registry of actions (STYLE.md pattern 7). Toolbar buttons, keyboard shortcuts and the native
 * menu's `menu:action` events all end in `perform`, which checks the action's predicate and turns any
 * failure into one line for the user.
 */
import type { AppState, AppStore } from '../state/store';
import { formatShortcut, isTextTarget, matchesShortcut } from './keys';
import { isActionName, type Action, type ActionName, type ActionSource } from './types';

export class ActionRegistry {
  private readonly actions = new Map<ActionName, Action>();

  constructor(private readonly store: AppStore) {}

  register(action: Action): void {
    if (this.actions.has(action.name)) throw new Error(`action ${action.name} registered twice`);
    this.actions.set(action.name, action);
  }

  get(name: ActionName): Action {
    const a = this.actions.get(name);
    if (!a) throw new Error(`action ${name} is not registered`);
    return a;
  }

  all(): Action[] {
    return [...this.actions.values()];
  }

  isEnabled(name: ActionName, state: AppState = this.store.getState()): boolean {
    return this.get(name).predicate(state);
  }

  /** "Save (Ctrl+S)": the label with the first shortcut, for tooltips. */
  tooltip(name: ActionName, state: AppState = this.store.getState()): string {
    const a = this.get(name);
    const s = a.shortcuts?.[0];
    return s ? `${a.label(state)} (${formatShortcut(s)})` : a.label(state);
  }

  /** Performs an action by name (names from the native menu are untrusted strings). Returns whether it ran. */
  async perform(name: string, source: ActionSource): Promise<boolean> {
    if (!isActionName(name) || !this.actions.has(name)) {
      this.store.error(`Unknown action “${name}”`);
      return false;
    }
    const action = this.actions.get(name)!;
    const state = this.store.getState();
    // A modal dialog owns the app until answered; menu items must not act behind it.
    if (state.dialog || !action.predicate(state)) return false;
    try {
      await action.perform(source);
      return true;
    } catch (e) {
      this.store.error(`${action.label(state)} failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  /** Runs the action bound to a key press; true when the event was consumed. */
  handleKeyDown(e: KeyboardEvent): boolean {
    if (e.defaultPrevented || e.isComposing) return false;
    const state = this.store.getState();
    if (state.dialog) return false;
    const typing = isTextTarget(e.target);
    for (const a of this.actions.values()) {
      if (!a.shortcuts?.some((s) => matchesShortcut(e, s))) continue;
      if (typing && !a.inTextFields) return false;
      // Consumed even when disabled, so Ctrl+S never falls through to the browser's "save page".
      e.preventDefault();
      // Ctrl+S while typing a name saves the name too: leaving the field commits its edit first.
      if (typing && e.target instanceof HTMLElement) e.target.blur();
      if (a.predicate(state)) void this.perform(a.name, 'keyboard');
      return true;
    }
    return false;
  }
}

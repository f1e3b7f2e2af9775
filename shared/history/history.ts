/**
 * Undo/redo over immer patches. A gesture (a drag, a multi-field edit) groups several commands into one
 * step; `bail` abandons an open gesture and restores the design as it was when the gesture began.
 */
import { applyPatches, type Patch } from 'immer';
import type { Design } from '../model/design';
import { applyCommand, describeCommand, type Command } from './commands';

export interface HistoryEntry {
  readonly id: number;
  readonly label: string;
  readonly patches: Patch[];
  readonly inverse: Patch[];
}

export type HistoryListener = (design: Design) => void;

/**
 * How the design just changed: by patches (execute, undo, redo, bail; `patches` turn the previous design into
 * `design`, `inverse` turn it back) or wholesale (reset). Replicas of the design (the validation worker) follow
 * it with these instead of copying the whole design after every edit.
 */
export type HistoryChange =
  | { readonly type: 'patches'; readonly design: Design; readonly patches: readonly Patch[]; readonly inverse: readonly Patch[] }
  | { readonly type: 'reset'; readonly design: Design };

export type ChangeListener = (change: HistoryChange) => void;

export class History {
  private current: Design;
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private open: { label: string; patches: Patch[]; inverse: Patch[] } | null = null;
  private nextId = 1;
  /** Id of the entry on top of the undo stack when last saved (0 = the initial state). */
  private savedAt = 0;
  /** Id of the state below the oldest entry: 0, or the last entry dropped by the stack limit. */
  private baseId = 0;
  private listeners = new Set<HistoryListener>();
  private changeListeners = new Set<ChangeListener>();

  constructor(design: Design, private readonly limit = 500) {
    this.current = design;
  }

  get design(): Design {
    return this.current;
  }

  /** Applies commands as one undoable step (or as part of the open gesture). Throws CommandError, leaving the design unchanged. */
  execute(cmds: Command | Command[], label?: string): Design {
    const list = Array.isArray(cmds) ? cmds : [cmds];
    if (list.length === 0) return this.current;
    let design = this.current;
    const patches: Patch[] = [];
    const inverse: Patch[] = [];
    for (const cmd of list) {
      const r = applyCommand(design, cmd);
      design = r.design;
      patches.push(...r.patches);
      inverse.unshift(...r.inverse);
    }
    if (patches.length === 0) return this.current;
    this.current = design;
    this.redoStack = [];
    if (this.open) {
      this.open.patches.push(...patches);
      this.open.inverse.unshift(...inverse);
    } else {
      this.push({ id: this.nextId++, label: label ?? describeCommand(list[0]!), patches, inverse });
    }
    this.emit({ type: 'patches', design, patches, inverse });
    return design;
  }

  /** Starts grouping every following command into one undo step. */
  beginGesture(label: string): void {
    if (this.open) this.endGesture();
    this.open = { label, patches: [], inverse: [] };
  }

  /** Closes the open gesture, recording it as one step if it changed anything. */
  endGesture(): void {
    const g = this.open;
    this.open = null;
    if (g && g.patches.length) this.push({ id: this.nextId++, label: g.label, patches: g.patches, inverse: g.inverse });
  }

  /** Abandons the open gesture and restores the design as it was when it began. */
  bail(): void {
    const g = this.open;
    this.open = null;
    if (g && g.inverse.length) {
      this.current = applyPatches(this.current, g.inverse);
      this.emit({ type: 'patches', design: this.current, patches: g.inverse, inverse: g.patches });
    }
  }

  get inGesture(): boolean {
    return this.open !== null;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null;
  }

  /** Id of the current state (undo and redo return to earlier ids; a new step takes a new, larger one). */
  get position(): number {
    return this.topId();
  }

  undo(): boolean {
    if (this.open) this.endGesture();
    const e = this.undoStack.pop();
    if (!e) return false;
    this.current = applyPatches(this.current, e.inverse);
    this.redoStack.push(e);
    this.emit({ type: 'patches', design: this.current, patches: e.inverse, inverse: e.patches });
    return true;
  }

  redo(): boolean {
    const e = this.redoStack.pop();
    if (!e) return false;
    this.current = applyPatches(this.current, e.patches);
    this.undoStack.push(e);
    this.emit({ type: 'patches', design: this.current, patches: e.patches, inverse: e.inverse });
    return true;
  }

  /** Replaces the design without an undo step (open, revert, recovery) and forgets the history. */
  reset(design: Design): void {
    this.open = null;
    this.current = design;
    this.undoStack = [];
    this.redoStack = [];
    this.savedAt = 0;
    this.baseId = 0;
    this.emit({ type: 'reset', design });
  }

  /** Records that the current state is what is on disk. */
  markSaved(): void {
    this.savedAt = this.topId();
  }

  /** True when the design differs from what was last saved (undoing back to the saved state clears it). */
  isDirty(): boolean {
    // An open gesture counts only once it has changed something (a drag that has not moved yet is clean).
    return this.topId() !== this.savedAt || (this.open !== null && this.open.patches.length > 0);
  }

  subscribe(fn: HistoryListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Listens for each change with the patches that made it (or `reset`). Change listeners run before the plain
   * `subscribe` listeners, so a replica is up to date by the time the UI re-renders.
   */
  subscribeChanges(fn: ChangeListener): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  private push(e: HistoryEntry): void {
    this.undoStack.push(e);
    // Dropping the oldest entries bounds memory; the saved marker may then be unreachable, which only
    // means "dirty" until the next save, never a lost change. The bottom state takes the id of the last
    // dropped entry, so undoing everything that is left does not look like the initial (saved) state.
    if (this.undoStack.length > this.limit) {
      const dropped = this.undoStack.splice(0, this.undoStack.length - this.limit);
      this.baseId = dropped.at(-1)!.id;
    }
  }

  /** Id of the current state: the top entry's, or the base state's when the undo stack is empty. */
  private topId(): number {
    return this.undoStack.at(-1)?.id ?? this.baseId;
  }

  private emit(change: HistoryChange): void {
    for (const fn of this.changeListeners) fn(change);
    for (const fn of this.listeners) fn(this.current);
  }
}

/**
 * Undo/redo over patches (immer's format, made and replayed by cow.ts). A gesture (a drag, a multi-field edit)
 * groups several commands into one step; `bail` abandons an open gesture and restores the design as it was when the
 * gesture began. Every change costs O(what it touches) plus one shallow copy of each touched record map.
 */
import type { Patch } from 'immer';
import type { Design } from '../model/design';
import type { DesignDiff } from './changes';
import { applyCommand, describeCommand, type Command } from './commands';
import { applyDesignPatches } from './cow';
import { LiveIndex, type DesignLookup } from './live-index';

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

  /** Containment and link index of `current`, moved along with every change (see live-index.ts). */
  private index: LiveIndex;

  constructor(design: Design, private readonly limit = 500) {
    this.current = design;
    this.index = new LiveIndex(design);
  }

  get design(): Design {
    return this.current;
  }

  /**
   * Links at each element and contents of each container of the current design, kept up to date by every change.
   * For questions asked many times per edit (the wiring tool asks "is this port free?" on every pointer move), which
   * would otherwise scan every link of the design each time.
   */
  get lookup(): DesignLookup & { readonly current: Design } {
    return this.index;
  }

  /** Applies commands as one undoable step (or as part of the open gesture). Throws CommandError, leaving the design unchanged. */
  execute(cmds: Command | Command[], label?: string): Design {
    const list = Array.isArray(cmds) ? cmds : [cmds];
    if (list.length === 0) return this.current;
    const start = this.current;
    let design = start;
    const patches: Patch[] = [];
    // Each command's inverse, undone last-first when joined below.
    const inverses: Patch[][] = [];
    const touched: DesignDiff = { elements: new Set(), links: new Set() };
    try {
      for (const cmd of list) {
        const r = applyCommand(design, cmd, this.index);
        // The index must describe the design the next command starts from.
        this.index.advance(r.design, r.changes);
        design = r.design;
        append(patches, r.patches);
        inverses.push(r.inverse);
        for (const id of r.changes.elements) touched.elements.add(id);
        for (const id of r.changes.links) touched.links.add(id);
      }
    } catch (e) {
      // A refused command leaves the design as it was: so must the index.
      this.index.advance(start, touched);
      throw e;
    }
    if (patches.length === 0) return this.current;
    const inverse: Patch[] = [];
    for (let i = inverses.length - 1; i >= 0; i--) append(inverse, inverses[i]!);
    this.current = design;
    this.redoStack = [];
    if (this.open) {
      append(this.open.patches, patches);
      // Undoing the gesture undoes this step first: its inverse goes in front.
      this.open.inverse = inverse.concat(this.open.inverse);
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
      this.replay(g.inverse);
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
    this.replay(e.inverse);
    this.redoStack.push(e);
    this.emit({ type: 'patches', design: this.current, patches: e.inverse, inverse: e.patches });
    return true;
  }

  redo(): boolean {
    const e = this.redoStack.pop();
    if (!e) return false;
    this.replay(e.patches);
    this.undoStack.push(e);
    this.emit({ type: 'patches', design: this.current, patches: e.patches, inverse: e.inverse });
    return true;
  }

  /** Replaces the design without an undo step (open, revert, recovery) and forgets the history. */
  reset(design: Design): void {
    this.open = null;
    this.current = design;
    this.index = new LiveIndex(design);
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

  private replay(patches: readonly Patch[]): void {
    const r = applyDesignPatches(this.current, patches);
    this.current = r.design;
    this.index.advance(r.design, r.changes);
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

// push(...list) passes every element as an argument: a layout moving 100,000 elements would overflow the stack.
function append<T>(to: T[], list: readonly T[]): void {
  for (const x of list) to.push(x);
}

/**
 * The application store: the open design's History plus what the shell shows around it (file path,
 * dirty state, selection, viewport, messages, the open dialog). Components read immutable snapshots
 * through `useSyncExternalStore`; the design itself only ever changes through `history.execute`.
 */
import { History } from '../../shared/history/history';
import { CommandError, type Command } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import type { Viewport } from '../../shared/scene/viewport';
import { visibleSelection } from '../../shared/scene/collapse';
import { printableLine } from '../../shared/text/printable';
import type { DialogRequest, DialogResult } from './dialogs';
import { EMPTY_VALIDATION, type ValidationView } from '../validation/client';

/** Whatever keeps validation in step with the open design (the worker client; nothing in unit tests). */
export interface Validator {
  attach(history: History): void;
  detach(): void;
}

export interface Selection {
  readonly elements: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { elements: new Set(), links: new Set() };

/** The open design as the UI sees it; rebuilt whenever the history or the file changes. */
export interface DocSnapshot {
  readonly design: Design;
  /** Where the project file lives; null until first saved. */
  readonly path: string | null;
  readonly dirty: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** Increments on every change to the design (drives autosave). */
  readonly version: number;
}

export type MessageTone = 'info' | 'success' | 'error';

export interface Message {
  readonly id: number;
  readonly text: string;
  readonly tone: MessageTone;
}

export interface AppState {
  readonly doc: DocSnapshot | null;
  readonly selection: Selection;
  readonly viewport: Viewport;
  /** Size of the canvas in CSS pixels, reported by the canvas; zoom-to-fit needs it. */
  readonly canvasSize: { readonly w: number; readonly h: number };
  /** The most recent message; the status bar shows it and errors also raise a toast. */
  readonly message: Message | null;
  readonly dialog: { readonly id: number; readonly request: DialogRequest } | null;
  /** Set while a file operation runs, so actions that would race it are disabled. */
  readonly busy: boolean;
  /** Incremented to ask the canvas to zoom to fit once it knows its size (after open, or on request). */
  readonly fitRequest: number;
  /** The latest diagnostics of the open design (computed off the UI thread). */
  readonly validation: ValidationView;
  /** Whether the problems panel is shown. */
  readonly problemsOpen: boolean;
  /** A rule the problems panel was asked to show (an inspector field's rule link); `request` makes each ask new. */
  readonly ruleFocus: { readonly rule: string; readonly request: number } | null;
}

interface OpenDoc {
  history: History;
  path: string | null;
  /** The saved revision number (the history's copy lags: saving bumps it on disk, not as an undo step). */
  revision: number;
  /** Unsaved work that did not come from design edits (a recovered copy, a changed simulation scenario): dirty even with an empty undo stack. */
  unsavedOrigin: boolean;
  version: number;
  unsubscribe: () => void;
}

type Listener = () => void;

export class AppStore {
  private state: AppState = {
    doc: null,
    selection: EMPTY_SELECTION,
    viewport: { x: 0, y: 0, scale: 1 },
    canvasSize: { w: 0, h: 0 },
    message: null,
    dialog: null,
    busy: false,
    fitRequest: 0,
    validation: EMPTY_VALIDATION,
    problemsOpen: false,
    ruleFocus: null,
  };
  private validator: Validator | null = null;
  private open: OpenDoc | null = null;
  private listeners = new Set<Listener>();
  private nextMessageId = 1;
  private nextDialogId = 1;
  private pendingDialog: ((r: DialogResult) => void) | null = null;

  getState = (): AppState => this.state;

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  // ---- the document ----

  /** The open design's history, or null when no design is open. */
  get history(): History | null {
    return this.open?.history ?? null;
  }

  get revision(): number {
    return this.open?.revision ?? 0;
  }

  /** Replaces the open design (new, open, import, recovery). `unsaved` marks work that exists nowhere on disk. */
  openDesign(design: Design, path: string | null, opts: { unsaved?: boolean } = {}): void {
    this.open?.unsubscribe();
    const history = new History(design);
    const open: OpenDoc = { history, path, revision: design.meta.revision, unsavedOrigin: opts.unsaved ?? false, version: 0, unsubscribe: () => {} };
    open.unsubscribe = history.subscribe(() => {
      open.version++;
      // An edit went through (a command, undo or redo): a refusal shown earlier no longer describes the design.
      if (this.state.message?.tone === 'error') this.set({ message: null });
      this.syncDoc();
    });
    this.open = open;
    this.set({ selection: EMPTY_SELECTION });
    this.syncDoc();
    this.validator?.attach(history);
  }

  /** Closes the design (the start screen shows). */
  closeDesign(): void {
    this.open?.unsubscribe();
    this.open = null;
    this.validator?.detach();
    this.set({ doc: null, selection: EMPTY_SELECTION });
  }

  /** Marks unsaved work outside the design's history (the simulation scenario, saved with the project). */
  markUnsaved(): void {
    if (!this.open || this.open.unsavedOrigin) return;
    this.open.unsavedOrigin = true;
    this.syncDoc();
  }

  /** Records a successful save: the file now holds exactly the current design. */
  markSaved(path: string, revision: number): void {
    if (!this.open) return;
    this.open.path = path;
    this.open.revision = revision;
    this.open.unsavedOrigin = false;
    this.open.history.markSaved();
    this.syncDoc();
  }

  /**
   * Runs commands as one undoable step. A refused command (CommandError) leaves the design unchanged;
   * its reason is returned and, unless `quiet` (the caller shows it in place), shown in the status bar.
   */
  execute(cmds: Command | Command[], opts: { label?: string; quiet?: boolean } = {}): { ok: true } | { ok: false; reason: string } {
    const h = this.open?.history;
    if (!h) return { ok: false, reason: 'no design is open' };
    try {
      h.execute(cmds, opts.label);
      return { ok: true };
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      if (!opts.quiet) this.error(e.message);
      return { ok: false, reason: e.message };
    }
  }

  private syncDoc(): void {
    const o = this.open;
    if (!o) return;
    const h = o.history;
    const design = h.design;
    const doc: DocSnapshot = {
      design,
      path: o.path,
      dirty: h.isDirty() || o.unsavedOrigin,
      undoLabel: h.canUndo() ? h.undoLabel() : null,
      redoLabel: h.canRedo() ? h.redoLabel() : null,
      version: o.version,
    };
    this.set({ doc, selection: visibleSelection(pruneSelection(this.state.selection, design), design) });
  }

  // ---- validation ----

  /** Connects validation; the open design (if any) and every later one are validated. */
  setValidator(v: Validator): void {
    this.validator?.detach();
    this.validator = v;
    if (this.open) v.attach(this.open.history);
  }

  setValidation(validation: ValidationView): void {
    if (validation !== this.state.validation) this.set({ validation });
  }

  setProblemsOpen(problemsOpen: boolean): void {
    // Closing forgets a rule link's request, so the panel opened later starts unfiltered.
    if (problemsOpen !== this.state.problemsOpen) this.set({ problemsOpen, ...(problemsOpen ? {} : { ruleFocus: null }) });
  }

  /** Opens the problems panel on one rule: its description, and its problems in this design if any. */
  showRule(rule: string): void {
    this.set({ problemsOpen: true, ruleFocus: { rule, request: (this.state.ruleFocus?.request ?? 0) + 1 } });
  }

  // ---- selection and view ----

  /** Selects; an element hidden in a collapsed server selects that server instead (shared/scene/collapse.ts). */
  select(selection: Selection): void {
    const design = this.state.doc?.design;
    this.set({ selection: design ? visibleSelection(selection, design) : selection });
  }

  setViewport(viewport: Viewport): void {
    const v = this.state.viewport;
    if (v.x === viewport.x && v.y === viewport.y && v.scale === viewport.scale) return;
    this.set({ viewport });
  }

  setCanvasSize(w: number, h: number): void {
    const c = this.state.canvasSize;
    if (c.w === w && c.h === h) return;
    this.set({ canvasSize: { w, h } });
  }

  /** Asks the canvas to zoom to fit the design. */
  requestFit(): void {
    this.set({ fitRequest: this.state.fitRequest + 1 });
  }

  setBusy(busy: boolean): void {
    if (this.state.busy !== busy) this.set({ busy });
  }

  // ---- messages ----

  /** Shows a one-line message in the status bar (errors also as a toast). */
  notify(text: string, tone: MessageTone = 'info'): void {
    // A stack trace appended to an error is dropped; the rest quotes names, ids and reasons from files, whose
    // control characters show escaped (\x1b, \n) so that the message stays one line.
    const line = printableLine(text.replace(/\s*\n\s+at [\s\S]*$/, ''));
    this.set({ message: { id: this.nextMessageId++, text: line, tone } });
  }

  error(text: string): void {
    this.notify(text, 'error');
  }

  dismissMessage(id: number): void {
    if (this.state.message?.id === id) this.set({ message: null });
  }

  // ---- dialogs ----

  /** Shows an in-app dialog and resolves with the user's answer; a newer dialog cancels an older one. */
  ask(request: DialogRequest): Promise<DialogResult> {
    this.pendingDialog?.({ kind: 'dismissed' });
    return new Promise((resolve) => {
      this.pendingDialog = resolve;
      this.set({ dialog: { id: this.nextDialogId++, request } });
    });
  }

  /** Called by the dialog UI with the answer. */
  answer(id: number, result: DialogResult): void {
    if (this.state.dialog?.id !== id) return;
    const resolve = this.pendingDialog;
    this.pendingDialog = null;
    this.set({ dialog: null });
    resolve?.(result);
  }
}

// Undo, redo and deletes can remove selected items; a selection must only name what exists.
function pruneSelection(sel: Selection, d: Design): Selection {
  let changed = false;
  const elements = new Set<string>();
  const links = new Set<string>();
  for (const id of sel.elements) {
    if (d.elements[id]) elements.add(id);
    else changed = true;
  }
  for (const id of sel.links) {
    if (d.links[id]) links.add(id);
    else changed = true;
  }
  return changed ? { elements, links } : sel;
}

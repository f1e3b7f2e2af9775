/**
 * Which window a project goes to, and what each open window shows. Pure: main.ts feeds it window ids
 * (webContents ids), focus changes and the renderer's `window:state` reports, and acts on its answers,
 * so the rules below are tested under Node (test/unit/electron/windows.test.ts).
 *
 * The rules for a project the OS asks to open (double-click, second launch, macOS open-file):
 *  1. a window already showing it (or about to: the path waits in its queue, or was just sent to it)
 *     is focused, and nothing is opened twice;
 *  2. otherwise the focused window takes it when it has nothing worth keeping: the start screen, or a
 *     new untitled design nobody has edited (`blank` in its report), or a window still loading;
 *  3. otherwise it opens in a new window.
 * File ▸ Open Recent is a command of the focused window, like File ▸ Open: it replaces that window's
 * design (after the renderer's unsaved-changes prompt), unless another window already shows the file.
 */
import { CloseGuard, OpenRequests, type WindowState } from './window-state';

/** What the renderer reports; `blank` is true while nothing in the window would be lost by replacing it. */
export interface ReportedState extends WindowState {
  blank?: boolean;
}

export type OpenRoute =
  /** The project is already open there (or on its way): bring that window to the front. */
  | { kind: 'focus'; id: number }
  /** Send the project to this existing window. */
  | { kind: 'deliver'; id: number }
  /** Create a window, then deliver to it. */
  | { kind: 'new' };

interface Entry {
  id: number;
  /** Null until the renderer's first report. */
  state: ReportedState | null;
  guard: CloseGuard;
  opens: OpenRequests;
  /** Paths sent or queued to this window that its reports do not show yet. */
  claimed: string[];
  /** Focus order: higher is more recent. */
  focusedAt: number;
}

export class WindowRegistry {
  private readonly entries = new Map<number, Entry>();
  private clock = 0;

  /**
   * @param samePath whether two absolute paths name the same file (main passes a case-insensitive
   *   comparison on Windows and macOS, whose usual file systems ignore case).
   */
  constructor(private readonly samePath: (a: string, b: string) => boolean = (a, b) => a === b) {}

  /** A new window; `deliver` sends an open request to its page (called once it listens). */
  add(id: number, deliver: (path: string) => void): void {
    if (this.entries.has(id)) throw new Error(`window ${id} is already registered`);
    this.entries.set(id, { id, state: null, guard: new CloseGuard(), opens: new OpenRequests(deliver), claimed: [], focusedAt: ++this.clock });
  }

  remove(id: number): void {
    this.entries.delete(id);
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The window got focus (a new window counts as focused when it is added). */
  focus(id: number): void {
    const e = this.entries.get(id);
    if (e) e.focusedAt = ++this.clock;
  }

  /** The most recently focused open window, or null when there is none. */
  focusedId(): number | null {
    let best: Entry | null = null;
    for (const e of this.entries.values()) if (!best || e.focusedAt > best.focusedAt) best = e;
    return best?.id ?? null;
  }

  state(id: number): ReportedState | null {
    return this.entries.get(id)?.state ?? null;
  }

  /** A `window:state` report: updates the close guard, releases held open requests, settles claims. */
  report(id: number, state: ReportedState): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.state = { ...state };
    e.guard.update(state);
    // A report after delivery means the page has dealt with what it was sent (opened it, or failed and
    // said so): from now on its reports are the truth. Paths still queued stay claimed.
    if (e.opens.isReady()) e.claimed = [];
    e.opens.markReady();
  }

  /** The page started loading again (reload): hold open requests until it reports in. */
  pageReloading(id: number): void {
    this.entries.get(id)?.opens.reset();
  }

  /** A close attempt: 'ask' means prevent it and ask the renderer about unsaved changes. */
  closeAttempt(id: number): 'close' | 'ask' {
    return this.entries.get(id)?.guard.onCloseAttempt() ?? 'close';
  }

  /** The renderer settled unsaved changes (`window:close`): the next close of this window goes through. */
  confirmClose(id: number): void {
    this.entries.get(id)?.guard.confirm();
  }

  /** Windows whose last report had unsaved changes. */
  dirtyIds(): number[] {
    return [...this.entries.values()].filter((e) => e.state?.dirty).map((e) => e.id);
  }

  /** The window showing `path` (per its report) or about to, other than `except`; null when none. */
  windowWith(path: string, except?: number): number | null {
    for (const e of this.entries.values()) {
      if (e.id === except) continue;
      if ((e.state?.path != null && this.samePath(e.state.path, path)) || e.claimed.some((c) => this.samePath(c, path))) return e.id;
    }
    return null;
  }

  /** Whether replacing what `id` shows loses nothing and surprises no one (see rule 2 above). */
  isReusable(id: number): boolean {
    const e = this.entries.get(id);
    if (!e || e.claimed.length > 0) return false;
    return e.state === null || e.state.blank === true;
  }

  /** Where a project the OS asked to open goes (rules 1-3). */
  routeOsOpen(path: string): OpenRoute {
    const showing = this.windowWith(path);
    if (showing !== null) return { kind: 'focus', id: showing };
    const focused = this.focusedId();
    if (focused !== null && this.isReusable(focused)) return { kind: 'deliver', id: focused };
    return { kind: 'new' };
  }

  /** Where File ▸ Open Recent goes: the focused window, unless another one already shows the project. */
  routeMenuOpen(path: string): OpenRoute {
    const focused = this.focusedId();
    const elsewhere = this.windowWith(path, focused ?? undefined);
    if (elsewhere !== null) return { kind: 'focus', id: elsewhere };
    return focused === null ? { kind: 'new' } : { kind: 'deliver', id: focused };
  }

  /** Sends `path` to window `id` (held until its page listens) and remembers it is on its way there. */
  deliver(id: number, path: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (!e.claimed.some((c) => this.samePath(c, path))) e.claimed.push(path);
    e.opens.push(path);
  }
}

/** How far each new window sits from the one it was opened from, so it does not hide it exactly. */
export const CASCADE_OFFSET = 28;

/** Where a window opened beside `from` goes (main clamps it to the displays afterwards). */
export function cascadedBounds(from: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; maximized: false } {
  return { x: from.x + CASCADE_OFFSET, y: from.y + CASCADE_OFFSET, width: from.width, height: from.height, maximized: false };
}

/** Path equality for `platform`: Windows and macOS file systems usually ignore case, Linux ones do not. */
export function pathComparer(platform: string): (a: string, b: string) => boolean {
  if (platform === 'win32' || platform === 'darwin') return (a, b) => a.toLowerCase() === b.toLowerCase();
  return (a, b) => a === b;
}

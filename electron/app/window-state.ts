/**
 * What the main window shows and whether it may close: the title follows `window:state`; closing a window
 * with unsaved changes is turned into a question for the renderer, which answers with `window:close`.
 */

export interface WindowState {
  name: string;
  path: string | null;
  dirty: boolean;
}

/** "<name>[ •] — Rackplane", the same form the renderer sets as document.title. */
export function windowTitle(state: WindowState): string {
  return `${state.name}${state.dirty ? ' •' : ''} — Rackplane`;
}

/**
 * Decides each close attempt. Until the renderer has reported a clean state, or confirmed with
 * `window:close`, a close becomes a `window:closeRequested` question.
 */
export class CloseGuard {
  private dirty = false;
  private confirmed = false;

  update(state: WindowState): void {
    this.dirty = state.dirty;
  }

  /** The renderer has dealt with unsaved changes: the next close goes through. */
  confirm(): void {
    this.confirmed = true;
  }

  /** 'close' lets the window close; 'ask' means prevent it and ask the renderer. */
  onCloseAttempt(): 'close' | 'ask' {
    return this.dirty && !this.confirmed ? 'ask' : 'close';
  }
}

/**
 * Paths the OS asked to open, held until the renderer is listening (its first `window:state` report),
 * then delivered in order; later paths go straight through.
 */
export class OpenRequests {
  private pending: string[] = [];
  private ready = false;

  constructor(private readonly deliver: (path: string) => void) {}

  push(path: string): void {
    if (this.ready) this.deliver(path);
    else if (!this.pending.includes(path)) this.pending.push(path);
  }

  /** Whether the page is listening (paths go straight through). */
  isReady(): boolean {
    return this.ready;
  }

  /** The renderer is listening: flush what was held. Idempotent. */
  markReady(): void {
    if (this.ready) return;
    this.ready = true;
    for (const path of this.pending.splice(0)) this.deliver(path);
  }

  /** The page reloaded: hold paths again until it reports in. */
  reset(): void {
    this.ready = false;
  }
}

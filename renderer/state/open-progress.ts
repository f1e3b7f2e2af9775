/**
 * While main reads a file the user opens or imports (in a worker thread, electron/project/open-job.ts):
 * after a moment, a floating "Opening…" panel with Cancel (OpenProgress.tsx), which asks main to stop
 * the read (`project:cancelOpen`; the open then resolves as canceled and the current design stays).
 */
import type { RackplaneApi } from '../../shared/ipc/contract';
import type { AppStore } from './store';

/** Quick opens never flash the panel. */
export const OPEN_PROGRESS_DELAY_MS = 600;

export type OpenProgressState = { kind: 'idle' } | { kind: 'reading'; label: string };

const IDLE: OpenProgressState = { kind: 'idle' };

export class OpenProgress {
  private state: OpenProgressState = IDLE;
  private readonly listeners = new Set<() => void>();
  private api: RackplaneApi | undefined;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): OpenProgressState => this.state;

  private set(state: OpenProgressState): void {
    this.state = state;
    for (const fn of this.listeners) fn();
  }

  /**
   * Shows the panel (labelled `label`) if `work` is still reading a file `OPEN_PROGRESS_DELAY_MS` after main said the
   * read started (`project:reading`, sent once any Open dialog has closed, so the panel never sits behind the native
   * dialog); hides it when the work settles.
   */
  async track<T>(label: string, api: RackplaneApi | undefined, work: Promise<T>): Promise<T> {
    this.api = api;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.set({ kind: 'reading', label }), OPEN_PROGRESS_DELAY_MS);
    };
    // Without a bridge (unit tests of the session) there is no dialog to wait for: time from now.
    const off = api ? api.on('project:reading', start) : (start(), undefined);
    try {
      return await work;
    } finally {
      off?.();
      clearTimeout(timer);
      this.set(IDLE);
    }
  }

  /** The panel's Cancel. */
  cancel(): void {
    if (this.state.kind === 'idle' || !this.api) return;
    void this.api.invoke('project:cancelOpen').catch(() => undefined);
  }
}

const progressByStore = new WeakMap<AppStore, OpenProgress>();

/** The open progress of a window (one per store). */
export function openProgressFor(store: AppStore): OpenProgress {
  let p = progressByStore.get(store);
  if (!p) progressByStore.set(store, (p = new OpenProgress()));
  return p;
}

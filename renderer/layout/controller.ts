/**
 * Automatic layout in the app: runs `arrange` in the layout worker while the UI stays usable, shows its
 * progress (LayoutProgress.tsx) with Cancel, and applies the result as one undo step. A design edited
 * while the layout ran is left alone (the result would overwrite the edit). Also lays out designs that
 * open without usable positions, before they are shown (not an undo step: the document opens laid out).
 * One controller per AppStore, found with `layoutFor(store)`, so actions, the session and views share it.
 */
import { applyCommand } from '../../shared/history/commands';
import { arrangeCommand } from '../../shared/layout';
import type { Design } from '../../shared/model/design';
import type { AppStore } from '../state/store';
import { createLayoutWorker, LayoutClient, type LayoutWorkerLike } from './client';

export type LayoutStatus = { kind: 'idle' } | { kind: 'running'; label: string; done: number; total: number };

export type ArrangeScope = 'design' | 'selection';

const IDLE: LayoutStatus = { kind: 'idle' };

export class LayoutController {
  private status: LayoutStatus = IDLE;
  private readonly listeners = new Set<() => void>();
  private readonly client: LayoutClient;

  constructor(
    private readonly store: AppStore,
    createWorker: () => LayoutWorkerLike = createLayoutWorker,
  ) {
    this.client = new LayoutClient(createWorker);
    // Another design opened or the design closed: a layout of the old one has nowhere to go.
    let history = store.history;
    store.subscribe(() => {
      if (store.history === history) return;
      history = store.history;
      if (this.status.kind === 'running' && this.status.label !== OPENING) this.client.cancel();
    });
  }

  getState = (): LayoutStatus => this.status;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  get running(): boolean {
    return this.status.kind === 'running';
  }

  /** Arranges the whole design or the selection's top-level elements; one undo step when it changes anything. */
  async arrange(scope: ArrangeScope): Promise<void> {
    const history = this.store.history;
    if (!history || this.running) return;
    const design = history.design;
    const selection = scope === 'selection' ? [...this.store.getState().selection.elements] : null;
    if (selection && selection.length === 0) {
      this.store.error('Select the elements to arrange first');
      return;
    }
    const label = scope === 'design' ? 'Arranging the design' : 'Arranging the selection';
    const outcome = await this.run(design, selection, label);
    if (outcome.type === 'cancelled') {
      this.store.notify('Arrange cancelled; nothing was changed');
      return;
    }
    if (outcome.type === 'error') {
      this.store.error(outcome.message);
      return;
    }
    if (this.store.history !== history || history.design !== design) {
      this.store.error('The design changed while it was being arranged, so nothing was moved; run Arrange again');
      return;
    }
    const cmd = arrangeCommand(design, outcome.result);
    if (!cmd) {
      this.store.notify('Already arranged: nothing to move');
      return;
    }
    const r = this.store.execute(cmd, { label: scope === 'design' ? 'Arrange design' : 'Arrange selection' });
    if (!r.ok) return;
    const n = outcome.result.tops.length;
    this.store.notify(`Arranged ${n} top-level ${n === 1 ? 'element' : 'elements'} in ${outcome.seconds.toFixed(1)} s`, 'success');
    if (scope === 'design') this.store.requestFit();
  }

  /**
   * Lays out a design that is about to open. Never fails: on error or Cancel the design opens as it came,
   * with a message saying why it was not laid out.
   */
  async arrangeForOpen(design: Design): Promise<Design> {
    if (this.running) this.client.cancel();
    const outcome = await this.run(design, null, OPENING);
    if (outcome.type === 'cancelled') {
      this.store.notify('Automatic layout cancelled; the design opens with the positions it had');
      return design;
    }
    if (outcome.type === 'error') {
      this.store.error(`${outcome.message}; the design opens with the positions it had`);
      return design;
    }
    const cmd = arrangeCommand(design, outcome.result);
    return cmd ? applyCommand(design, cmd).design : design;
  }

  /** Stops the running layout; nothing changes. */
  cancel(): void {
    this.client.cancel();
  }

  private async run(design: Design, selection: string[] | null, label: string) {
    this.set({ kind: 'running', label, done: 0, total: 1 });
    try {
      return await this.client.run(design, selection, (done, total) => this.set({ kind: 'running', label, done, total }));
    } finally {
      this.set(IDLE);
    }
  }

  private set(status: LayoutStatus): void {
    this.status = status;
    for (const fn of this.listeners) fn();
  }
}

/** Progress label while a design being opened is laid out (opening replaces the history; that must not cancel it). */
const OPENING = 'Laying out the opened design';

const controllers = new WeakMap<AppStore, LayoutController>();

/** The store's layout controller (created on first use). */
export function layoutFor(store: AppStore): LayoutController {
  let c = controllers.get(store);
  if (!c) controllers.set(store, (c = new LayoutController(store)));
  return c;
}

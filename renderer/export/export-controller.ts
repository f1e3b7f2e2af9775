/**
 * File ▸ Export… in the renderer: gathers what the dialog needs from the app (selection, current view, fresh
 * simulation results), shows the Export dialog, and runs one export through `export:write`, following main's
 * `export:progress` events until the file is written, fails, or the user cancels (`export:cancel`).
 */
import { designToDocument } from '../../shared/formats/topology';
import type { RackplaneApi } from '../../shared/ipc/contract';
import { APP_EXPORT_FORMAT_INFO, type ExportProgress } from '../../shared/ipc/export-request';
import { indexedSceneOf } from '../canvas/scene-cache';
import { viewPrefsFor } from '../canvas/view-prefs';
import { sentence } from '../ipc/client';
import { isStale, simulationFor } from '../simulation/controller';
import { failedMarks } from '../simulation/failure-edit';
import type { AppStore } from '../state/store';
import { elementsInView, exportOptions, rememberChoices, rememberedChoices, suggestedExportName, withCanvasLayers, type ExportChoices, type ExportContext, type ExportInputs } from './export-model';

export type ExportRunState = { kind: 'idle' } | { kind: 'running'; stage: string; fraction: number; canceling: boolean };

/** How one Export click ended: written, canceled (save dialog or Cancel), or failed with a one-line reason. */
export type ExportOutcome = { kind: 'written'; message: string } | { kind: 'canceled'; message: string | null } | { kind: 'failed'; reason: string };

/** "12.3 kB": enough precision to see that a file is not empty. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export class ExportController {
  private state: ExportRunState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: AppStore,
    private readonly api: RackplaneApi | undefined,
  ) {}

  getState = (): ExportRunState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(state: ExportRunState): void {
    this.state = state;
    for (const fn of this.listeners) fn();
  }

  /** What the open design offers the dialog now. */
  context(): ExportContext {
    const { doc, selection } = this.store.getState();
    const sim = simulationFor(this.store).getState();
    const stale = !!doc && sim.results !== null && isStale(sim, doc.design);
    const whatIf = sim.results?.whatIf ? { whatIfFailures: sim.results.whatIf.outcomes.length } : {};
    return { selectedElements: selection.elements.size, heatAvailable: !!doc && sim.results !== null && !stale, simulationStale: stale, ...whatIf };
  }

  /** File ▸ Export…: the dialog, which calls run() and closes itself once a file is written. */
  async open(): Promise<void> {
    if (!this.store.getState().doc) return;
    rememberChoices(withCanvasLayers(rememberedChoices(), viewPrefsFor(this.store).get().layers));
    await this.store.ask({ kind: 'export', controller: this });
  }

  /** Runs one export with `choices` (remembered for the session); the store's status line tells how it went. */
  async run(choices: ExportChoices): Promise<ExportOutcome> {
    const state = this.store.getState();
    const doc = state.doc;
    if (!doc || this.state.kind === 'running') return { kind: 'canceled', message: null };
    rememberChoices(choices);
    const design = doc.design;
    const inputs: ExportInputs = {
      selection: [...state.selection.elements],
      inView: () => elementsInView(design, indexedSceneOf(design).index, state.viewport, state.canvasSize),
      heat: () => simulationFor(this.store).getState().results?.result.resources ?? [],
      simulation: () => simulationFor(this.store).getState().results?.result ?? null,
      whatIf: () => {
        const results = simulationFor(this.store).getState().results;
        if (!results?.whatIf) return null;
        // The failures of the run the diff comes from, marked as the canvas marks them.
        const marks = failedMarks(design, results.scenario.failures ?? []);
        return { links: results.whatIf.links, failures: results.whatIf.outcomes.length, failed: { elements: [...marks.elements], links: [...marks.links] } };
      },
      routing: viewPrefsFor(this.store).get().routing,
    };
    const built = exportOptions(choices, this.context(), inputs);
    if (!built.ok) return { kind: 'failed', reason: built.reason };
    if (!this.api) return this.failed('Rackplane is running without its main process (window.rackplane is missing)');

    this.set({ kind: 'running', stage: 'Choosing where to save', fraction: 0, canceling: false });
    const off = this.api.on('export:progress', (p: ExportProgress) => {
      if (this.state.kind === 'running' && !this.state.canceling) this.set({ ...this.state, stage: p.stage, fraction: Math.max(this.state.fraction, p.fraction) });
    });
    try {
      const r = await this.api.invoke('export:write', { document: designToDocument(design), options: built.options, suggestedName: suggestedExportName(design.meta.name, built.options.format) });
      if (r.ok) {
        const { path, bytes, note } = r.value;
        const label = APP_EXPORT_FORMAT_INFO[built.options.format].label;
        const message = `Exported ${label} to ${path} (${formatSize(bytes)})${note ? ` — note: ${note}` : ''}`;
        this.store.notify(message, 'success');
        return { kind: 'written', message };
      }
      if ('canceled' in r) {
        // A dismissed save dialog is silent; a stopped render says so.
        const message = this.canceling() ? 'Export canceled: no file was written.' : null;
        if (message) this.store.notify(message);
        return { kind: 'canceled', message };
      }
      return this.failed(r.reason);
    } catch (e) {
      return this.failed(`export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      off();
      this.set({ kind: 'idle' });
    }
  }

  /** Stops the running export; main terminates its worker and writes nothing. */
  async cancel(): Promise<void> {
    if (this.state.kind !== 'running' || this.state.canceling || !this.api) return;
    this.set({ ...this.state, stage: 'Canceling', canceling: true });
    await this.api.invoke('export:cancel');
  }

  // A method, not an inline test: TypeScript would keep the narrowing of `state` from before the await.
  private canceling(): boolean {
    return this.state.kind === 'running' && this.state.canceling;
  }

  private failed(reason: string): ExportOutcome {
    const line = sentence(reason);
    this.store.error(line);
    return { kind: 'failed', reason: line };
  }
}

const controllers = new WeakMap<AppStore, ExportController>();

/** The store's export controller, created on first use (one per window, like the simulation controller). */
export function exportControllerFor(store: AppStore, api: RackplaneApi | undefined): ExportController {
  let c = controllers.get(store);
  if (!c) controllers.set(store, (c = new ExportController(store, api)));
  return c;
}

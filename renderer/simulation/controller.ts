/**
 * The simulation's state in the app: whether the panel and the heatmap are shown, the scenario being
 * edited, the current run (progress, cancel) and the last result with the design it was computed on.
 * Results are never part of the document or its undo history; they are stale as soon as the design
 * object differs from the one the run used (any command, undo included, makes a new design object), or,
 * for a result restored from the project file, when it was computed on a design with another fingerprint.
 * The scenario and last result are saved with the project (persistence.ts): editing the scenario marks
 * the project unsaved, a run does not (a result is derived and can be recomputed).
 * One controller per AppStore, found with `simulationFor(store)`, so actions and views share it.
 */
import type { Design } from '../../shared/model/design';
import type { History } from '../../shared/history/history';
import { EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import type { AppStore } from '../state/store';
import { createSimulationWorker, SimulationClient, type WorkerLike } from './client';
import { restoreSimulation, simulationToSave, type RunRecord } from './persistence';
import { applyPreset, EMPTY_DRAFT, toScenario, type Preset, type ScenarioDraft } from './scenario-draft';
import { putFlow, putMigration, type EditOutcome, type FlowForm } from './scenario-edit';
import type { Failure } from '../../shared/sim/failures';
import { ScenarioHistory, type ScenarioStep } from './scenario-history';
import { failureName, withFailures, withoutFailures } from './failure-edit';
import type { WhatIfRun } from './whatif-run';
import type { PlacementAdvice, PlacementMove } from '../../shared/sim/placement';
import { addLabel, adviceMigrations } from './advice-model';

export type RunStatus =
  | { kind: 'idle' }
  | { kind: 'running'; phase: string; fraction: number }
  | { kind: 'done'; seconds: number }
  // `keptPrevious`: the results of an earlier run are still shown (a stopped run never replaces them).
  | { kind: 'cancelled'; keptPrevious: boolean }
  | { kind: 'error'; message: string; keptPrevious: boolean };

export interface SimResults extends Readonly<RunRecord> {
  /** A result restored from the file that was computed on another version of the design. */
  readonly staleOnOpen: boolean;
  /** With failures in the scenario: the comparison with the run without them (not saved; a run recomputes it). */
  readonly whatIf?: WhatIfRun;
}

/** Placement advice for the scenario (computed in the worker; not saved: Advise recomputes it). */
export type AdviceState =
  | { kind: 'idle' }
  | { kind: 'running'; phase: string; fraction: number }
  // `design`: the design the advice was computed on (the moves name its hosts).
  | { kind: 'done'; advice: PlacementAdvice; design: Design; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

export interface SimState {
  readonly panelOpen: boolean;
  readonly heatmap: boolean;
  readonly draft: ScenarioDraft;
  readonly status: RunStatus;
  readonly results: SimResults | null;
  readonly advice: AdviceState;
}

const INITIAL: SimState = { panelOpen: false, heatmap: true, draft: EMPTY_DRAFT, status: { kind: 'idle' }, results: null, advice: { kind: 'idle' } };

/** Overall advice progress 0-1: the run before, the search over VMs, then the runs after the moves. */
export function adviceProgress(phase: string, fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  if (phase === 'advise-before') return 0.4 * f;
  if (phase === 'advise-search') return 0.4 + 0.2 * f;
  if (phase === 'advise-after') return 0.6 + 0.4 * f;
  // The runs' own phases (paths, traffic) inside a step are not shown separately.
  return -1;
}

/** Overall progress 0-1 over the engine's phases (paths are quick; traffic and migrations dominate). */
export function overallProgress(phase: string, fraction: number, hasMigrations: boolean): number {
  const f = Math.min(1, Math.max(0, fraction));
  if (phase === 'paths') return 0.05 * f;
  if (phase === 'traffic') return 0.05 + (hasMigrations ? 0.6 : 0.95) * f;
  if (phase === 'migration') return 0.65 + 0.35 * f;
  // The what-if comparison reruns the scenario per failure: the bar starts again for it ("Comparing…").
  if (phase === 'what-if') return f;
  return f;
}

export class SimulationController {
  private state: SimState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly client: SimulationClient;
  private history: History | null;
  /** Counts runs, so the answer of a superseded run is recognised and dropped. */
  private runToken = 0;
  /** Scenarios and results of the open project file other than the one shown; written back on save. */
  private others: ProjectSimulation = EMPTY_SIMULATION;
  /** Scenario edits (Fail, Restore, placement advice added as migrations), woven into the design's undo order (scenario-history.ts). */
  private readonly scenarioSteps = new ScenarioHistory();
  /** Counts advice requests, so the answer of a superseded or cancelled one is dropped. */
  private adviceToken = 0;

  constructor(
    private readonly store: AppStore,
    createWorker: () => WorkerLike = createSimulationWorker,
    sharedMemory = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated,
  ) {
    this.client = new SimulationClient(createWorker, sharedMemory);
    this.history = store.history;
    // Another design opened (new, open, import, close): its scenario and results belong to the old one.
    store.subscribe(() => {
      if (store.history === this.history) {
        if (store.history) this.scenarioSteps.designMoved(store.history.position);
        return;
      }
      this.history = store.history;
      this.client.cancel();
      this.others = EMPTY_SIMULATION;
      this.scenarioSteps.clear();
      this.adviceToken++;
      this.set({ draft: EMPTY_DRAFT, status: { kind: 'idle' }, results: null, advice: { kind: 'idle' } });
    });
  }

  getState = (): SimState => this.state;

  /** Counts changes to what a project file or recovery copy stores (scenario, last result), for autosave. */
  get revision(): number {
    return this.savedRevision;
  }
  private savedRevision = 0;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<SimState>): void {
    if (patch.draft !== undefined || patch.results !== undefined) this.savedRevision++;
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  togglePanel(open = !this.state.panelOpen): void {
    this.set({ panelOpen: open });
  }

  toggleHeatmap(on = !this.state.heatmap): void {
    this.set({ heatmap: on });
  }

  editDraft(patch: Partial<ScenarioDraft>): void {
    this.setDraft({ ...this.state.draft, ...patch });
  }

  clearDraft(): void {
    const { demandText, maxPayload, downtimeText, diskWriteText, networkUpdateText, policy, migrationBandwidthText } = this.state.draft;
    this.setDraft({ ...EMPTY_DRAFT, demandText, maxPayload, downtimeText, diskWriteText, networkUpdateText, policy, migrationBandwidthText });
  }

  /** The scenario is saved with the project: changing it is unsaved work. */
  private setDraft(draft: ScenarioDraft): void {
    // Advice is about the scenario's traffic: other flows (or failures) make it describe another scenario.
    const old = this.state.draft;
    if ((draft.flows !== old.flows || draft.failures !== old.failures || draft.demandText !== old.demandText) && this.state.advice.kind !== 'idle') {
      this.adviceToken++;
      if (this.state.advice.kind === 'running') this.client.cancel();
      this.set({ draft, advice: { kind: 'idle' } });
    } else this.set({ draft });
    this.store.markUnsaved();
  }

  /** Shows the scenario and last result stored in the project just opened (call after the store opened it). */
  restore(sim: ProjectSimulation | undefined): void {
    const design = this.store.getState().doc?.design;
    if (!design) return;
    const r = restoreSimulation(sim, design);
    this.others = r.others;
    this.set({ draft: r.draft, status: { kind: 'idle' }, results: r.run ? { ...r.run, staleOnOpen: r.stale } : null, advice: { kind: 'idle' } });
  }

  /** What the project file should hold about simulation now. */
  toSave(): ProjectSimulation {
    return simulationToSave(this.state.draft, this.state.results, this.others);
  }

  /** Adds a preset to the scenario; a preset that cannot apply says why in the status bar. */
  addPreset(preset: Preset): boolean {
    const design = this.store.getState().doc?.design;
    if (!design) return false;
    const out = applyPreset(design, this.state.draft, preset);
    if (!out.ok) {
      this.store.error(out.reason);
      return false;
    }
    this.setDraft(out.draft);
    this.store.notify(out.added === 0 ? 'The scenario already has those' : `Added ${out.added.toLocaleString()} to the scenario`);
    return true;
  }

  /** Adds (or, with `index`, changes) a hand-entered flow; returns null, or the reason it was refused. */
  putFlow(form: FlowForm, index: number | null = null): string | null {
    return this.applyEdit((d) => putFlow(d, this.state.draft, form, index));
  }

  /** Adds (or, with `index`, changes) a hand-entered migration; returns null, or the reason it was refused. */
  putMigration(vm: string, to: string, index: number | null = null): string | null {
    return this.applyEdit((d) => putMigration(d, this.state.draft, vm, to, index));
  }

  private applyEdit(edit: (d: Design) => EditOutcome): string | null {
    const design = this.store.getState().doc?.design;
    if (!design) return 'Open a design first';
    const out = edit(design);
    if (!out.ok) return out.reason;
    this.setDraft(out.draft);
    this.store.notify(out.message);
    return null;
  }

  /** Takes `fs` down in the scenario (one undo step) and reruns it to show what changes; false when nothing was new. */
  fail(fs: readonly Failure[]): boolean {
    const design = this.store.getState().doc?.design;
    if (!design || fs.length === 0) return false;
    const draft = withFailures(this.state.draft, fs);
    if (draft.failures.length === this.state.draft.failures.length) return false;
    const added = draft.failures.slice(this.state.draft.failures.length);
    return this.changeFailures(draft.failures, `Fail ${added.length === 1 ? failureName(design, added[0]!) : `${added.length} items`}`);
  }

  /** Brings `fs` back up (one undo step) and reruns the scenario. */
  restoreFailures(fs: readonly Failure[]): boolean {
    const design = this.store.getState().doc?.design;
    if (!design || fs.length === 0) return false;
    const draft = withoutFailures(this.state.draft, fs);
    const n = this.state.draft.failures.length - draft.failures.length;
    if (n === 0) return false;
    return this.changeFailures(draft.failures, `Restore ${n === 1 ? failureName(design, fs[0]!) : `${n} items`}`);
  }

  /** Brings every failure of the scenario back up. */
  restoreAll(): boolean {
    const n = this.state.draft.failures.length;
    return n > 0 && this.changeFailures([], n === 1 ? 'Restore all (1 failure)' : `Restore all (${n} failures)`);
  }

  private changeFailures(after: readonly Failure[], label: string): boolean {
    const h = this.store.history;
    if (!h) return false;
    this.scenarioSteps.record({ label, before: { failures: this.state.draft.failures }, after: { failures: after }, at: h.position });
    this.applyFailureStep(after, label);
    return true;
  }

  /** Sets the scenario's failures and reruns it when it can run (a scenario without flows only records them). */
  private applyFailureStep(failures: readonly Failure[], label: string): void {
    this.setDraft({ ...this.state.draft, failures });
    const runnable = this.state.draft.flows.length + this.state.draft.migrations.length > 0;
    this.store.notify(runnable ? label : `${label}: add flows or migrations to the scenario to see its effect`);
    // The panel lists the failures and what they did, so it opens to show the change.
    this.togglePanel(true);
    if (runnable) void this.run();
  }

  /** The label of the scenario step Ctrl+Z would undo now ("Fail switch tor-a"), or null when Undo is the design's. */
  undoLabel(): string | null {
    const h = this.store.history;
    return h ? (this.scenarioSteps.nextUndo(h.position)?.label ?? null) : null;
  }

  redoLabel(): string | null {
    const h = this.store.history;
    return h ? (this.scenarioSteps.nextRedo(h.position)?.label ?? null) : null;
  }

  /** Undoes the scenario step that is next in the undo order; false when the next step is the design's. */
  undoScenarioEdit(): boolean {
    return this.replay(this.store.history && this.scenarioSteps.undo(this.store.history.position), 'before', 'Undo');
  }

  redoScenarioEdit(): boolean {
    return this.replay(this.store.history && this.scenarioSteps.redo(this.store.history.position), 'after', 'Redo');
  }

  private replay(step: ScenarioStep | null, side: 'before' | 'after', verb: string): boolean {
    if (!step) return false;
    const slice = step[side];
    if (slice.migrations) this.setDraft({ ...this.state.draft, migrations: slice.migrations });
    if (slice.failures) this.applyFailureStep(slice.failures, `${verb} ${step.label}`);
    else this.store.notify(`${verb} ${step.label}`);
    return true;
  }

  /** Computes placement advice for the scenario in the worker (progress and Cancel like a run). */
  async advise(): Promise<void> {
    const design = this.store.getState().doc?.design;
    if (!design) return;
    const checked = toScenario(this.state.draft);
    if (!checked.ok) {
      this.set({ advice: { kind: 'error', message: checked.reason } });
      return;
    }
    if (checked.scenario.flows.length === 0) {
      this.set({ advice: { kind: 'error', message: 'Add flows to the scenario first: the advice keeps their traffic closer.' } });
      return;
    }
    const token = ++this.adviceToken;
    this.set({ advice: { kind: 'running', phase: 'advise-before', fraction: 0 } });
    const outcome = await this.client.advise(design, checked.scenario, (phase, fraction) => {
      const f = adviceProgress(phase, fraction);
      if (f >= 0 && token === this.adviceToken && this.state.advice.kind === 'running') this.set({ advice: { kind: 'running', phase, fraction: f } });
    });
    if (token !== this.adviceToken || this.state.advice.kind !== 'running' || this.store.history !== this.history) return;
    switch (outcome.type) {
      case 'advice':
        this.set({ advice: { kind: 'done', advice: outcome.advice, design, seconds: outcome.seconds } });
        return;
      case 'cancelled':
        this.set({ advice: { kind: 'cancelled' } });
        return;
      case 'error':
        this.set({ advice: { kind: 'error', message: outcome.message } });
        return;
    }
  }

  cancelAdvice(): void {
    if (this.state.advice.kind !== 'running') return;
    this.adviceToken++;
    this.set({ advice: { kind: 'cancelled' } });
    this.client.cancel();
  }

  /**
   * Adds suggested moves to the scenario as migrations, as one undo step (scenario-history.ts). The design does not
   * change: as `rackplane advise --apply`, it records where VMs are today, and running the scenario shows what migrating
   * them costs. Moves that no longer fit, or whose VM already migrates, are left out (the status bar says why); false
   * when none was added.
   */
  applyAdvice(moves: readonly PlacementMove[]): boolean {
    const design = this.store.getState().doc?.design;
    const h = this.store.history;
    if (!design || !h) return false;
    const before = this.state.draft.migrations;
    const { migrations, added, skipped } = adviceMigrations(design, before, moves);
    if (added.length === 0) {
      this.store.error(skipped[0] ? `Cannot add: ${skipped[0]}` : 'Nothing to add');
      return false;
    }
    const label = addLabel(design, added);
    this.scenarioSteps.record({ label, before: { migrations: before }, after: { migrations }, at: h.position });
    this.setDraft({ ...this.state.draft, migrations });
    const note = skipped.length ? ` (${skipped.length} left out: ${skipped[0]})` : '';
    this.store.notify(`${label}: run the scenario to see ${added.length === 1 ? 'it' : 'them'}${note}`);
    return true;
  }

  get running(): boolean {
    return this.state.status.kind === 'running';
  }

  /** Runs the scenario on the current design in the worker; the UI stays live meanwhile. */
  async run(): Promise<void> {
    const design = this.store.getState().doc?.design;
    if (!design) return;
    const checked = toScenario(this.state.draft);
    if (!checked.ok) {
      this.set({ status: { kind: 'error', message: checked.reason, keptPrevious: this.state.results !== null } });
      return;
    }
    const scenario = checked.scenario;
    const hasMigrations = scenario.migrations.length > 0;
    const token = ++this.runToken;
    this.set({ status: { kind: 'running', phase: 'starting', fraction: 0 } });
    const outcome = await this.client.run(design, scenario, (phase, fraction) => {
      if (token === this.runToken && this.state.status.kind === 'running') this.set({ status: { kind: 'running', phase, fraction: overallProgress(phase, fraction, hasMigrations) } });
    });
    // A newer run or another design took over while this one ran: its answer is no longer wanted.
    if (token !== this.runToken || this.state.status.kind !== 'running' || this.store.getState().doc === null || this.store.history !== this.history) return;
    switch (outcome.type) {
      case 'result':
        this.set({
          status: { kind: 'done', seconds: outcome.seconds },
          results: { result: outcome.result, scenario, design, fingerprint: null, runAt: new Date().toISOString(), staleOnOpen: false, ...(outcome.whatIf ? { whatIf: outcome.whatIf } : {}) },
        });
        return;
      case 'cancelled':
        this.set({ status: { kind: 'cancelled', keptPrevious: this.state.results !== null } });
        return;
      case 'error':
        this.set({ status: { kind: 'error', message: outcome.message, keptPrevious: this.state.results !== null } });
        this.store.error(this.state.results !== null ? `${outcome.message} The previous results are kept.` : outcome.message);
        return;
    }
  }

  cancel(): void {
    if (!this.running) return;
    this.runToken++;
    this.set({ status: { kind: 'cancelled', keptPrevious: this.state.results !== null } });
    this.client.cancel();
  }

  dispose(): void {
    this.client.dispose();
  }
}

const controllers = new WeakMap<AppStore, SimulationController>();

/** The store's simulation controller, created on first use. */
export function simulationFor(store: AppStore): SimulationController {
  let c = controllers.get(store);
  if (!c) controllers.set(store, (c = new SimulationController(store)));
  return c;
}

/** Whether results exist but the design has changed since the run. */
export const isStale = (s: SimState, current: Design | null | undefined): boolean => s.results !== null && (s.results.staleOnOpen || s.results.design !== current);

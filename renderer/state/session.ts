/**
 * File-level flows: new, open, save, import/export, close, recovery and autosave. Each flow asks the
 * main process through IPC, validates what comes back with `loadDocument` (the renderer trusts no
 * document), and asks the user before unsaved work would be lost.
 */
import { designToDocument, exportTopologyJson, loadDocument } from '../../shared/formats/topology';
import type { OpenedProject, RackplaneApi } from '../../shared/ipc/contract';
import type { Design } from '../../shared/model/design';
import { checkProjectSimulation } from '../../shared/sim/persist';
import { makeTemplate, templateSimulation, type TemplateName } from '../../shared/templates';
import { simulationFor } from '../simulation/controller';
import { needsLayout } from '../../shared/layout';
import { layoutFor } from '../layout/controller';
import { createIpc, type IpcCall } from '../ipc/client';
import { openProgressFor } from './open-progress';
import type { AppStore, DocSnapshot } from './store';

/** Autosave period while there are unsaved changes. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** The name shown in the title bar and status bar: the file's name once saved, else the design's name. */
export function displayName(doc: Pick<DocSnapshot, 'path' | 'design'>): string {
  if (doc.path) {
    const base = doc.path.split(/[\\/]/).pop() ?? doc.path;
    return base.replace(/\.rackplane$/i, '') || base;
  }
  return doc.design.meta.name.trim() || 'Untitled design';
}

export class Session {
  /** Id of the recovery copy written for the open design, if any; discarded when the user throws the work away. */
  private recoveryId: string | null = null;
  private autosavedVersion = -1;
  private autosavedSimRevision = -1;
  private autosaveFailed = false;

  private readonly ipc: IpcCall;

  constructor(
    private readonly store: AppStore,
    private readonly api: RackplaneApi | undefined,
  ) {
    this.ipc = createIpc(api, (m) => store.error(m));
  }

  /** Runs a flow unless another one is running (a second Save while the first writes would race it). */
  private async exclusive<T>(flow: () => Promise<T>): Promise<T | undefined> {
    if (this.store.getState().busy) return undefined;
    this.store.setBusy(true);
    try {
      return await flow();
    } finally {
      this.store.setBusy(false);
    }
  }

  // ---- creating and opening ----

  /** File › New: the template chooser, then the new design replaces the open one. */
  newDesign(): Promise<void> {
    return this.exclusive(async () => {
      const answer = await this.store.ask({ kind: 'newDesign' });
      if (answer.kind !== 'create') return;
      await this.createFromTemplate(answer.template, { hosts: answer.hosts, vmsPerHost: answer.vmsPerHost });
    }).then(() => undefined);
  }

  /** Builds a template design and opens it, after dealing with unsaved work. */
  async createFromTemplate(template: TemplateName, opts: { hosts?: number; vmsPerHost?: number }): Promise<boolean> {
    let design: Design;
    try {
      design = makeTemplate(template, opts);
    } catch (e) {
      this.store.error(e instanceof Error ? e.message : String(e));
      return false;
    }
    if (!(await this.confirmUnsaved('creating a new design'))) return false;
    // Tells main a new untitled design starts (its recovery copy must not overwrite the previous one's).
    if (!(await this.ipc('project:new'))) return false;
    this.adoptDesign(design, null);
    // A template that carries a scenario (chapter6: the book's two flows) opens with it in the simulation panel.
    const simulation = templateSimulation(template);
    if (simulation) simulationFor(this.store).restore(simulation);
    this.store.notify(`New design from the “${template}” template`);
    return true;
  }

  open(): Promise<void> {
    return this.exclusive(async () => {
      if (!(await this.confirmUnsaved('opening another design'))) return;
      const opened = await this.reading('Opening', this.ipc('project:open'));
      if (opened) await this.adoptOrRecover(opened);
    }).then(() => undefined);
  }

  /** Opens a file main offered (a recent entry, the command line) by the token main gave with it. */
  openPath(token: string): Promise<void> {
    return this.exclusive(async () => {
      if (!(await this.confirmUnsaved('opening another design'))) return;
      const opened = await this.reading('Opening', this.ipc('project:openPath', token));
      if (opened) await this.adoptOrRecover(opened);
    }).then(() => undefined);
  }

  importJson(): Promise<void> {
    return this.exclusive(async () => {
      if (!(await this.confirmUnsaved('importing a topology'))) return;
      const opened = await this.reading('Importing', this.ipc('topology:import'));
      if (opened) await this.adoptOpened(opened, 'Imported topology');
    }).then(() => undefined);
  }

  /** File ▸ Import lspci Capture…: main reads and imports the capture; what it derived or guessed is listed once. */
  importLspci(): Promise<void> {
    return this.exclusive(async () => {
      if (!(await this.confirmUnsaved('importing an lspci capture'))) return;
      const opened = await this.reading('Importing', this.ipc('lspci:import'));
      if (!opened || !(await this.adoptOpened(opened, 'Imported lspci capture')) || !opened.notes?.length) return;
      void this.store.ask({
        kind: 'report',
        title: 'What the lspci import derived',
        intro: 'lspci shows the PCIe tree, link capabilities and SR-IOV, not everything a design holds. Check these figures against the machine.',
        lines: opened.notes.map((n) => String(n)),
      });
    }).then(() => undefined);
  }

  /** Shows the Opening… panel with Cancel while main reads the file (after a short delay). */
  private reading<T>(label: string, work: Promise<T>): Promise<T> {
    return openProgressFor(this.store).track(label, this.api, work);
  }

  /**
   * Shows an opened file, but first offers the unsaved work on it that a crashed session left (main lists it
   * with the file), so the file can never be edited, and its crash copy forgotten, before the user chose.
   */
  private async adoptOrRecover(opened: OpenedProject): Promise<void> {
    const items = opened.recovery ?? [];
    if (items.length) {
      const answer = await this.store.ask({ kind: 'recovery', items });
      if (answer.kind === 'recover') {
        const recovered = await this.reading('Recovering', this.ipc('project:recover', answer.id));
        if (recovered && (await this.adoptOpened(recovered, 'Recovered', { unsaved: true }))) {
          this.recoveryId = answer.id;
          return;
        }
      } else if (answer.kind === 'discardRecovery') await this.ipc('project:discardRecovery', answer.id);
    }
    await this.adoptOpened(opened, 'Opened');
  }

  /**
   * Re-validates a document from main and shows it; a document that does not load leaves the open
   * design as it was. Repairs and migrations are reported once. A design without usable positions (a
   * scripted topology JSON with everything at 0,0) is laid out first, so it opens arranged, not as an edit.
   */
  private async adoptOpened(opened: OpenedProject, verb: string, opts: { unsaved?: boolean } = {}): Promise<boolean> {
    const loaded = loadDocument(opened.document);
    if (!loaded.ok) {
      this.store.error(`Cannot open this design: ${loaded.reason}`);
      // Main already took the file as this window's: forget it there, so Save asks where instead of writing over it.
      await this.ipc('project:new');
      return false;
    }
    const design = needsLayout(loaded.design) ? await layoutFor(this.store).arrangeForOpen(loaded.design) : loaded.design;
    // A file that changed outside Rackplane comes without a path: an unsaved copy that Save puts under a new name.
    this.adoptDesign(design, opened.path, opened.warning ? { ...opts, unsaved: true } : opts);
    // The scenario and last result stored with the project, checked again here (the renderer trusts nothing).
    const sim = opened.simulation ? checkProjectSimulation(opened.simulation) : null;
    if (sim) simulationFor(this.store).restore(sim.simulation);
    const arranged = design !== loaded.design ? ', laid out automatically (it had no usable positions)' : '';
    this.store.notify(`${verb} ${opened.path ?? `“${loaded.design.meta.name}”`}${arranged}`, 'success');
    // One line, as a toast and in the status bar (after the "Opened" line, which it must not hide).
    if (opened.warning) this.store.error(opened.warning);
    const repairs = [...opened.repairs, ...(sim?.repairs ?? [])];
    const lines = [...opened.migrations.map((m) => `Upgraded: ${m}`), ...repairs.map((r) => `Repaired: ${r}`)];
    if (lines.length) {
      void this.store.ask({
        kind: 'report',
        title: 'The design was repaired while opening',
        intro: 'Rackplane fixed these problems in the file so that it could be opened. Save to keep the repaired version.',
        lines,
      });
    }
    return true;
  }

  private adoptDesign(design: Design, path: string | null, opts: { unsaved?: boolean } = {}): void {
    this.recoveryId = null;
    this.autosavedVersion = -1;
    this.autosavedSimRevision = -1;
    this.store.openDesign(design, path, opts);
    this.store.requestFit();
  }

  // ---- saving ----

  /** Saves to the design's file (asking for one when it has none, or always with `saveAs`); true when saved. */
  save(saveAs = false): Promise<boolean> {
    return this.exclusive(() => this.saveNow(saveAs)).then((r) => r ?? false);
  }

  private async saveNow(saveAs: boolean): Promise<boolean> {
    const doc = this.store.getState().doc;
    if (!doc) return false;
    const document = designToDocument(doc.design);
    document.meta = { ...doc.design.meta, revision: this.store.revision };
    // The simulation scenario and its last result travel with the design (shared/sim/persist.ts).
    const simulation = simulationFor(this.store).toSave();
    // Main saves to the file this window opened or saved (asking where when there is none): never to a path from here.
    const saved = await this.ipc('project:save', { document, saveAs, simulation });
    if (!saved) return false;
    // Only a save of the design still on screen marks it saved (edits made while writing stay dirty).
    if (this.store.getState().doc?.design === doc.design) this.store.markSaved(saved.path, saved.revision);
    this.recoveryId = null;
    this.store.notify(`Saved ${saved.path}`, 'success');
    return true;
  }

  exportJson(): Promise<void> {
    return this.exclusive(async () => {
      const doc = this.store.getState().doc;
      if (!doc) return;
      // The design's scenarios go with it (the `scenarios` array), so the export opens with them again.
      const scenarios = simulationFor(this.store).toSave().scenarios;
      const result = await this.ipc('topology:export', { text: exportTopologyJson(doc.design, { scenarios }), suggestedName: `${displayName(doc)}.json` });
      if (result) this.store.notify(`Exported topology JSON to ${result.path}`, 'success');
    }).then(() => undefined);
  }

  /**
   * File › Generate Deployment Config…: the user picks the configuration, main asks for the folder and writes the
   * files generated from the design as it is now; what the design does not say is listed once.
   */
  generate(): Promise<void> {
    return this.exclusive(async () => {
      const doc = this.store.getState().doc;
      if (!doc) return;
      const choice = await this.store.ask({ kind: 'generate' });
      if (choice.kind !== 'generate') return;
      const result = await this.ipc('generate:write', { document: designToDocument(doc.design), target: choice.target });
      if (!result) return;
      this.store.notify(`Generated ${result.files} file${result.files === 1 ? '' : 's'} (${choice.target}) into ${result.folder}`, 'success');
      if (result.notes.length) {
        void this.store.ask({ kind: 'report', title: 'What the design did not say', intro: `Generated ${choice.target} configuration into ${result.folder}. Fill in these values (PLACEHOLDER-… in the files) before use:`, lines: result.notes });
      }
    }).then(() => undefined);
  }

  // ---- closing ----

  /** File › Close: back to the start screen, after dealing with unsaved work. */
  close(): Promise<void> {
    return this.exclusive(async () => {
      if (!(await this.confirmUnsaved('closing it'))) return;
      this.store.closeDesign();
      this.recoveryId = null;
    }).then(() => undefined);
  }

  /** Main asks to close the window: settle unsaved work, then let it close (or not, on Cancel). */
  windowCloseRequested(): Promise<void> {
    return this.exclusive(async () => {
      if (await this.confirmUnsaved('closing the window')) await this.ipc('window:close');
    }).then(() => undefined);
  }

  /**
   * Save / Don't Save / Cancel when the design has unsaved changes. True when it is safe to proceed:
   * nothing unsaved, saved successfully, or the user chose to discard.
   */
  async confirmUnsaved(action: string): Promise<boolean> {
    const doc = this.store.getState().doc;
    if (!doc || !doc.dirty) return true;
    const answer = await this.store.ask({ kind: 'unsaved', name: displayName(doc), action });
    if (answer.kind === 'save') return this.saveNow(false);
    if (answer.kind === 'discard') {
      await this.discardRecoveryCopy();
      return true;
    }
    return false;
  }

  private async discardRecoveryCopy(): Promise<void> {
    const id = this.recoveryId;
    this.recoveryId = null;
    if (id) await this.ipc('project:discardRecovery', id);
  }

  // ---- recovery and autosave ----

  /** At start-up: offer each recovery copy left by an earlier session that ended with unsaved work. */
  async offerRecovery(): Promise<void> {
    for (;;) {
      const items = await this.ipc('project:recoverable');
      if (!items || items.length === 0) return;
      const answer = await this.store.ask({ kind: 'recovery', items });
      if (answer.kind === 'discardRecovery') {
        if (!(await this.ipc('project:discardRecovery', answer.id))) return;
        continue;
      }
      if (answer.kind === 'recover') {
        const opened = await this.reading('Recovering', this.ipc('project:recover', answer.id));
        // Recovered work exists only in the recovery copy: it stays dirty until saved.
        if (opened && (await this.adoptOpened(opened, 'Recovered', { unsaved: true }))) this.recoveryId = answer.id;
      }
      return;
    }
  }

  /** Writes the recovery copy when there are changes since the last one; called every AUTOSAVE_INTERVAL_MS. */
  async autosave(): Promise<void> {
    const { doc, busy } = this.store.getState();
    // The scenario and last result travel with the copy, so a run or a scenario edit is worth a new copy too.
    const sim = simulationFor(this.store);
    const simRevision = sim.revision;
    if (!doc || !doc.dirty || busy || (doc.version === this.autosavedVersion && simRevision === this.autosavedSimRevision)) return;
    let failure: string | null = null;
    const quiet = createIpc(this.api, (m) => (failure = m));
    const result = await quiet('project:autosave', { document: designToDocument(doc.design), simulation: sim.toSave() });
    if (result) {
      this.recoveryId = result.id;
      this.autosavedVersion = doc.version;
      this.autosavedSimRevision = simRevision;
      this.autosaveFailed = false;
    } else if (failure && !this.autosaveFailed) {
      // Said once per failure streak, not every 30 s while the cause (a full disk, say) persists.
      this.autosaveFailed = true;
      this.store.error(`Autosave failed: ${failure}`);
    }
  }
}

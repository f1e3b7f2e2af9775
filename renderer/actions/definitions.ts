/** Every action the shell performs, registered once; what each does lives in the session, store or view ops. */
import { ZOOM_STEP } from '../../shared/scene/viewport';
import type { AppInfo, RackplaneApi } from '../../shared/ipc/contract';
import { exportControllerFor } from '../export/export-controller';
import { asElementId, asLinkId } from '../../shared/model/ids';
import { zoomBy } from '../canvas/view-ops';
import { viewPrefsFor } from '../canvas/view-prefs';
import type { CatalogClient } from '../catalog/catalog-client';
import { insertCatalogNic } from '../catalog/insert-nic';
import { simulationFor } from '../simulation/controller';
import type { Session } from '../state/session';
import type { AppState, AppStore } from '../state/store';
import { registerClipboardActions } from './clipboard';
import { registerCollapseActions } from './collapse';
import { registerNavigationActions } from './navigation';
import { anyVisibleElement, visibleElementIds } from './select-all';
import { registerViewLayerActions } from './view-layers';
import { registerLayoutActions } from './layout';
import { registerRenameActions } from './rename';
import { registerWindowActions } from './window-actions';
import { registerWhatIfActions } from './whatif-actions';
import { registerAdviceActions } from './advice-actions';
import { ActionRegistry } from './registry';
import { shortcutSheet } from './shortcut-sheet';

const hasDoc = (s: AppState) => s.doc !== null && !s.busy;
const idle = (s: AppState) => !s.busy;
const hasSelection = (s: AppState) => hasDoc(s) && s.selection.elements.size + s.selection.links.size > 0;
const fixed = (text: string) => () => text;

export interface ActionDeps {
  store: AppStore;
  session: Session;
  /** Fetches app:info (name, versions) for the About dialog; null when it failed (already reported). */
  appInfo: () => Promise<AppInfo | null>;
  /** The component catalog's channels, for the catalog dialog. */
  catalog: CatalogClient;
  /** window.rackplane, for File › Export… (absent in unit tests, where the action reports it). */
  api?: RackplaneApi;
}

export function createActions({ store, session, appInfo, catalog, api }: ActionDeps): ActionRegistry {
  const r = new ActionRegistry(store);

  // ---- file ----
  r.register({ name: 'file.new', label: fixed('New…'), shortcuts: [{ key: 'n', mod: true }], inTextFields: true, predicate: idle, perform: () => session.newDesign() });
  r.register({ name: 'file.open', label: fixed('Open…'), shortcuts: [{ key: 'o', mod: true }], inTextFields: true, predicate: idle, perform: () => session.open() });
  r.register({
    name: 'file.save',
    label: fixed('Save'),
    shortcuts: [{ key: 's', mod: true }],
    inTextFields: true,
    predicate: hasDoc,
    perform: () => session.save(false).then(() => undefined),
  });
  r.register({
    name: 'file.saveAs',
    label: fixed('Save As…'),
    shortcuts: [{ key: 's', mod: true, shift: true }],
    inTextFields: true,
    predicate: hasDoc,
    perform: () => session.save(true).then(() => undefined),
  });
  r.register({ name: 'file.importJson', label: fixed('Import Topology JSON…'), predicate: idle, perform: () => session.importJson() });
  r.register({ name: 'file.importLspci', label: fixed('Import lspci Capture…'), predicate: idle, perform: () => session.importLspci() });
  r.register({ name: 'file.exportJson', label: fixed('Export Topology JSON…'), predicate: hasDoc, perform: () => session.exportJson() });
  r.register({ name: 'file.export', label: fixed('Export…'), shortcuts: [{ key: 'e', mod: true }], inTextFields: true, predicate: hasDoc, perform: () => exportControllerFor(store, api).open() });
  r.register({ name: 'file.generate', label: fixed('Generate Deployment Config…'), predicate: hasDoc, perform: () => session.generate() });
  r.register({ name: 'file.close', label: fixed('Close Design'), predicate: hasDoc, perform: () => session.close() });
  registerWindowActions(r, store, api);

  // ---- edit ----
  // Scenario edits (what-if Fail/Restore, applied placement advice) are undo steps woven into the design's undo order.
  const sim = simulationFor(store);
  const undoLabel = (s: AppState) => (hasDoc(s) ? (sim.undoLabel() ?? s.doc!.undoLabel) : null);
  const redoLabel = (s: AppState) => (hasDoc(s) ? (sim.redoLabel() ?? s.doc!.redoLabel) : null);
  r.register({
    name: 'edit.undo',
    label: (s) => (undoLabel(s) ? `Undo ${undoLabel(s)}` : 'Undo'),
    shortcuts: [{ key: 'z', mod: true }],
    predicate: (s) => undoLabel(s) !== null,
    perform: () => void (sim.undoScenarioEdit() || store.history?.undo()),
  });
  r.register({
    name: 'edit.redo',
    label: (s) => (redoLabel(s) ? `Redo ${redoLabel(s)}` : 'Redo'),
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    predicate: (s) => redoLabel(s) !== null,
    perform: () => void (sim.redoScenarioEdit() || store.history?.redo()),
  });
  registerClipboardActions(r, store);
  r.register({
    name: 'edit.delete',
    label: (s) => {
      const n = s.selection.elements.size + s.selection.links.size;
      return n > 1 ? `Delete ${n} Items` : 'Delete';
    },
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    predicate: hasSelection,
    perform: () => {
      const { selection } = store.getState();
      // One command, so one undo step restores everything (including links removed with their elements).
      store.execute({ type: 'remove', elements: [...selection.elements].map(asElementId), links: [...selection.links].map(asLinkId) });
    },
  });
  r.register({
    name: 'edit.selectAll',
    label: fixed('Select All'),
    shortcuts: [{ key: 'a', mod: true }],
    // What the canvas shows: elements on hidden layers stay unselected (./select-all.ts).
    predicate: (s) => hasDoc(s) && anyVisibleElement(s.doc!.design, viewPrefsFor(store).get().layers),
    perform: () => store.select({ elements: new Set(visibleElementIds(store.getState().doc!.design, viewPrefsFor(store).get().layers)), links: new Set() }),
  });
  r.register({
    name: 'edit.selectNone',
    label: fixed('Select None'),
    shortcuts: [{ key: 'Escape' }],
    predicate: hasSelection,
    perform: () => store.select({ elements: new Set(), links: new Set() }),
  });

  // ---- view ----
  r.register({
    name: 'view.zoomIn',
    label: fixed('Zoom In'),
    shortcuts: [{ key: '+' }, { key: '=' }, { key: '+', mod: true }, { key: '=', mod: true }],
    predicate: hasDoc,
    perform: () => zoomBy(store, ZOOM_STEP),
  });
  r.register({
    name: 'view.zoomOut',
    label: fixed('Zoom Out'),
    shortcuts: [{ key: '-' }, { key: '-', mod: true }],
    predicate: hasDoc,
    perform: () => zoomBy(store, 1 / ZOOM_STEP),
  });
  r.register({
    name: 'view.zoomFit',
    label: fixed('Zoom to Fit'),
    shortcuts: [{ key: '0' }, { key: '0', mod: true }],
    predicate: hasDoc,
    perform: () => store.requestFit(),
  });

  registerNavigationActions(r, store);
  registerViewLayerActions(r, store);
  registerLayoutActions(r, store);
  registerCollapseActions(r, store);
  registerRenameActions(r, store);

  // ---- simulation ----
  r.register({
    name: 'view.simulation',
    label: fixed('Simulation'),
    shortcuts: [{ key: 'm', mod: true, shift: true }],
    inTextFields: true,
    predicate: (s) => s.doc !== null,
    perform: () => sim.togglePanel(),
  });
  r.register({
    name: 'view.heatmap',
    label: fixed('Utilisation Heatmap'),
    shortcuts: [{ key: 'h', mod: true, shift: true }],
    inTextFields: true,
    predicate: (s) => s.doc !== null,
    perform: () => sim.toggleHeatmap(),
  });
  r.register({
    name: 'simulation.run',
    label: fixed('Run Simulation'),
    shortcuts: [{ key: 'F5' }],
    inTextFields: true,
    predicate: (s) => hasDoc(s) && !sim.running,
    perform: () => {
      sim.togglePanel(true);
      return sim.run();
    },
  });
  registerWhatIfActions(r, store);
  registerAdviceActions(r, store);

  // ---- problems ----
  r.register({
    name: 'view.problems',
    label: (s) => (s.problemsOpen ? 'Hide Problems' : 'Show Problems'),
    // Ctrl+Shift+M (VS Code's problems key) belongs to the simulation panel here; E for "errors".
    shortcuts: [{ key: 'e', mod: true, shift: true }],
    inTextFields: true,
    predicate: hasDoc,
    perform: () => store.setProblemsOpen(!store.getState().problemsOpen),
  });

  // ---- catalog ----
  r.register({
    name: 'catalog.open',
    label: fixed('Component Catalog…'),
    // Ctrl+K is commonly a command palette; the Shift variant is free here and in the native menu.
    shortcuts: [{ key: 'k', mod: true, shift: true }],
    inTextFields: true,
    predicate: idle,
    perform: async () => {
      const answer = await store.ask({ kind: 'catalog', client: catalog });
      if (answer.kind === 'insertCatalog') insertCatalogNic(store, answer.entry);
    },
  });

  // ---- help ----
  r.register({
    name: 'help.shortcuts',
    label: fixed('Keyboard Shortcuts'),
    // "?" opens the sheet in many editors (GitHub, Gmail, Figma); it is not a character any canvas action uses.
    shortcuts: [{ key: '?' }],
    predicate: () => true,
    perform: async () => {
      await store.ask({ kind: 'shortcuts', groups: shortcutSheet(r.all(), store.getState()) });
    },
  });
  r.register({
    name: 'help.about',
    label: fixed('About Rackplane'),
    predicate: () => true,
    perform: async () => {
      const info = await appInfo();
      if (info) await store.ask({ kind: 'about', info });
    },
  });
  return r;
}

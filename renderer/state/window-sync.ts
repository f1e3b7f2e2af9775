/**
 * Connects the shell to its window: reports title and dirty state to main (`window:state`), answers
 * main's close request, native-menu actions and files the OS asks to open, and runs autosave while
 * there are unsaved changes.
 */
import type { RackplaneApi } from '../../shared/ipc/contract';
import type { ActionRegistry } from '../actions/registry';
import { createIpc } from '../ipc/client';
import { menuViewOf, viewPrefsFor } from '../canvas/view-prefs';
import { panelLayout } from '../components/panel-layout';
import { AUTOSAVE_INTERVAL_MS, displayName, type Session } from './session';
import type { AppStore } from './store';

/** The window title for a design: "name • — Rackplane" while dirty. */
export function windowTitle(name: string | null, dirty: boolean): string {
  return name === null ? 'Rackplane' : `${name}${dirty ? ' •' : ''} — Rackplane`;
}

export function connectWindow(store: AppStore, session: Session, actions: ActionRegistry, api: RackplaneApi | undefined): () => void {
  const ipc = createIpc(api, (m) => store.error(m));
  let reported = '';
  const report = () => {
    const { doc } = store.getState();
    // blank: nothing here would be lost if main opened a file from the OS in this window instead of a new one.
    const base = doc
      ? { name: displayName(doc), path: doc.path, dirty: doc.dirty, blank: doc.path === null && !doc.dirty && doc.version === 0 }
      : { name: 'Rackplane', path: null, dirty: false, blank: true };
    // view: the layers, routing and minimap the View menu shows checked for this window.
    const state = { ...base, view: menuViewOf(prefs.get(), panelLayout().get().minimap) };
    const key = JSON.stringify(state);
    if (key === reported) return;
    reported = key;
    document.title = windowTitle(doc ? state.name : null, state.dirty);
    void ipc('window:state', state);
  };
  const prefs = viewPrefsFor(store);
  const unsubscribeStore = store.subscribe(report);
  const unsubscribePrefs = prefs.subscribe(report);
  const unsubscribeLayout = panelLayout().subscribe(report);
  report();

  const offMenu = api?.on('menu:action', (name) => void actions.perform(name, 'menu'));
  const offClose = api?.on('window:closeRequested', () => void session.windowCloseRequested());
  // A file from the command line, a file association or Open Recent: same flow as File › Open.
  // Reported again afterwards even when nothing changed (cancelled, failed): main then knows the request is settled.
  const offOpen = api?.on('project:openRequested', (path) =>
    void session.openPath(path).finally(() => {
      reported = '';
      report();
    }),
  );
  const timer = window.setInterval(() => void session.autosave(), AUTOSAVE_INTERVAL_MS);

  return () => {
    unsubscribeStore();
    unsubscribePrefs();
    unsubscribeLayout();
    offMenu?.();
    offClose?.();
    offOpen?.();
    window.clearInterval(timer);
  };
}

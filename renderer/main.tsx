/** Renderer entry: builds the store, the session and the action registry, connects them to the window, renders the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ActionsContext } from './actions/context';
import { createActions } from './actions/definitions';
import { App } from './components/App';
import { CatalogClient } from './catalog/catalog-client';
import { createIpc } from './ipc/client';
import { Session } from './state/session';
import { SessionContext } from './state/session-context';
import { AppStore } from './state/store';
import { StoreContext } from './state/use-store';
import { connectWindow } from './state/window-sync';
import { ValidationClient } from './validation/client';
import { startValidationWorker } from './validation/web-worker';
import './styles/app.css';

const api = window.rackplane;
const store = new AppStore();
const session = new Session(store, api);
const ipc = createIpc(api, (m) => store.error(m));
const actions = createActions({ store, session, appInfo: () => ipc('app:info'), catalog: new CatalogClient(api), api });
connectWindow(store, session, actions, api);

// Validation runs in a module worker, so edits never wait for it; a crashed worker is replaced by the client.
store.setValidator(
  new ValidationClient(
    startValidationWorker,
    (view) => store.setValidation(view),
    (line) => store.error(line),
  ),
);

// Shortcuts work wherever focus is, except where a text field owns the key (see ActionRegistry).
document.addEventListener('keydown', (e) => actions.handleKeyDown(e));

const recent = () => ipc('project:recent');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <ActionsContext.Provider value={actions}>
        <SessionContext.Provider value={session}>
          <App recent={recent} />
        </SessionContext.Provider>
      </ActionsContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);

void session.offerRecovery();

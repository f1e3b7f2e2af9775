/** File ▸ New Window: asks main for another window (each open project has a window of its own, docs/desktop.md). */
import type { RackplaneApi } from '../../shared/ipc/contract';
import { createIpc } from '../ipc/client';
import type { AppStore } from '../state/store';
import type { ActionRegistry } from './registry';

export function registerWindowActions(r: ActionRegistry, store: AppStore, api: RackplaneApi | undefined): void {
  const ipc = createIpc(api, (m) => store.error(m));
  r.register({
    name: 'file.newWindow',
    label: () => 'New Window',
    shortcuts: [{ key: 'n', mod: true, shift: true }],
    // A new window never touches this one's design, so it is available even while this one is busy.
    inTextFields: true,
    predicate: () => true,
    perform: () => ipc('window:new').then(() => undefined),
  });
}

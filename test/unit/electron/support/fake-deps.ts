/** HandlerDeps for tests: scripted dialogs, a recorded window, a temp userData folder. */
import type { HandlerDeps } from '../../../../electron/ipc/handlers';
import { PathTokens } from '../../../../electron/ipc/path-tokens';

export interface FakeDeps extends HandlerDeps {
  pathTokens: PathTokens;
  /** Paths the next dialogs return, in order (null = the user canceled). */
  answers: (string | null)[];
  /** Every dialog shown: kind and suggested name. */
  shown: { dialog: string; suggested?: string }[];
  states: { name: string; path: string | null; dirty: boolean }[];
  closed: number;
  osRecent: string[];
}

export function fakeDeps(userDataDir: string): FakeDeps {
  const deps: FakeDeps = {
    userDataDir,
    appInfo: { name: 'Rackplane', version: '0.1.0', versions: { node: process.versions.node }, platform: process.platform },
    answers: [],
    shown: [],
    states: [],
    closed: 0,
    osRecent: [],
    dialogs: {
      openProject: async () => answer('openProject'),
      saveProject: async (suggested) => answer('saveProject', suggested),
      openTopologyJson: async () => answer('openTopologyJson'),
      // The lspci dialog picks one or two files: an answer names them separated by a newline.
      openLspci: async () => answer('openLspci')?.split('\n') ?? null,
      saveTopologyJson: async (suggested) => answer('saveTopologyJson', suggested),
      // Import NetBox… picks one or more files: an answer names them separated by a newline.
      openNetbox: async () => answer('openNetbox')?.split('\n') ?? null,
      chooseGenerateFolder: async (target) => answer('chooseGenerateFolder', target),
      saveExport: async (suggested) => answer('saveExport', suggested),
      // Any answer means Replace; null means Cancel.
      confirmReplaceOpen: async (path) => answer('confirmReplaceOpen', path) !== null,
    },
    pathTokens: new PathTokens(),
    window: {
      setState: (s) => deps.states.push(s),
      close: () => deps.closed++,
    },
    addRecentDocument: (path) => deps.osRecent.push(path),
  };
  function answer(dialog: string, suggested?: string): string | null {
    deps.shown.push(suggested === undefined ? { dialog } : { dialog, suggested });
    if (deps.answers.length === 0) throw new Error(`unexpected ${dialog} dialog`);
    return deps.answers.shift()!;
  }
  return deps;
}

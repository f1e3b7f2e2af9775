/**
 * Wires the handlers to `ipcMain.handle`, refusing any request whose sending frame is not the app's own
 * page (a navigated-away or injected frame gets a reason, never a handler), and sends main → renderer
 * events on the channels of shared/ipc/channels.ts only.
 */
import { ipcMain, type WebContents } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { isTrustedFrameUrl } from '../app/origin';
import type { MenuAction } from '../app/menu';
import type { ExportProgress } from '../../shared/ipc/export-request';
import type { Handlers } from './handlers';

/**
 * Registers every channel; returns a function that removes them again. `handlers` is either one set for
 * every sender, or a lookup of the sending window's own set (each window has its own document, dialogs
 * and close guard); a sender with no set is refused.
 */
export function registerHandlers(handlers: Handlers | ((sender: WebContents) => Handlers | undefined), trustedOrigins: readonly string[]): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedFrameUrl(event.senderFrame?.url, trustedOrigins)) {
        return { ok: false, reason: `${channel}: refused a request from a page that is not Rackplane's own` };
      }
      const set = typeof handlers === 'function' ? handlers(event.sender) : handlers;
      if (!set) return { ok: false, reason: `${channel}: refused a request from a window Rackplane did not open` };
      return set[channel](...args);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Typed senders for the main → renderer events. */
export const events = {
  menuAction: (to: WebContents, action: MenuAction) => to.send('menu:action', action),
  closeRequested: (to: WebContents) => to.send('window:closeRequested'),
  /** Sends the token (electron/ipc/path-tokens.ts) for a project to open, never its path. */
  openRequested: (to: WebContents, token: string) => to.send('project:openRequested', token),
  exportProgress: (to: WebContents, p: ExportProgress) => to.send('export:progress', p),
  readingStarted: (to: WebContents) => to.send('project:reading'),
};

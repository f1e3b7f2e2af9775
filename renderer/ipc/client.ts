/**
 * Calls into the main process through `window.rackplane`. A failure (`{ok:false, reason}`) becomes one
 * line in the status bar; a dismissed dialog (`canceled`) is silent. Callers get the value or null.
 */
import type { ArgsOf, RackplaneApi, ResultOf } from '../../shared/ipc/contract';
import type { InvokeChannel } from '../../shared/ipc/channels';

export type IpcCall = <C extends InvokeChannel>(channel: C, ...args: ArgsOf<C>) => Promise<ResultOf[C] | null>;

/** Upper-cases the first letter, and keeps only the first line (a reason is never a stack trace). */
export function sentence(reason: string): string {
  const line = reason.split('\n', 1)[0]!.trim();
  return line.charAt(0).toUpperCase() + line.slice(1);
}

export function createIpc(api: RackplaneApi | undefined, reportError: (message: string) => void): IpcCall {
  return async (channel, ...args) => {
    if (!api) {
      reportError('Rackplane is running without its main process (window.rackplane is missing)');
      return null;
    }
    try {
      const r = await api.invoke(channel, ...args);
      if (r.ok) return r.value;
      if ('canceled' in r) return null;
      reportError(sentence(r.reason));
      return null;
    } catch (e) {
      // The bridge itself failed (main crashed or the channel is unknown): still one line for the user.
      reportError(`${channel} failed: ${sentence(e instanceof Error ? e.message : String(e))}`);
      return null;
    }
  };
}

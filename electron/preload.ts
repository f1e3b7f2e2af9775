/**
 * The sandboxed preload: exposes `window.rackplane` (RackplaneApi) through contextBridge, limited to the
 * channels of shared/ipc/channels.ts. It imports only that dependency-free file, so the CommonJS bundle
 * a sandboxed preload must be has nothing else in it. ipcRenderer itself is never exposed, and listeners
 * receive only the payload, never the IPC event (which would leak `sender`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/ipc/channels';
import type { RackplaneApi } from '../shared/ipc/contract';

const invokable: ReadonlySet<string> = new Set(INVOKE_CHANNELS);
const subscribable: ReadonlySet<string> = new Set(EVENT_CHANNELS);

const api: RackplaneApi = {
  invoke(channel: string, ...args: unknown[]) {
    if (!invokable.has(channel)) return Promise.resolve({ ok: false, reason: `unknown channel "${String(channel).slice(0, 60)}"` });
    return ipcRenderer.invoke(channel, ...args);
  },
  on(channel: string, listener: (payload?: unknown) => void) {
    if (!subscribable.has(channel)) throw new Error(`unknown event channel "${String(channel).slice(0, 60)}"`);
    const wrapped = (_event: IpcRendererEvent, payload?: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} as RackplaneApi;

contextBridge.exposeInMainWorld('rackplane', api);

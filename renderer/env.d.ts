/// <reference types="vite/client" />
import type { RackplaneApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** The preload's bridge to the main process: the only way the renderer reaches it. */
    readonly rackplane: RackplaneApi;
  }
}

export {};

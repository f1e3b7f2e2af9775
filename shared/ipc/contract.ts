/**
 * The typed contract between renderer and main. Main parses every argument with `args` before its
 * handler runs (the renderer is untrusted); results are plain structured-clone data.
 * Designs cross the boundary in their topology-document form (see shared/formats/topology.ts) and are
 * re-validated on the receiving side.
 */
import { z } from 'zod';
import type { InvokeChannel } from './channels';
import { catalogEntrySchema, type CatalogEntry } from '../catalog/schema';
import { projectSimulationSchema, type ProjectSimulation } from '../sim/persist';
import { exportOptionsSchema, type ExportProgress, type ExportWritten } from './export-request';

/** A topology document (validated in depth by `loadDocument` on receipt). */
const documentArg = z.object({ format: z.string(), version: z.number(), elements: z.array(z.unknown()), links: z.array(z.unknown()) }).passthrough();
const pathArg = z.string().min(1).max(4096);

/** View ▸ Layers and View ▸ Straight Links as the window shows them, reported so the native menu can check them. */
const menuViewSchema = z.object({
  layers: z.object({ pcie: z.boolean(), ethernet: z.boolean(), virtual: z.boolean() }),
  straightLinks: z.boolean(),
});

export const contract = {
  'app:info': { args: z.tuple([]) },
  'project:new': { args: z.tuple([]) },
  /** Shows the open dialog. */
  'project:open': { args: z.tuple([]) },
  /** Opens a known path (recent files, file association, command line). */
  'project:openPath': { args: z.tuple([pathArg]) },
  /** Saves to `path`, or asks for one when null or when `saveAs` is true; `simulation` is stored beside the design. */
  'project:save': {
    args: z.tuple([z.object({ document: documentArg, path: pathArg.nullable(), saveAs: z.boolean(), simulation: projectSimulationSchema.optional() })]),
  },
  'project:recent': { args: z.tuple([]) },
  /** Writes the recovery copy of an unsaved design (`path` is the file it belongs to, if any) with its simulation scenarios and results. */
  'project:autosave': { args: z.tuple([z.object({ document: documentArg, path: pathArg.nullable(), simulation: projectSimulationSchema.optional() })]) },
  'project:recoverable': { args: z.tuple([]) },
  'project:recover': { args: z.tuple([z.string().min(1).max(200)]) },
  'project:discardRecovery': { args: z.tuple([z.string().min(1).max(200)]) },
  /** Asks for a topology JSON file and returns its document. */
  'topology:import': { args: z.tuple([]) },
  /** Asks where to write the topology JSON text. */
  'topology:export': { args: z.tuple([z.object({ text: z.string().max(512 * 1024 * 1024), suggestedName: z.string().max(200) })]) },
  /** File ▸ Export…: asks where to save, renders off the main thread (progress on `export:progress`), writes the file. */
  'export:write': { args: z.tuple([z.object({ document: documentArg, options: exportOptionsSchema, suggestedName: z.string().max(200) }).strict()]) },
  /** Stops the running export (its `export:write` then resolves as canceled and writes nothing). */
  'export:cancel': { args: z.tuple([]) },
  'catalog:list': { args: z.tuple([]) },
  'catalog:add': { args: z.tuple([catalogEntrySchema]) },
  'catalog:remove': { args: z.tuple([z.string().min(1).max(200)]) },
  /**
   * Tells main what the window shows, for the title bar and the close prompt. `blank`: the start screen or
   * an untitled design nobody has edited, which a file opened from the OS may replace (electron/app/windows.ts).
   */
  'window:state': { args: z.tuple([z.object({ name: z.string().max(200), path: pathArg.nullable(), dirty: z.boolean(), blank: z.boolean().optional(), view: menuViewSchema.optional() })]) },
  /** Closes the window after the renderer has dealt with unsaved changes. */
  'window:close': { args: z.tuple([]) },
  /** File ▸ New Window: main opens another window on the start screen. */
  'window:new': { args: z.tuple([]) },
} satisfies Record<InvokeChannel, { args: z.ZodTuple }>;

export type ArgsOf<C extends InvokeChannel> = z.input<(typeof contract)[C]['args']>;

/** A project as the renderer sees it: the document, where it lives, and what loading repaired. */
export interface OpenedProject {
  path: string | null;
  document: unknown;
  repairs: string[];
  migrations: string[];
  /** Scenarios and results stored in the project file or recovery copy (absent for new and imported designs). */
  simulation?: ProjectSimulation;
}

export interface RecoveryInfo {
  id: string;
  /** The file the unsaved work belongs to; null for a never-saved design. */
  path: string | null;
  name: string;
  savedAt: string;
}

export interface AppInfo {
  name: string;
  version: string;
  versions: Record<string, string>;
  platform: string;
}

/** Every handler returns either a value or a one-line reason a user can act on; "canceled" means a dialog was dismissed. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; reason: string } | { ok: false; canceled: true };

export interface ResultOf {
  'app:info': AppInfo;
  'project:new': OpenedProject;
  'project:open': OpenedProject;
  'project:openPath': OpenedProject;
  'project:save': { path: string; revision: number };
  'project:recent': string[];
  'project:autosave': { id: string };
  'project:recoverable': RecoveryInfo[];
  'project:recover': OpenedProject;
  'project:discardRecovery': null;
  'topology:import': OpenedProject;
  'topology:export': { path: string };
  'export:write': ExportWritten;
  /** Whether an export was running. */
  'export:cancel': boolean;
  'catalog:list': CatalogEntry[];
  'catalog:add': CatalogEntry[];
  'catalog:remove': CatalogEntry[];
  'window:state': null;
  'window:close': null;
  'window:new': null;
}

/** The API the preload exposes as `window.rackplane`. */
export interface RackplaneApi {
  invoke<C extends InvokeChannel>(channel: C, ...args: ArgsOf<C>): Promise<IpcResult<ResultOf[C]>>;
  on(channel: 'menu:action', listener: (action: string) => void): () => void;
  on(channel: 'window:closeRequested', listener: () => void): () => void;
  on(channel: 'project:openRequested', listener: (path: string) => void): () => void;
  on(channel: 'export:progress', listener: (progress: ExportProgress) => void): () => void;
}

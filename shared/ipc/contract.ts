/**
 * The typed contract between renderer and main. Main parses every argument with `args` before its
 * handler runs (the renderer is untrusted); results are plain structured-clone data.
 * Designs cross the boundary in their topology-document form (see shared/formats/topology.ts) and are
 * re-validated on the receiving side.
 */
import { z } from 'zod';
import { DOC_PAGES, type InvokeChannel } from './channels';
import { catalogEntrySchema, type CatalogEntry } from '../catalog/schema';
import { projectSimulationSchema, type ProjectSimulation } from '../sim/persist';
import { exportOptionsSchema, type ExportProgress, type ExportWritten } from './export-request';
import { GENERATE_TARGETS } from '../generate';

/** A topology document (validated in depth by `loadDocument` on receipt). */
const documentArg = z.object({ format: z.string(), version: z.number(), elements: z.array(z.unknown()), links: z.array(z.unknown()) }).passthrough();
const pathArg = z.string().min(1).max(4096);
/** A path main handed the page (recent entry, file the OS asked to open) stands for by this opaque token. */
const tokenArg = z.string().min(1).max(200);

/** View ▸ Layers, Straight Links and Minimap as the window shows them, reported so the native menu can check them. */
const menuViewSchema = z.object({
  layers: z.object({ pcie: z.boolean(), ethernet: z.boolean(), virtual: z.boolean() }),
  straightLinks: z.boolean(),
  minimap: z.boolean(),
});

export const contract = {
  'app:info': { args: z.tuple([]) },
  'project:new': { args: z.tuple([]) },
  /** Shows the open dialog. */
  'project:open': { args: z.tuple([]) },
  /**
   * Opens a file main offered the page (a recent entry, a file the OS asked to open) by the token main gave
   * with it; the page never sends a path (docs/security.md). An unknown token gets one sentence that says nothing.
   */
  'project:openPath': { args: z.tuple([tokenArg]) },
  /**
   * Saves to the file this window opened or saved, or asks where when it has none or when `saveAs` is true
   * (never to a path from the page); `simulation` is stored beside the design.
   */
  'project:save': {
    args: z.tuple([z.object({ document: documentArg, saveAs: z.boolean(), simulation: projectSimulationSchema.optional() }).strict()]),
  },
  'project:recent': { args: z.tuple([]) },
  /** Writes the recovery copy of the window's unsaved design with its simulation scenarios and results (main knows which file it belongs to). */
  'project:autosave': { args: z.tuple([z.object({ document: documentArg, simulation: projectSimulationSchema.optional() }).strict()]) },
  'project:recoverable': { args: z.tuple([]) },
  'project:recover': { args: z.tuple([z.string().min(1).max(200)]) },
  'project:discardRecovery': { args: z.tuple([z.string().min(1).max(200)]) },
  /** Asks for a topology JSON file and returns its document. */
  'topology:import': { args: z.tuple([]) },
  /** Asks for an lspci capture (with, optionally, its `lspci -tv` tree: a second file picked with it) and returns the host imported from it. */
  'lspci:import': { args: z.tuple([]) },
  /** File ▸ Generate…: main asks for a folder and writes the target's files generated from this design into it. */
  'generate:write': { args: z.tuple([z.object({ document: documentArg, target: z.enum(GENERATE_TARGETS) }).strict()]) },
  /** Asks where to write the topology JSON text. */
  'topology:export': { args: z.tuple([z.object({ text: z.string().max(512 * 1024 * 1024), suggestedName: z.string().max(200) })]) },
  /** File ▸ Export…: asks where to save, renders off the main thread (progress on `export:progress`), writes the file. */
  'export:write': { args: z.tuple([z.object({ document: documentArg, options: exportOptionsSchema, suggestedName: z.string().max(200) }).strict()]) },
  /** Stops the running export (its `export:write` then resolves as canceled and writes nothing). */
  'export:cancel': { args: z.tuple([]) },
  /** Stops the file read of a running open or import (it then resolves as canceled). */
  'project:cancelOpen': { args: z.tuple([]) },
  'catalog:list': { args: z.tuple([]) },
  'catalog:add': { args: z.tuple([catalogEntrySchema]) },
  'catalog:remove': { args: z.tuple([z.string().min(1).max(200)]) },
  /** The catalog dialog's Import NetBox…: main asks for the library's YAML files, imports them all or none. */
  'catalog:importNetbox': { args: z.tuple([]) },
  /**
   * Tells main what the window shows, for the title bar and the close prompt. `blank`: the start screen or
   * an untitled design nobody has edited, which a file opened from the OS may replace (electron/app/windows.ts).
   */
  'window:state': { args: z.tuple([z.object({ name: z.string().max(200), path: pathArg.nullable(), dirty: z.boolean(), blank: z.boolean().optional(), view: menuViewSchema.optional() })]) },
  /** Closes the window after the renderer has dealt with unsaved changes. */
  'window:close': { args: z.tuple([]) },
  /** File ▸ New Window: main opens another window on the start screen. */
  'window:new': { args: z.tuple([]) },
  /** Opens one of the bundled guides (Markdown) with the system's viewer. */
  'help:openDoc': { args: z.tuple([z.enum(DOC_PAGES)]) },
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
  /**
   * One line, set when the file changed outside Rackplane after it was saved (its content checksum or a
   * key column does not match). `path` is then null: the design opens as an unsaved copy, and main never
   * saves over the original.
   */
  warning?: string;
  /** What an import from another tool's output (lspci) had to derive or guess, one line each, shown once after it opens. */
  notes?: string[];
  /**
   * Unsaved work on this file left by a session that ended without saving it (a crash): the page offers
   * it before the design can be edited, so an edit never buries it.
   */
  recovery?: RecoveryInfo[];
}

/** What Import NetBox… did: the whole catalog after it, the ids it added or replaced, one line per file and note. */
export interface NetboxImported {
  catalog: CatalogEntry[];
  imported: string[];
  lines: string[];
}

/** A File ▸ Open Recent / start-screen entry: the path to show, and the token `project:openPath` takes. */
export interface RecentProject {
  path: string;
  token: string;
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
  'project:recent': RecentProject[];
  'project:autosave': { id: string };
  'project:recoverable': RecoveryInfo[];
  'project:recover': OpenedProject;
  'project:discardRecovery': null;
  'topology:import': OpenedProject;
  'lspci:import': OpenedProject;
  'topology:export': { path: string };
  /** The folder written, how many files, and what the design did not say (one line each). */
  'generate:write': { folder: string; files: number; notes: string[] };
  'export:write': ExportWritten;
  /** Whether an export was running. */
  'export:cancel': boolean;
  /** Whether a read was running. */
  'project:cancelOpen': boolean;
  'catalog:list': CatalogEntry[];
  'catalog:add': CatalogEntry[];
  'catalog:remove': CatalogEntry[];
  'catalog:importNetbox': NetboxImported;
  'window:state': null;
  'window:close': null;
  'window:new': null;
  'help:openDoc': null;
}

/** The API the preload exposes as `window.rackplane`. */
export interface RackplaneApi {
  invoke<C extends InvokeChannel>(channel: C, ...args: ArgsOf<C>): Promise<IpcResult<ResultOf[C]>>;
  on(channel: 'menu:action', listener: (action: string) => void): () => void;
  on(channel: 'window:closeRequested', listener: () => void): () => void;
  /** Carries a token for `project:openPath`, never a path. */
  on(channel: 'project:openRequested', listener: (token: string) => void): () => void;
  on(channel: 'export:progress', listener: (progress: ExportProgress) => void): () => void;
  on(channel: 'project:reading', listener: () => void): () => void;
}

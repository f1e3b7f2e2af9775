/**
 * One async handler per IPC channel of shared/ipc/contract.ts. Every handler parses its raw arguments
 * with the contract's schema first (the renderer is untrusted) and never throws: failures come back as
 * `{ok:false, reason}` with one line a user can act on. Nothing here imports Electron, so Node tests
 * and the end-to-end harness drive the same code as the app; dialogs and the window are injected.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { z, ZodError } from 'zod';
import { designToDocument, importTopologyJson, loadDocument, type LoadResult } from '../../shared/formats/topology';
import { contract, type AppInfo, type IpcResult, type OpenedProject, type ResultOf } from '../../shared/ipc/contract';
import { APP_EXPORT_FORMAT_INFO, type AppExportFormat, type ExportProgress } from '../../shared/ipc/export-request';
import { svgToDesign } from '../../shared/export/svg';
import type { InvokeChannel } from '../../shared/ipc/channels';
import { emptyDesign, type Design } from '../../shared/model/design';
import { checkProjectSimulation, EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import type { RecoveryClaimsView } from '../app/recovery-claims';
import { UserCatalog } from '../catalog/user-catalog';
import { writeFileAtomic } from '../fs/atomic';
import { PROJECT_EXTENSION, readHeader } from '../project/file-format';
import { addRecent, readRecent, removeRecent } from '../project/recent';
import { newUntitledRecoveryId, RecoveryStore, recoveryIdForPath } from '../project/recovery';
import { openProject, saveProject } from '../project/store';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';
import { ExportService, withExtension } from '../export/export-service';

export interface HandlerDeps {
  /** Holds recent.json, catalog.json and recovery/. */
  userDataDir: string;
  appInfo: AppInfo;
  /** Native dialogs; each resolves to a path, or null when canceled. */
  dialogs: {
    openProject(): Promise<string | null>;
    saveProject(suggestedName: string): Promise<string | null>;
    openTopologyJson(): Promise<string | null>;
    saveTopologyJson(suggestedName: string): Promise<string | null>;
    /** File ▸ Export…: where to write a `format` file. */
    saveExport(suggestedName: string, format: AppExportFormat): Promise<string | null>;
  };
  window: {
    setState(s: { name: string; path: string | null; dirty: boolean; blank?: boolean; view?: { layers: { pcie: boolean; ethernet: boolean; virtual: boolean }; straightLinks: boolean } }): void;
    close(): void;
    /** With several windows: true when another window shows `path` (main then brings it to the front). */
    focusOtherShowing?(path: string): boolean;
    /** File ▸ New Window; absent where the host has a single window (the request is then refused). */
    openNew?(): void;
  };
  /** With several windows: the recovery copies other windows are still writing (electron/app/recovery-claims.ts). */
  recoveryClaims?: RecoveryClaimsView;
  /** The OS recent-documents list (app.addRecentDocument in main); also where main refreshes its menu. */
  addRecentDocument?(path: string): void;
  nativeBinding?: string;
  /** The built export worker (export-worker.js beside main); absent or missing runs exports inline. */
  exportWorker?: string | null;
  /** Sends `export:progress` to the window. */
  exportProgress?(p: ExportProgress): void;
  /** Today's date for PDF title blocks (tests pin it). */
  exportDate?: () => string;
}

export type Handlers = { [C in InvokeChannel]: (...args: unknown[]) => Promise<IpcResult<ResultOf[C]>> };

type ParsedArgs<C extends InvokeChannel> = z.output<(typeof contract)[C]['args']>;
type Impl<C extends InvokeChannel> = (...args: ParsedArgs<C>) => Promise<IpcResult<ResultOf[C]>> | IpcResult<ResultOf[C]>;

/** Largest topology JSON file accepted (matches the export limit of the contract). */
const MAX_TOPOLOGY_BYTES = 512 * 1024 * 1024;

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason: oneLine(reason) });
const CANCELED = { ok: false, canceled: true } as const;

function describeArgs(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return 'invalid value';
  return `${first.path.length ? `argument ${first.path.join('.')}` : 'arguments'}: ${first.message}`;
}

/** Wraps an implementation: schema-check the raw arguments, then turn any exception into a reason. */
function guard<C extends InvokeChannel>(channel: C, impl: Impl<C>): (...args: unknown[]) => Promise<IpcResult<ResultOf[C]>> {
  return async (...raw: unknown[]) => {
    try {
      const parsed = contract[channel].args.safeParse(raw);
      if (!parsed.success) return fail(`${channel}: invalid request (${describeArgs(parsed.error)})`);
      return await (impl as (...a: unknown[]) => Promise<IpcResult<ResultOf[C]>>)(...(parsed.data as unknown[]));
    } catch (e) {
      return fail(e instanceof UserFacingError ? e.message : `${channel} failed: ${describeError(e)}`);
    }
  };
}

/** A file name for the save dialog: the design name without characters file systems refuse. */
export function suggestedFileName(name: string, extension: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 120);
  return `${base || 'Untitled design'}${extension}`;
}

/**
 * Adds `.rackplane` when the chosen name has no extension (Linux dialogs do not add it), unless that
 * would silently replace a different existing file the dialog never asked about.
 */
export function withProjectExtension(path: string): string {
  if (extname(path) !== '') return path;
  const withExt = path + PROJECT_EXTENSION;
  try {
    statSync(withExt);
    return path;
  } catch {
    return withExt;
  }
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const storeOpts = { nativeBinding: deps.nativeBinding };
  const recovery = new RecoveryStore(deps.userDataDir, storeOpts);
  const catalog = new UserCatalog(deps.userDataDir);
  const claims = deps.recoveryClaims;
  const exporter = new ExportService({ workerFile: deps.exportWorker ?? null, progress: deps.exportProgress, date: deps.exportDate });
  // The recovery copy of the never-saved design now in the window; reset whenever another design replaces it.
  let untitledId: string | null = null;
  const untitled = {
    get: () => untitledId,
    set(id: string | null) {
      if (untitledId && untitledId !== id) claims?.release(untitledId);
      untitledId = id;
      if (id) claims?.claim(id);
    },
  };

  const opened = (design: Design, path: string | null, loaded: { repairs: string[]; migrations: string[]; simulation?: ProjectSimulation }): OpenedProject => ({
    path,
    document: designToDocument(design),
    repairs: loaded.repairs,
    migrations: loaded.migrations,
    ...(loaded.simulation ? { simulation: loaded.simulation } : {}),
  });

  const remember = (path: string) => {
    addRecent(deps.userDataDir, path);
    deps.addRecentDocument?.(path);
  };

  const openAt = (rawPath: string): IpcResult<OpenedProject> => {
    const path = resolve(rawPath);
    if (extname(path).toLowerCase() === '.svg') return openSvg(path);
    // Two windows editing one file would overwrite each other's saves.
    if (deps.window.focusOtherShowing?.(path)) return fail(`${quoteName(path)} is already open in another window`);
    const loaded = openProject(path, storeOpts);
    if (!loaded.ok) {
      if (!existsQuietly(path)) removeRecent(deps.userDataDir, path);
      return fail(loaded.reason);
    }
    remember(path);
    untitled.set(null);
    return ok(opened(loaded.design, path, loaded));
  };

  /** An SVG exported by Rackplane opens as a new untitled design named after the file (Save asks where). */
  const openSvg = (path: string): IpcResult<OpenedProject> => {
    const loaded = svgToDesign(readTextFile(path, 'an SVG diagram'));
    if (!loaded.ok) return fail(`${quoteName(path)}: ${loaded.reason}`);
    untitled.set(null);
    const name = basename(path).replace(/\.svg$/i, '') || loaded.design.meta.name;
    return ok(opened({ ...loaded.design, meta: { ...loaded.design.meta, name } }, null, loaded));
  };

  /** Validates a document from the renderer; the reason says what is wrong with it. */
  const designFrom = (document: unknown, action: string): Design => {
    const loaded: LoadResult = loadDocument(document);
    if (!loaded.ok) throw new UserFacingError(`cannot ${action}: the design is invalid (${loaded.reason})`);
    return loaded.design;
  };

  const handlers: Handlers = {
    'app:info': guard('app:info', () => ok(deps.appInfo)),

    'project:new': guard('project:new', () => {
      untitled.set(null);
      return ok(opened(emptyDesign(), null, { repairs: [], migrations: [] }));
    }),

    'project:open': guard('project:open', async () => {
      const path = await deps.dialogs.openProject();
      return path ? openAt(path) : CANCELED;
    }),

    'project:openPath': guard('project:openPath', (path) => openAt(path)),

    'project:save': guard('project:save', async ({ document, path, saveAs, simulation }) => {
      const design = designFrom(document, 'save');
      // The schema checked each entry; this also drops duplicate names, which the tables key on.
      const sim = simulation ? checkProjectSimulation(simulation).simulation : EMPTY_SIMULATION;
      const chosen = path !== null && !saveAs ? path : await deps.dialogs.saveProject(suggestedFileName(design.meta.name, PROJECT_EXTENSION));
      if (!chosen) return CANCELED;
      const target = path !== null && !saveAs ? resolve(chosen) : withProjectExtension(resolve(chosen));
      const revision = design.meta.revision + 1;
      saveProject(target, { ...design, meta: { ...design.meta, revision } }, storeOpts, sim);
      remember(target);
      // The unsaved work is now on disk: its recovery copies (under the old and the new name) are obsolete.
      recovery.discard(recoveryIdForPath(target));
      claims?.release(recoveryIdForPath(target));
      if (path !== null) {
        recovery.discard(recoveryIdForPath(resolve(path)));
        claims?.release(recoveryIdForPath(resolve(path)));
      } else if (untitled.get()) recovery.discard(untitled.get()!);
      untitled.set(null);
      return ok({ path: target, revision });
    }),

    'project:recent': guard('project:recent', () => ok(readRecent(deps.userDataDir))),

    'project:autosave': guard('project:autosave', ({ document, path, simulation }) => {
      const design = designFrom(document, 'write the recovery copy');
      const owner = path === null ? null : resolve(path);
      if (!owner && !untitled.get()) untitled.set(newUntitledRecoveryId());
      const id = owner ? recoveryIdForPath(owner) : untitled.get()!;
      if (claims?.heldElsewhere(id)) throw new UserFacingError('the recovery copy of this design is being written by another window');
      claims?.claim(id);
      // The scenarios and results come back with the recovered design (checked as on save).
      recovery.write(id, design, owner, simulation ? checkProjectSimulation(simulation).simulation : EMPTY_SIMULATION);
      return ok({ id });
    }),

    // Copies other open windows are still writing are their live work, not left over from a crash.
    'project:recoverable': guard('project:recoverable', () => ok(recovery.list().filter((info) => !claims?.heldElsewhere(info.id)))),

    'project:recover': guard('project:recover', (id) => {
      if (claims?.heldElsewhere(id)) return fail('that recovery copy belongs to a design open in another window');
      const { info, loaded } = recovery.read(id);
      if (!loaded.ok) return fail(`the recovery copy of “${info.name}” cannot be opened: ${loaded.reason}`);
      // Two windows on one file would overwrite each other's saves: the user closes the other one first.
      if (info.path !== null && deps.window.focusOtherShowing?.(info.path)) {
        return fail(`${quoteName(info.path)} is open in another window: close it there, then recover this copy from a new window`);
      }
      // Further autosaves of this work keep updating the same copy.
      untitled.set(info.path === null ? id : null);
      if (info.path !== null) claims?.claim(id);
      return ok(opened(loaded.design, info.path, loaded));
    }),

    'project:discardRecovery': guard('project:discardRecovery', (id) => {
      if (claims?.heldElsewhere(id)) return fail('that recovery copy belongs to a design open in another window');
      recovery.discard(id);
      claims?.release(id);
      if (untitled.get() === id) untitled.set(null);
      return ok(null);
    }),

    'topology:import': guard('topology:import', async () => {
      const path = await deps.dialogs.openTopologyJson();
      if (!path) return CANCELED;
      const loaded = importTopologyJson(readTextFile(path, 'a topology JSON file'));
      if (!loaded.ok) return fail(`${quoteName(path)}: ${loaded.reason}`);
      untitled.set(null);
      // An imported topology is a new, unsaved design: saving asks where to put the project file.
      return ok(opened(loaded.design, null, loaded));
    }),

    'topology:export': guard('topology:export', async ({ text, suggestedName }) => {
      const path = await deps.dialogs.saveTopologyJson(suggestedFileName(suggestedName.replace(/\.json$/i, ''), '.json'));
      if (!path) return CANCELED;
      const target = resolve(path);
      refuseOverwritingDatabase(target);
      try {
        writeFileAtomic(target, text);
      } catch (e) {
        throw new UserFacingError(`cannot write ${quoteName(target)}: ${describeError(e)}`);
      }
      return ok({ path: target });
    }),

    'export:write': guard('export:write', async ({ document, options, suggestedName }) => {
      const design = designFrom(document, 'export');
      if (exporter.running) return fail('an export is already running: wait for it to finish or cancel it');
      const { extension } = APP_EXPORT_FORMAT_INFO[options.format];
      const path = await deps.dialogs.saveExport(suggestedFileName(suggestedName, extension), options.format);
      if (!path) return CANCELED;
      const target = withExtension(resolve(path), extension);
      refuseOverwritingDatabase(target, `the ${options.format.toUpperCase()}`);
      return exporter.write(design, options, target);
    }),

    'export:cancel': guard('export:cancel', () => ok(exporter.cancel())),

    'catalog:list': guard('catalog:list', () => ok(catalog.list())),
    'catalog:add': guard('catalog:add', (entry) => ok(catalog.add(entry))),
    'catalog:remove': guard('catalog:remove', (id) => ok(catalog.remove(id))),

    'window:state': guard('window:state', (state) => {
      deps.window.setState(state);
      return ok(null);
    }),

    'window:new': guard('window:new', () => {
      if (!deps.window.openNew) return fail('this Rackplane host cannot open another window');
      deps.window.openNew();
      return ok(null);
    }),

    'window:close': guard('window:close', () => {
      deps.window.close();
      return ok(null);
    }),
  };
  return handlers;
}

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a topology JSON file (or an SVG carrying one), refusing folders and files too large to hold a topology. */
function readTextFile(path: string, what: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UserFacingError(`${quoteName(path)} is a folder, not ${what}`);
    if (st.size > MAX_TOPOLOGY_BYTES) throw new UserFacingError(`${quoteName(path)} is larger than 512 MiB: not ${what}`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError(`cannot read ${quoteName(path)}: ${describeError(e)}`);
  }
}

/** An export must never replace a project or another database that happens to be picked in the dialog. */
function refuseOverwritingDatabase(path: string, what = 'the JSON'): void {
  let kind: string;
  try {
    kind = readHeader(path).kind;
  } catch {
    return; // missing (the usual case) or unreadable: the write reports real problems
  }
  if (kind === 'rackplane' || kind === 'foreign') {
    throw new UserFacingError(`${quoteName(path)} is a database (perhaps a Rackplane project): export ${what} under another name`);
  }
}

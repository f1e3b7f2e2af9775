/**
 * One async handler per IPC channel of shared/ipc/contract.ts. Every handler parses its raw arguments
 * with the contract's schema first (the renderer is untrusted) and never throws: failures come back as
 * `{ok:false, reason}` with one line a user can act on. Nothing here imports Electron, so Node tests
 * and the end-to-end harness drive the same code as the app; dialogs and the window are injected.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { z, ZodError } from 'zod';
import { designToDocument, importTopologyJson, loadDocument, type LoadResult } from '../../shared/formats/topology';
import { contract, type AppInfo, type IpcResult, type OpenedProject, type ResultOf } from '../../shared/ipc/contract';
import type { InvokeChannel } from '../../shared/ipc/channels';
import { emptyDesign, type Design } from '../../shared/model/design';
import { checkProjectSimulation, EMPTY_SIMULATION, type ProjectSimulation } from '../../shared/sim/persist';
import { UserCatalog } from '../catalog/user-catalog';
import { writeFileAtomic } from '../fs/atomic';
import { PROJECT_EXTENSION, readHeader } from '../project/file-format';
import { addRecent, readRecent, removeRecent } from '../project/recent';
import { newUntitledRecoveryId, RecoveryStore, recoveryIdForPath } from '../project/recovery';
import { openProject, saveProject } from '../project/store';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';

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
  };
  window: { setState(s: { name: string; path: string | null; dirty: boolean }): void; close(): void };
  /** The OS recent-documents list (app.addRecentDocument in main); also where main refreshes its menu. */
  addRecentDocument?(path: string): void;
  nativeBinding?: string;
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
  // The recovery copy of the never-saved design now in the window; reset whenever another design replaces it.
  let untitledRecoveryId: string | null = null;

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
    const loaded = openProject(path, storeOpts);
    if (!loaded.ok) {
      if (!existsQuietly(path)) removeRecent(deps.userDataDir, path);
      return fail(loaded.reason);
    }
    remember(path);
    untitledRecoveryId = null;
    return ok(opened(loaded.design, path, loaded));
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
      untitledRecoveryId = null;
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
      if (path !== null) recovery.discard(recoveryIdForPath(resolve(path)));
      else if (untitledRecoveryId) recovery.discard(untitledRecoveryId);
      untitledRecoveryId = null;
      return ok({ path: target, revision });
    }),

    'project:recent': guard('project:recent', () => ok(readRecent(deps.userDataDir))),

    'project:autosave': guard('project:autosave', ({ document, path }) => {
      const design = designFrom(document, 'write the recovery copy');
      const owner = path === null ? null : resolve(path);
      const id = owner ? recoveryIdForPath(owner) : (untitledRecoveryId ??= newUntitledRecoveryId());
      recovery.write(id, design, owner);
      return ok({ id });
    }),

    'project:recoverable': guard('project:recoverable', () => ok(recovery.list())),

    'project:recover': guard('project:recover', (id) => {
      const { info, loaded } = recovery.read(id);
      if (!loaded.ok) return fail(`the recovery copy of “${info.name}” cannot be opened: ${loaded.reason}`);
      // Further autosaves of this work keep updating the same copy.
      untitledRecoveryId = info.path === null ? id : null;
      return ok(opened(loaded.design, info.path, loaded));
    }),

    'project:discardRecovery': guard('project:discardRecovery', (id) => {
      recovery.discard(id);
      if (untitledRecoveryId === id) untitledRecoveryId = null;
      return ok(null);
    }),

    'topology:import': guard('topology:import', async () => {
      const path = await deps.dialogs.openTopologyJson();
      if (!path) return CANCELED;
      const loaded = importTopologyJson(readTextFile(path));
      if (!loaded.ok) return fail(`${quoteName(path)}: ${loaded.reason}`);
      untitledRecoveryId = null;
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

    'catalog:list': guard('catalog:list', () => ok(catalog.list())),
    'catalog:add': guard('catalog:add', (entry) => ok(catalog.add(entry))),
    'catalog:remove': guard('catalog:remove', (id) => ok(catalog.remove(id))),

    'window:state': guard('window:state', (state) => {
      deps.window.setState(state);
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

/** Reads a topology JSON file, refusing folders and files too large to be a topology. */
function readTextFile(path: string): string {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UserFacingError(`${quoteName(path)} is a folder, not a topology JSON file`);
    if (st.size > MAX_TOPOLOGY_BYTES) throw new UserFacingError(`${quoteName(path)} is larger than 512 MiB: not a topology JSON file`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    throw new UserFacingError(`cannot read ${quoteName(path)}: ${describeError(e)}`);
  }
}

/** An export must never replace a project or another database that happens to be picked in the dialog. */
function refuseOverwritingDatabase(path: string): void {
  let kind: string;
  try {
    kind = readHeader(path).kind;
  } catch {
    return; // missing (the usual case) or unreadable: the write reports real problems
  }
  if (kind === 'rackplane' || kind === 'foreign') {
    throw new UserFacingError(`${quoteName(path)} is a database (perhaps a Rackplane project): export the JSON under another name`);
  }
}

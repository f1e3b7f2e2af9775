/**
 * One async handler per IPC channel of shared/ipc/contract.ts. Every handler parses its raw arguments
 * with the contract's schema first (the renderer is untrusted) and never throws: failures come back as
 * `{ok:false, reason}` with one line a user can act on. Nothing here imports Electron, so Node tests
 * and the end-to-end harness drive the same code as the app; dialogs and the window are injected.
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { z, ZodError } from 'zod';
import { designToDocument, loadDocument, type LoadResult } from '../../shared/formats/topology';
import { generate } from '../../shared/generate';
import { contract, type AppInfo, type IpcResult, type OpenedProject, type RecoveryInfo, type ResultOf } from '../../shared/ipc/contract';
import { APP_EXPORT_FORMAT_INFO, type AppExportFormat, type ExportProgress } from '../../shared/ipc/export-request';
import type { DocPage, InvokeChannel } from '../../shared/ipc/channels';
import { emptyDesign, type Design } from '../../shared/model/design';
import type { ProjectSimulation } from '../../shared/sim/persist';
import type { RecoveryClaimsView } from '../app/recovery-claims';
import { UserCatalog } from '../catalog/user-catalog';
import { appFileName, importNetboxIntoCatalog } from '../catalog/netbox-import';
import { NETBOX_UNKNOWNS } from '../../shared/formats/netbox';
import { writeFileAtomic } from '../fs/atomic';
import { PROJECT_EXTENSION, readHeader } from '../project/file-format';
import { addRecent, readRecent, removeRecent } from '../project/recent';
import { newFileRecoveryId, newUntitledRecoveryId, RecoveryStore, sealRecoveryPath, type StoredRecovery } from '../project/recovery';
import { OpenReader } from '../project/open-reader';
import { DesignWriteJob } from '../project/design-write-job';
import { sameFile } from '../project/same-file';
import { describeError, oneLine, quoteName, UserFacingError } from '../util/messages';
import { ExportService, withExtension } from '../export/export-service';
import { PathTokens, UNKNOWN_TOKEN } from './path-tokens';

export interface HandlerDeps {
  /** Holds recent.json, catalog.json and recovery/. */
  userDataDir: string;
  appInfo: AppInfo;
  /** Native dialogs; each resolves to a path, or null when canceled. */
  dialogs: {
    openProject(): Promise<string | null>;
    saveProject(suggestedName: string): Promise<string | null>;
    openTopologyJson(): Promise<string | null>;
    /** File ▸ Import lspci Capture…: the capture, and optionally its `lspci -tv` tree picked with it (one or two paths). */
    openLspci(): Promise<string[] | null>;
    saveTopologyJson(suggestedName: string): Promise<string | null>;
    /** The catalog dialog's Import NetBox…: the device-type library YAML files picked (one or more). */
    openNetbox(): Promise<string[] | null>;
    /** File ▸ Generate…: the folder to write deployment configuration into (created by the dialog if new). */
    chooseGenerateFolder(target: string): Promise<string | null>;
    /** File ▸ Export…: where to write a `format` file. */
    saveExport(suggestedName: string, format: AppExportFormat): Promise<string | null>;
    /** Save As chose `path`, which another window shows: true to replace it anyway (a message box). */
    confirmReplaceOpen(path: string): Promise<boolean>;
  };
  /**
   * The tokens this window's page was given for paths (recent entries, files the OS asked to open); main.ts
   * issues them for `project:openRequested`. Created here when absent.
   */
  pathTokens?: PathTokens;
  window: {
    setState(s: { name: string; path: string | null; dirty: boolean; blank?: boolean; view?: { layers: { pcie: boolean; ethernet: boolean; virtual: boolean }; straightLinks: boolean; minimap: boolean } }): void;
    close(): void;
    /** With several windows: true when another window shows `path` (main then brings it to the front). */
    focusOtherShowing?(path: string): boolean;
    /** With several windows: true when another window shows `path` (nothing is focused). */
    otherShowing?(path: string): boolean;
    /** File ▸ New Window; absent where the host has a single window (the request is then refused). */
    openNew?(): void;
  };
  /** With several windows: the recovery copies other windows are still writing (electron/app/recovery-claims.ts). */
  recoveryClaims?: RecoveryClaimsView;
  /** The OS recent-documents list (app.addRecentDocument in main); also where main refreshes its menu. */
  addRecentDocument?(path: string): void;
  nativeBinding?: string;
  /** The built file-reading worker (project-worker.js beside main); absent or missing reads inline (open-job.ts). */
  projectWorker?: string | null;
  /** Extra arguments for that worker (tests run its TypeScript entry through a loader). */
  projectWorkerArgv?: string[];
  /** Designs with fewer records are saved on main, faster than starting the worker (design-write-job.ts; tests pass 0). */
  inlineSaveBelowRecords?: number;
  /** The built export worker (export-worker.js beside main); absent or missing runs exports inline. */
  exportWorker?: string | null;
  /** Sends `export:progress` to the window. */
  exportProgress?(p: ExportProgress): void;
  /** Sends `project:reading` to the window when a file read starts (after the Open dialog, if any). */
  readingStarted?(): void;
  /** Opens a bundled guide; resolves to null, or why it could not (absent: this installation has no docs). */
  openDoc?(page: DocPage): Promise<string | null>;
  /** Today's date for PDF title blocks (tests pin it). */
  exportDate?: () => string;
}

export type Handlers = { [C in InvokeChannel]: (...args: unknown[]) => Promise<IpcResult<ResultOf[C]>> };

type ParsedArgs<C extends InvokeChannel> = z.output<(typeof contract)[C]['args']>;
type Impl<C extends InvokeChannel> = (...args: ParsedArgs<C>) => Promise<IpcResult<ResultOf[C]>> | IpcResult<ResultOf[C]>;

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
  // How file names compare (same-file.ts): case-insensitively where the platform's file systems usually are.
  const platform = deps.appInfo.platform;
  // Opening and importing read in a worker thread with a deadline; `project:cancelOpen` stops the read.
  const reader = new OpenReader({ workerFile: deps.projectWorker ?? null, workerArgv: deps.projectWorkerArgv, nativeBinding: deps.nativeBinding, onStart: deps.readingStarted, platform });
  // Saves and recovery copies are checked and written in the same worker (design-write-job.ts), off main's event loop.
  const writeOpts = { workerFile: deps.projectWorker ?? null, workerArgv: deps.projectWorkerArgv, nativeBinding: deps.nativeBinding, inlineBelowRecords: deps.inlineSaveBelowRecords };
  const exporter = new ExportService({ workerFile: deps.exportWorker ?? null, progress: deps.exportProgress, date: deps.exportDate });
  const tokens = deps.pathTokens ?? new PathTokens();
  // Paths never come from the page (docs/security.md): `file` is the project this window opened or saved,
  // the only file `project:save` writes without a dialog and the one its recovery copy belongs to.
  let file: string | null = null;
  // The recovery copy this window writes: a fresh id per design (so a damaged or crashed copy of the same
  // file is never overwritten or blocks autosave), kept when recovered work goes on being edited.
  let copyId: string | null = null;
  const copy = {
    get: () => copyId,
    set(id: string | null) {
      if (copyId && copyId !== id) claims?.release(copyId);
      copyId = id;
      if (id) claims?.claim(id);
    },
  };
  // Recovery ids this page was told about (listed, or its own copy): the only ones it may recover or discard.
  const knownCopies = new Set<string>();
  // What the window holds (`file`, its copy) changes in request order: a save or autosave awaiting its worker and an
  // open or recover finishing meanwhile must not interleave (a save would adopt its file after another design
  // filled the window; an autosave would write a copy the save just discarded). Dialogs stay outside.
  let turn: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(step: () => T | Promise<T>): Promise<T> => {
    const run = turn.then(step, step);
    turn = run.catch(() => undefined);
    return run;
  };
  /**
   * A copy as the page may see and recover it: its file only when main recorded that path (the sidecar's seal) or
   * the file is in main's own recent list; otherwise (an older build took the path from the page) it is untitled work.
   */
  const trusted = (infos: StoredRecovery[]): RecoveryInfo[] => {
    const recent = infos.some((i) => i.path !== null && !i.sealed) ? new Set(readRecent(deps.userDataDir)) : new Set<string>();
    return infos.map(({ sealed, ...shown }) => (shown.path === null || sealed || recent.has(shown.path) ? shown : { ...shown, path: null }));
  };
  /** Another design now fills the window. */
  const adopt = (path: string | null, recoveryId: string | null) => {
    file = path;
    copy.set(recoveryId);
    if (recoveryId) knownCopies.add(recoveryId);
  };
  /** Copies left by sessions that ended with unsaved work on `path` (none another window is writing). */
  const crashCopiesOf = (path: string): RecoveryInfo[] => {
    const found = trusted(recovery.list()).filter((info) => info.path === path && !claims?.heldElsewhere(info.id));
    for (const info of found) knownCopies.add(info.id);
    return found;
  };

  const opened = (design: Design, path: string | null, loaded: { repairs: string[]; migrations: string[]; simulation?: ProjectSimulation; damage?: string }): OpenedProject => ({
    // A file that changed outside Rackplane opens as an unsaved copy: Save asks for a new name.
    path: loaded.damage ? null : path,
    document: designToDocument(design),
    repairs: loaded.repairs,
    migrations: loaded.migrations,
    ...(loaded.simulation ? { simulation: loaded.simulation } : {}),
    ...(loaded.damage ? { warning: loaded.damage } : {}),
  });

  const remember = (path: string) => {
    addRecent(deps.userDataDir, path);
    deps.addRecentDocument?.(path);
  };

  /** `rawPath` comes from main's own dialog or a token main issued, never from the page. */
  const openAt = async (rawPath: string): Promise<IpcResult<OpenedProject>> => {
    const path = resolve(rawPath);
    if (extname(path).toLowerCase() === '.svg') return openSvg(path);
    // Two windows editing one file would overwrite each other's saves.
    if (deps.window.focusOtherShowing?.(path)) return fail(`${quoteName(path)} is already open in another window`);
    const loaded = await reader.read('project', path);
    if (!loaded.ok) {
      if ('canceled' in loaded) return CANCELED;
      if (!existsQuietly(path)) removeRecent(deps.userDataDir, path);
      return fail(loaded.reason);
    }
    remember(path);
    return inOrder(() => {
      adopt(loaded.damage ? null : path, null);
      const result = opened(loaded.design, path, loaded);
      // Unsaved work on this file from a session that crashed: the page offers it before the design can be edited.
      const copies = loaded.damage ? [] : crashCopiesOf(path);
      return ok(copies.length ? { ...result, recovery: copies } : result);
    });
  };

  /** An SVG exported by Rackplane opens as a new untitled design named after the file (Save asks where). */
  const openSvg = async (path: string): Promise<IpcResult<OpenedProject>> => {
    const loaded = await reader.read('svg', path);
    if (!loaded.ok) return 'canceled' in loaded ? CANCELED : fail(loaded.reason);
    await inOrder(() => adopt(null, null));
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

    'project:new': guard('project:new', async () => {
      await inOrder(() => adopt(null, null));
      return ok(opened(emptyDesign(), null, { repairs: [], migrations: [] }));
    }),

    'project:open': guard('project:open', async () => {
      const path = await deps.dialogs.openProject();
      return path ? openAt(path) : CANCELED;
    }),

    // A token from `project:recent` or `project:openRequested`; anything else gets the same sentence.
    'project:openPath': guard('project:openPath', (token) => {
      const path = tokens.resolve(token);
      return path === null ? fail(UNKNOWN_TOKEN) : openAt(path);
    }),

    'project:save': guard('project:save', async ({ document, saveAs, simulation }) => {
      // Checked (and later written) in the worker: an invalid design is refused before any dialog.
      const job = await DesignWriteJob.check({ document, simulation }, 'save', writeOpts);
      try {
        // Without a dialog, only the file this window opened or saved; with none, Save asks like Save As.
        const own = saveAs ? null : file;
        const chosen = own ?? (await deps.dialogs.saveProject(suggestedFileName(job.name, PROJECT_EXTENSION)));
        if (!chosen) return CANCELED;
        const target = own ?? withProjectExtension(resolve(chosen));
        // The window's own file by another name (case on macOS and Windows, a link) is still its own.
        const isOwn = file !== null && sameFile(target, file, platform);
        // Another window shows that file: its unsaved work stays in that window and its recovery copy, but ask first.
        if (!isOwn && deps.window.otherShowing?.(target) && !(await deps.dialogs.confirmReplaceOpen(target))) return CANCELED;
        return await inOrder(async () => {
          reader.refuseOverwritingDamaged(target);
          const revision = job.revision + 1;
          await job.saveAs(target, revision);
          remember(target);
          // This window's unsaved work is on disk now: its own recovery copy is obsolete. Copies of other
          // windows or of crashed sessions (even of this file) are someone's work and stay.
          const obsolete = copy.get();
          if (obsolete) {
            recovery.discard(obsolete);
            knownCopies.delete(obsolete);
          }
          adopt(target, null);
          return ok({ path: target, revision });
        });
      } finally {
        job.end();
      }
    }),

    'project:recent': guard('project:recent', () => ok(readRecent(deps.userDataDir).map((path) => ({ path, token: tokens.issue(path) })))),

    'project:autosave': guard('project:autosave', ({ document, simulation }) =>
      inOrder(async () => {
        // The scenarios and results come back with the recovered design (checked as on save, in the worker).
        const job = await DesignWriteJob.check({ document, simulation }, 'write the recovery copy', writeOpts);
        try {
          const fresh = () => (file ? newFileRecoveryId() : newUntitledRecoveryId());
          if (!copy.get()) copy.set(fresh());
          let id = copy.get()!;
          if (claims?.heldElsewhere(id)) throw new UserFacingError('the recovery copy of this design is being written by another window');
          knownCopies.add(id);
          // Main seals the file it records, so only a path it chose is ever adopted on recovery (recovery.ts).
          const write = (copyId: string) => job.writeRecovery(deps.userDataDir, copyId, file, file === null ? null : sealRecoveryPath(copyId, file));
          try {
            await write(id);
          } catch {
            // The copy cannot be replaced (damaged, say): keep it as it is and write this work to a new one.
            id = fresh();
            copy.set(id);
            knownCopies.add(id);
            await write(id);
          }
          return ok({ id });
        } finally {
          job.end();
        }
      }),
    ),

    // Copies other open windows are still writing are their live work, not left over from a crash.
    'project:recoverable': guard('project:recoverable', () => {
      const list = trusted(recovery.list()).filter((info) => !claims?.heldElsewhere(info.id));
      for (const info of list) knownCopies.add(info.id);
      return ok(list);
    }),

    'project:recover': guard('project:recover', async (id) => {
      if (claims?.heldElsewhere(id)) return fail('that recovery copy belongs to a design open in another window');
      // Only copies main listed to this page or wrote for it: a guessed id is refused before touching disk.
      if (!knownCopies.has(id)) return fail(NO_SUCH_COPY);
      const located = recovery.locate(id);
      const info = trusted([located.info])[0]!;
      // Read off the event loop like any opened file (deadline, cancel): the copy may be damaged too.
      const loaded = await reader.read('project', located.project);
      if (!loaded.ok) return 'canceled' in loaded ? CANCELED : fail(`the recovery copy of “${info.name}” cannot be opened: ${loaded.reason}`);
      // Two windows on one file would overwrite each other's saves: the user closes the other one first.
      if (info.path !== null && deps.window.focusOtherShowing?.(info.path)) {
        return fail(`${quoteName(info.path)} is open in another window: close it there, then recover this copy from a new window`);
      }
      return inOrder(() => {
        // Further autosaves of this work keep updating the same copy.
        adopt(info.path, id);
        const result = opened(loaded.design, info.path, loaded);
        // A file path main cannot vouch for is never adopted: Save then asks where (recovery.ts, "seal").
        if (info.path === null && located.info.path !== null && !result.warning) {
          return ok({ ...result, warning: UNVERIFIED_COPY_PATH });
        }
        return ok(result);
      });
    }),

    'project:discardRecovery': guard('project:discardRecovery', (id) => {
      if (claims?.heldElsewhere(id)) return fail('that recovery copy belongs to a design open in another window');
      // Only copies main listed to this page or wrote for it: a guessed id is refused before touching disk.
      if (!knownCopies.has(id)) return fail(NO_SUCH_COPY);
      return inOrder(() => {
        recovery.discard(id);
        knownCopies.delete(id);
        if (copy.get() === id) copy.set(null);
        else claims?.release(id);
        return ok(null);
      });
    }),

    'topology:import': guard('topology:import', async () => {
      const path = await deps.dialogs.openTopologyJson();
      if (!path) return CANCELED;
      const loaded = await reader.read('topology', path);
      if (!loaded.ok) return 'canceled' in loaded ? CANCELED : fail(loaded.reason);
      await inOrder(() => adopt(null, null));
      // An imported topology is a new, unsaved design: saving asks where to put the project file.
      return ok(opened(loaded.design, null, loaded));
    }),

    'lspci:import': guard('lspci:import', async () => {
      const paths = await deps.dialogs.openLspci();
      if (!paths || paths.length === 0) return CANCELED;
      if (paths.length > 2) return fail('pick the lspci -vvv capture and, if you have it, its lspci -tv tree: two files at most');
      const loaded = await reader.read('lspci', paths[0]!, paths[1]);
      if (!loaded.ok) return 'canceled' in loaded ? CANCELED : fail(loaded.reason);
      await inOrder(() => adopt(null, null));
      // A new, unsaved design like an imported topology; what the import derived or guessed goes with it once.
      return ok({ ...opened(loaded.design, null, loaded), ...(loaded.notes?.length ? { notes: loaded.notes } : {}) });
    }),

    'generate:write': guard('generate:write', async ({ document, target }) => {
      // The design comes from the page and is checked like a save; the folder only from main's own dialog.
      const design = designFrom(document, 'generate');
      const generated = generate(design, target);
      const folder = await deps.dialogs.chooseGenerateFolder(target);
      if (!folder) return CANCELED;
      const root = resolve(folder);
      try {
        for (const f of generated.files) {
          const path = join(root, f.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileAtomic(path, f.text);
        }
      } catch (e) {
        return fail(`cannot write into ${quoteName(root)}: ${describeError(e)}`);
      }
      return ok({ folder: root, files: generated.files.length, notes: generated.notes });
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

    'project:cancelOpen': guard('project:cancelOpen', () => ok(reader.cancel())),

    'catalog:list': guard('catalog:list', () => ok(catalog.list())),
    'catalog:add': guard('catalog:add', (entry) => ok(catalog.add(entry))),
    'catalog:remove': guard('catalog:remove', (id) => ok(catalog.remove(id))),
    'catalog:importNetbox': guard('catalog:importNetbox', async () => {
      const paths = await deps.dialogs.openNetbox();
      if (!paths || paths.length === 0) return CANCELED;
      // Messages name files by their library path (module-types/…), never the full path the dialog returned.
      const r = importNetboxIntoCatalog(catalog, paths, appFileName);
      if (!r.ok) return fail(`nothing was imported: ${r.errors[0]}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more unusable file(s))` : ''}`);
      const { files, notes, imported } = r.value;
      const lines = [...files.flatMap((f) => [f.summary, ...f.notes.map((n) => `  ${n}`)]), ...notes, NETBOX_UNKNOWNS];
      return ok({ catalog: r.value.catalog, imported: imported.map((e) => e.id), lines });
    }),

    'window:state': guard('window:state', (state) => {
      // The page says whether it shows a file; which file is main's to know (routing, title, proxy icon).
      deps.window.setState({ ...state, path: state.path === null ? null : file });
      return ok(null);
    }),

    'window:new': guard('window:new', () => {
      if (!deps.window.openNew) return fail('this Rackplane host cannot open another window');
      deps.window.openNew();
      return ok(null);
    }),

    'help:openDoc': guard('help:openDoc', async (page) => {
      if (!deps.openDoc) return fail('this installation has no documentation folder');
      const failure = await deps.openDoc(page);
      return failure ? fail(`could not open docs/${page}.md: ${failure}`) : ok(null);
    }),

    'window:close': guard('window:close', () => {
      deps.window.close();
      return ok(null);
    }),
  };
  return handlers;
}

const NO_SUCH_COPY = 'no such recovery copy: it may have been recovered or discarded already';
const UNVERIFIED_COPY_PATH =
  'this recovery copy was written by an older Rackplane that did not record its file in a way this one can verify: it is open as an unsaved design; save it under a name';

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
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

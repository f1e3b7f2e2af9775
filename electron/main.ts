/**
 * The main process, kept thin: hardened windows (one per open project), the app:// protocol, the menu,
 * native dialogs and the IPC wiring. Logic lives in modules tested under Node (ipc/handlers.ts,
 * project/*, app/*; which window a project goes to is app/windows.ts).
 */
import { app, BrowserWindow, dialog, Menu, nativeTheme, protocol, screen, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { resolveElectronBinding } from '../scripts/electron-native-paths.mjs';
import { projectPathsFromArgv } from './app/argv';
import { externalLinkToOpen } from './app/external-links';
import { documentationFolder } from './app/documentation';
import { buildMenuTemplate, type MenuViewState } from './app/menu';
import { originOf } from './app/origin';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, CSP, devCsp, resolveAppPath, responseHeaders } from './app/protocol';
import { readPreferences, saveTheme, type ThemeSource } from './app/preferences';
import { debounce, initialWindowBounds, MIN_SIZE, readWindowState, writeWindowState } from './app/window-bounds';
import { windowTitle } from './app/window-state';
import { cascadedBounds, pathComparer, WindowRegistry, type OpenRoute } from './app/windows';
import { RecoveryClaims } from './app/recovery-claims';
import { createHandlers, type HandlerDeps, type Handlers } from './ipc/handlers';
import { events, registerHandlers } from './ipc/register';
import { PathTokens } from './ipc/path-tokens';
import { readRecent } from './project/recent';
import { describeError } from './util/messages';
import { APP_EXPORT_FORMAT_INFO } from '../shared/ipc/export-request';

const isMac = process.platform === 'darwin';
// electron-vite sets ELECTRON_RENDERER_URL in `dev` only; a packaged app never trusts it.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl)].filter((o): o is string => o !== null) : [])];
const rendererDir = join(__dirname, '../renderer');

// Must happen before `ready`: a standard, secure scheme gives the page a real origin for module workers.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Every open window, keyed by its webContents id (what an IPC event names as its sender).
const registry = new WindowRegistry(pathComparer(process.platform));
const windows = new Map<number, { win: BrowserWindow; handlers: Handlers }>();
const recoveryClaims = new RecoveryClaims();
// Projects the OS asked to open before the app was ready (command line, macOS open-file at launch).
const startupPaths: string[] = [];
// Set by Quit: once every window has closed (each dirty one after its own prompt) the app exits, on macOS too.
let quitting = false;

/** In development Electron loads the addon built by scripts/ensure-electron-native.mjs; packaged builds are rebuilt by electron-builder. */
function sqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const binding = resolveElectronBinding({
    root: app.getAppPath(),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    env: process.env,
  });
  if (!binding.exists) {
    console.error(`rackplane: no better-sqlite3 build for Electron at ${binding.path}: run "npm start" (its prestart builds it)`);
    return undefined;
  }
  return binding.path;
}

const PROJECT_FILTER = { name: 'Rackplane project', extensions: ['rackplane'] };
const JSON_FILTER = { name: 'Topology JSON', extensions: ['json'] };
// File ▸ Open also reopens an SVG exported by Rackplane (it embeds the design).
const SVG_FILTER = { name: 'Rackplane SVG diagram', extensions: ['svg'] };

/** Dialogs are sheets of (modal to) the window that asked, so two windows never mix up their answers. */
async function pickOpen(parent: BrowserWindow, options: OpenDialogOptions): Promise<string | null> {
  const r = parent.isDestroyed() ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

async function pickSave(parent: BrowserWindow, options: SaveDialogOptions): Promise<string | null> {
  const r = parent.isDestroyed() ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Save As chose a file another window shows: Replace or Cancel, modal to the window that saves. */
async function confirmReplaceOpen(parent: BrowserWindow, path: string): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `“${basename(path)}” is open in another window`,
    detail: 'Saving here replaces the file that window shows. Its unsaved changes stay in that window and in its recovery copy.',
  };
  const r = parent.isDestroyed() ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
  return r.response === 0;
}

const saveOptions = (title: string, name: string, filter: { name: string; extensions: string[] }): SaveDialogOptions => ({
  title,
  defaultPath: join(app.getPath('documents'), name),
  filters: [filter],
  properties: ['showOverwriteConfirmation', 'createDirectory'],
});

const logLine = (line: string) => console.warn(line);

/** View ▸ Theme: persisted, applied to nativeTheme (the renderer follows via prefers-color-scheme). */
function setTheme(theme: ThemeSource): void {
  nativeTheme.themeSource = theme;
  try {
    saveTheme(app.getPath('userData'), theme, logLine);
  } catch (e) {
    logLine(`rackplane: could not save the theme choice: ${describeError(e)}`);
  }
  refreshMenu();
}

async function openDocumentation(folder: string): Promise<void> {
  // openPath resolves to an error message, or '' on success.
  const failure = await shell.openPath(folder);
  if (failure) void dialog.showMessageBox({ type: 'warning', message: 'Could not open the documentation', detail: `${folder}: ${failure}` });
}

/** View ▸ Layers and Straight Links per window (webContents id), as last reported in `window:state`. */
const menuViews = new Map<number, MenuViewState>();

function refreshMenu(): void {
  const docs = documentationFolder({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, exists: existsSync });
  const template = buildMenuTemplate({
    isMac,
    isDev: !app.isPackaged,
    recent: readRecent(app.getPath('userData')),
    // Menu commands go to the window in front, as in any document-based app. A macOS app with no window
    // left has no page to ask: New Window (and New, Open) then open a window, whose start screen offers both.
    send: (action) => {
      const target = focusedWindow();
      if (target) events.menuAction(target.webContents, action);
      else if (action === 'file.newWindow' || action === 'file.new' || action === 'file.open') createWindow();
    },
    openRecent: (path) => route(registry.routeMenuOpen(path), path),
    theme: nativeTheme.themeSource,
    setTheme,
    // The front window's layers and routing, so the View menu's check marks match its canvas.
    view: menuViews.get(registry.focusedId() ?? -1),
    ...(docs ? { openDocumentation: () => void openDocumentation(docs) } : {}),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function focusedWindow(): BrowserWindow | null {
  const id = registry.focusedId();
  return id === null ? null : (windows.get(id)?.win ?? null);
}

function bringToFront(id: number): void {
  const w = windows.get(id)?.win;
  // A window still loading is shown (and so focused) by its ready-to-show; showing it now would flash it blank.
  if (!w || w.isDestroyed() || !w.isVisible()) return;
  if (w.isMinimized()) w.restore();
  w.focus();
}

/** Acts on the registry's answer for a project to open (electron/app/windows.ts has the rules). */
function route(to: OpenRoute, path: string): void {
  if (to.kind === 'focus') return bringToFront(to.id);
  const id = to.kind === 'new' ? createWindow() : to.id;
  registry.deliver(id, path);
  if (to.kind === 'deliver') bringToFront(id);
}

/** A project from the command line, a file association, a second launch or macOS open-file. */
function openFromOs(path: string): void {
  if (!app.isReady()) {
    if (!startupPaths.includes(path)) startupPaths.push(path);
    return;
  }
  route(registry.routeOsOpen(path), path);
}

/** The IPC handlers of one window: its own dialogs (parented to it), title, close guard and recovery copies. */
function handlerDeps(w: BrowserWindow, id: number, pathTokens: PathTokens): HandlerDeps {
  return {
    userDataDir: app.getPath('userData'),
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 },
      platform: process.platform,
    },
    dialogs: {
      openProject: () => pickOpen(w, { title: 'Open Project', properties: ['openFile'], filters: [{ name: 'Rackplane project or SVG', extensions: ['rackplane', 'svg'] }, PROJECT_FILTER, SVG_FILTER] }),
      saveProject: (name) => pickSave(w, saveOptions('Save Project', name, PROJECT_FILTER)),
      openTopologyJson: () => pickOpen(w, { title: 'Import Topology JSON', properties: ['openFile'], filters: [JSON_FILTER] }),
      openLspci: async () => {
        const options: OpenDialogOptions = { title: 'Import lspci Capture (pick the lspci -vvv text, and its lspci -tv tree if you have one)', properties: ['openFile', 'multiSelections'], filters: [{ name: 'lspci text', extensions: ['txt', 'log', 'lspci'] }, { name: 'All files', extensions: ['*'] }] };
        const r = w.isDestroyed() ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(w, options);
        return r.canceled ? null : r.filePaths;
      },
      saveTopologyJson: (name) => pickSave(w, saveOptions('Export Topology JSON', name, JSON_FILTER)),
      openNetbox: async () => {
        const options: OpenDialogOptions = { title: 'Import NetBox Device Types (pick the library\'s .yaml files)', properties: ['openFile', 'multiSelections'], filters: [{ name: 'NetBox device-type YAML', extensions: ['yaml', 'yml'] }, { name: 'All files', extensions: ['*'] }] };
        const r = w.isDestroyed() ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(w, options);
        return r.canceled ? null : r.filePaths;
      },
      chooseGenerateFolder: (target) => pickOpen(w, { title: `Generate ${target} configuration into…`, properties: ['openDirectory', 'createDirectory'] }),
      saveExport: (name, format) => pickSave(w, saveOptions('Export', name, { name: APP_EXPORT_FORMAT_INFO[format].filter, extensions: [APP_EXPORT_FORMAT_INFO[format].extension.slice(1)] })),
      confirmReplaceOpen: (path) => confirmReplaceOpen(w, path),
    },
    pathTokens,
    // An inspector field's "docs" link: the page names a guide, main finds it in this installation's docs folder.
    openDoc: async (page) => {
      const docs = documentationFolder({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, exists: existsSync });
      if (!docs) return 'this installation has no documentation folder';
      return (await shell.openPath(join(docs, `${page}.md`))) || null;
    },
    // Built beside index.js (electron.vite.config.mts); rendering there keeps a large export off the main thread.
    exportWorker: join(__dirname, 'export-worker.js'),
    // Open and import read in this worker (electron/project/open-job.ts), never on main's event loop.
    projectWorker: join(__dirname, 'project-worker.js'),
    exportProgress: (p) => {
      if (!w.isDestroyed()) events.exportProgress(w.webContents, p);
    },
    readingStarted: () => {
      if (!w.isDestroyed()) events.readingStarted(w.webContents);
    },
    window: {
      setState(state) {
        registry.report(id, state);
        if (state.view && JSON.stringify(state.view) !== JSON.stringify(menuViews.get(id))) {
          menuViews.set(id, state.view);
          if (registry.focusedId() === id) refreshMenu();
        }
        if (w.isDestroyed()) return;
        w.setTitle(windowTitle(state));
        if (isMac) {
          w.setRepresentedFilename(state.path ?? '');
          w.setDocumentEdited(state.dirty);
        }
      },
      close() {
        registry.confirmClose(id);
        if (!w.isDestroyed()) w.close();
      },
      openNew: () => void createWindow(),
      focusOtherShowing(path) {
        const other = registry.windowWith(path, id);
        if (other === null) return false;
        bringToFront(other);
        return true;
      },
      otherShowing: (path) => registry.windowWith(path, id) !== null,
    },
    recoveryClaims: recoveryClaims.forWindow(id),
    addRecentDocument(path) {
      app.addRecentDocument(path);
      refreshMenu();
    },
    nativeBinding: sqliteBinding(),
  };
}

/** Opens a window on the start screen and returns its id; its page asks for what to show. */
function createWindow(): number {
  const userData = app.getPath('userData');
  // The first window goes where the last one was left; later ones cascade from the window in front.
  const beside = focusedWindow();
  const { bounds, maximized } = initialWindowBounds(
    beside && !beside.isDestroyed() ? cascadedBounds(beside.getNormalBounds()) : readWindowState(userData, logLine),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const w = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Rackplane',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle click would otherwise try to open links in a new window (denied anyway by the open handler).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = w.webContents.id;
  // The page gets a token for each file main asks it to open, never the path (docs/security.md).
  const pathTokens = new PathTokens();
  const handlers = createHandlers(handlerDeps(w, id, pathTokens));
  windows.set(id, { win: w, handlers });
  registry.add(id, (path) => events.openRequested(w.webContents, pathTokens.issue(path)));
  quitting = false;
  w.on('focus', () => {
    registry.focus(id);
    // Each window has its own View ▸ Layers choices; the menu shows the front one's.
    if (menuViews.has(id)) refreshMenu();
  });
  w.once('ready-to-show', () => {
    if (maximized) w.maximize();
    w.show();
  });
  // getNormalBounds is the restored size of a maximized window, so un-maximizing next time lands right.
  const saveBounds = () => {
    if (w.isDestroyed() || w.isMinimized() || w.isFullScreen()) return;
    try {
      writeWindowState(userData, { ...w.getNormalBounds(), maximized: w.isMaximized() });
    } catch (e) {
      logLine(`rackplane: could not save the window position: ${describeError(e)}`);
    }
  };
  const saveSoon = debounce(saveBounds, 500);
  w.on('move', saveSoon);
  w.on('resize', saveSoon);
  w.on('maximize', saveSoon);
  w.on('unmaximize', saveSoon);
  w.on('close', (e) => {
    if (registry.closeAttempt(id) === 'ask') {
      e.preventDefault();
      events.closeRequested(w.webContents);
      return;
    }
    saveSoon.cancel();
    saveBounds();
  });
  w.on('closed', () => {
    saveSoon.cancel();
    windows.delete(id);
    registry.remove(id);
    recoveryClaims.releaseAll(id);
    // macOS keeps running with no window, except after Quit (whose prompts have all been answered now).
    if (quitting && registry.size === 0) app.quit();
  });
  // A reload starts a new page that must subscribe again before it is sent open requests.
  w.webContents.on('did-start-loading', () => registry.pageReloading(id));
  void w.loadURL(devUrl ?? APP_ENTRY_URL);
  return id;
}

/** Hardening that applies to every web contents: no navigation, no new windows, no webviews, no permissions. */
function harden(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to sources (catalog citations) open in the user's browser, never inside the app, and only
      // when they are plain https (app/external-links.ts).
      const external = externalLinkToOpen(url);
      if (external) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const policy = devUrl ? devCsp(devUrl) : CSP;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererDir, request.url);
    if (file) {
      try {
        return new Response(await readFile(file), { headers: responseHeaders(file) });
      } catch {
        // fall through to 404: a missing asset, not an error to surface
      }
    }
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain', 'Content-Security-Policy': CSP } });
  });
}

function start(): void {
  // Held for the first window, which opens once the app is ready.
  startupPaths.push(...projectPathsFromArgv(process.argv, process.cwd(), app.isPackaged));

  // A second launch (double-click in the file manager, `rackplane x.rackplane`) hands its files to this one.
  app.on('second-instance', (_e, argv, workingDirectory) => {
    const paths = projectPathsFromArgv(argv, workingDirectory, app.isPackaged);
    for (const path of paths) openFromOs(path);
    if (paths.length > 0 || !app.isReady()) return;
    // Launched again without a file: show the app rather than seem to do nothing.
    const front = registry.focusedId();
    if (front === null) createWindow();
    else bringToFront(front);
  });
  // macOS delivers double-clicked files here, possibly before `ready`.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openFromOs(path);
  });
  // Quit closes every window; each dirty one asks first and cancels the quit on Cancel (its close guard).
  app.on('before-quit', () => {
    quitting = true;
  });

  app
    .whenReady()
    .then(() => {
      nativeTheme.themeSource = readPreferences(app.getPath('userData'), logLine).theme;
      harden();
      registerHandlers((sender) => windows.get(sender.id)?.handlers, trustedOrigins);
      refreshMenu();
      // The first window takes the first project; each further one opens in a window of its own.
      createWindow();
      for (const path of startupPaths.splice(0)) openFromOs(path);
      app.on('activate', () => {
        if (registry.size === 0) createWindow();
      });
    })
    .catch((e: unknown) => {
      // Without this a failed start would leave a process with no window and no word why.
      dialog.showErrorBox('Rackplane could not start', describeError(e));
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
}

// One instance: a second launch hands its files to the first and exits.
if (app.requestSingleInstanceLock()) start();
else app.quit();

/**
 * The main process, kept thin: one hardened window, the app:// protocol, the menu, native dialogs and
 * the IPC wiring. Logic lives in modules tested under Node (ipc/handlers.ts, project/*, app/*).
 */
import { app, BrowserWindow, dialog, Menu, nativeTheme, protocol, screen, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveElectronBinding } from '../scripts/electron-native-paths.mjs';
import { projectPathsFromArgv } from './app/argv';
import { externalLinkToOpen } from './app/external-links';
import { documentationFolder } from './app/documentation';
import { buildMenuTemplate } from './app/menu';
import { originOf } from './app/origin';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, CSP, devCsp, resolveAppPath, responseHeaders } from './app/protocol';
import { readPreferences, saveTheme, type ThemeSource } from './app/preferences';
import { debounce, initialWindowBounds, MIN_SIZE, readWindowState, writeWindowState } from './app/window-bounds';
import { CloseGuard, OpenRequests, windowTitle } from './app/window-state';
import { createHandlers, type HandlerDeps } from './ipc/handlers';
import { events, registerHandlers } from './ipc/register';
import { readRecent } from './project/recent';
import { describeError } from './util/messages';

const isMac = process.platform === 'darwin';
// electron-vite sets ELECTRON_RENDERER_URL in `dev` only; a packaged app never trusts it.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl)].filter((o): o is string => o !== null) : [])];
const rendererDir = join(__dirname, '../renderer');

// Must happen before `ready`: a standard, secure scheme gives the page a real origin for module workers.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let win: BrowserWindow | null = null;
let closeGuard = new CloseGuard();
// OS open requests wait here until the renderer reports in with its first window:state.
const openRequests = new OpenRequests((path) => win && events.openRequested(win.webContents, path));

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

async function pickOpen(options: OpenDialogOptions): Promise<string | null> {
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

async function pickSave(options: SaveDialogOptions): Promise<string | null> {
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
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

function refreshMenu(): void {
  const docs = documentationFolder({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, exists: existsSync });
  const template = buildMenuTemplate({
    isMac,
    isDev: !app.isPackaged,
    recent: readRecent(app.getPath('userData')),
    send: (action) => win && events.menuAction(win.webContents, action),
    openRecent: (path) => openRequests.push(path),
    theme: nativeTheme.themeSource,
    setTheme,
    ...(docs ? { openDocumentation: () => void openDocumentation(docs) } : {}),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function handlerDeps(): HandlerDeps {
  return {
    userDataDir: app.getPath('userData'),
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, v8: process.versions.v8 },
      platform: process.platform,
    },
    dialogs: {
      openProject: () => pickOpen({ title: 'Open Project', properties: ['openFile'], filters: [PROJECT_FILTER] }),
      saveProject: (name) => pickSave(saveOptions('Save Project', name, PROJECT_FILTER)),
      openTopologyJson: () => pickOpen({ title: 'Import Topology JSON', properties: ['openFile'], filters: [JSON_FILTER] }),
      saveTopologyJson: (name) => pickSave(saveOptions('Export Topology JSON', name, JSON_FILTER)),
    },
    window: {
      setState(state) {
        closeGuard.update(state);
        openRequests.markReady();
        if (!win) return;
        win.setTitle(windowTitle(state));
        if (isMac) {
          win.setRepresentedFilename(state.path ?? '');
          win.setDocumentEdited(state.dirty);
        }
      },
      close() {
        closeGuard.confirm();
        win?.close();
      },
    },
    addRecentDocument(path) {
      app.addRecentDocument(path);
      refreshMenu();
    },
    nativeBinding: sqliteBinding(),
  };
}

function createWindow(): void {
  closeGuard = new CloseGuard();
  const userData = app.getPath('userData');
  const { bounds, maximized } = initialWindowBounds(
    readWindowState(userData, logLine),
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
  win = w;
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
    if (closeGuard.onCloseAttempt() === 'ask') {
      e.preventDefault();
      events.closeRequested(w.webContents);
      return;
    }
    saveSoon.cancel();
    saveBounds();
  });
  w.on('closed', () => {
    saveSoon.cancel();
    if (win === w) win = null;
  });
  // A reload starts a new page that must subscribe again before it is sent open requests.
  w.webContents.on('did-start-loading', () => openRequests.reset());
  void w.loadURL(devUrl ?? APP_ENTRY_URL);
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
  for (const path of projectPathsFromArgv(process.argv, process.cwd(), app.isPackaged)) openRequests.push(path);

  app.on('second-instance', (_e, argv, workingDirectory) => {
    for (const path of projectPathsFromArgv(argv, workingDirectory, app.isPackaged)) openRequests.push(path);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // macOS delivers double-clicked files here, possibly before `ready`.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openRequests.push(path);
    if (app.isReady() && !win) createWindow();
  });

  app
    .whenReady()
    .then(() => {
      nativeTheme.themeSource = readPreferences(app.getPath('userData'), logLine).theme;
      harden();
      registerHandlers(createHandlers(handlerDeps()), trustedOrigins);
      refreshMenu();
      createWindow();
      app.on('activate', () => {
        if (!win) createWindow();
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

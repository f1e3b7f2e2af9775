// electron/main.ts's desktop integration against a recording fake of Electron (the real binary cannot run
// here): the window reopens where it was left (clamped to the displays present), its geometry is saved
// debounced while it moves and on close, the theme choice drives nativeTheme and persists, and
// Help ▸ Documentation opens the bundled docs.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

type Fn = (...args: unknown[]) => unknown;
type Item = MenuItemConstructorOptions;

const fake = vi.hoisted(() => {
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    appPath: '',
    windows: [] as { options: Record<string, unknown>; emitter: InstanceType<typeof Emitter>; maximized: number; closed: number; instance: { close(): void; webContents: unknown } }[],
    normalBounds: { x: 0, y: 0, width: 0, height: 0 },
    isMaximized: false,
    menus: [] as Item[][],
    openedPaths: [] as string[],
    ipc: new Map<string, Fn>(),
    ready: null as null | (() => void),
  };
  const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    getPath: (name: string) => (name === 'userData' ? state.userData : '/home/user/Documents'),
    getAppPath: () => state.appPath,
    getName: () => 'Rackplane',
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    isReady: () => state.ready === null,
    addRecentDocument: () => undefined,
    quit: () => undefined,
    exit: () => undefined,
  });
  class BrowserWindow {
    private readonly record;
    readonly webContents = Object.assign(new Emitter(), { id: state.windows.length + 1, send: () => undefined, setWindowOpenHandler: () => undefined });
    constructor(options: Record<string, unknown>) {
      this.record = { options, emitter: new Emitter(), maximized: 0, closed: 0, instance: this };
      state.windows.push(this.record);
    }
    on(event: string, fn: Fn) {
      this.record.emitter.on(event, fn);
      return this;
    }
    once(event: string, fn: Fn) {
      this.record.emitter.once(event, fn);
      return this;
    }
    loadURL() {
      return Promise.resolve();
    }
    close() {
      const e = { defaultPrevented: false, preventDefault: () => (e.defaultPrevented = true) };
      this.record.emitter.emit('close', e);
      if (!e.defaultPrevented) {
        this.record.closed++;
        this.record.emitter.emit('closed');
      }
    }
    maximize() {
      this.record.maximized++;
    }
    getNormalBounds() {
      return { ...state.normalBounds };
    }
    isMaximized() {
      return state.isMaximized;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    show() {}
    isVisible() {
      return true;
    }
    focus() {}
    setTitle() {}
  }
  return { state, app, BrowserWindow, nativeTheme };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  nativeTheme: fake.nativeTheme,
  // One 1920×1080 display with a 40 px task bar: a window saved on a second monitor must come back here.
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  dialog: { showErrorBox: () => undefined, showMessageBox: async () => ({ response: 0 }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: Item[]) => fake.state.menus.push(m) },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, webRequest: { onHeadersReceived: () => undefined } } },
  shell: { openExternal: async () => undefined, openPath: async (p: string) => (fake.state.openedPaths.push(p), '') },
  ipcMain: { handle: (channel: string, fn: Fn) => fake.state.ipc.set(channel, fn), removeHandler: () => undefined },
}));

fake.state.userData = mkdtempSync(join(tmpdir(), 'rackplane-desktop-'));
fake.state.appPath = process.cwd(); // the checkout, which carries docs/
afterAll(() => rmSync(fake.state.userData, { recursive: true, force: true }));
const stateFile = join(fake.state.userData, 'window-state.json');
const prefsFile = join(fake.state.userData, 'preferences.json');
// Last session: maximized on a monitor to the right that is no longer connected, dark theme chosen.
writeFileSync(stateFile, JSON.stringify({ version: 1, x: 2400, y: 120, width: 1600, height: 1000, maximized: true }));
writeFileSync(prefsFile, JSON.stringify({ theme: 'dark' }));

delete process.env.ELECTRON_RENDERER_URL;
Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true });
vi.spyOn(console, 'error').mockImplementation(() => undefined); // the missing Electron SQLite build is expected here
await import('../../../electron/main');
fake.state.ready!();
fake.state.ready = null;
await new Promise((r) => setTimeout(r, 0));

const win = () => fake.state.windows[0]!;
const menu = () => fake.state.menus.at(-1)!;
const submenu = (items: Item[], label: string) => items.find((i) => i.label === label)!.submenu as Item[];
const themeItems = () => submenu(submenu(menu(), '&View'), 'Theme');
const click = (i: Item) => (i.click as () => void)();
const readState = () => JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
const appEvent = { senderFrame: { url: 'app://rackplane/index.html' }, sender: win().instance.webContents };

describe('window geometry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reopens the window on a display that exists, at the saved size, then maximizes it', () => {
    expect(win().options).toMatchObject({ x: 320, y: 40, width: 1600, height: 1000, minWidth: 800, minHeight: 500 });
    expect(win().maximized).toBe(0);
    win().emitter.emit('ready-to-show');
    expect(win().maximized).toBe(1);
  });

  it('saves size, position and maximized once a burst of moves settles', () => {
    vi.useFakeTimers();
    unlinkSync(stateFile);
    fake.state.normalBounds = { x: 100, y: 80, width: 1200, height: 800 };
    fake.state.isMaximized = false;
    for (let i = 0; i < 10; i++) {
      win().emitter.emit('move');
      vi.advanceTimersByTime(50);
    }
    win().emitter.emit('resize');
    expect(existsSync(stateFile)).toBe(false);
    vi.advanceTimersByTime(600);
    expect(readState()).toEqual({ version: 1, x: 100, y: 80, width: 1200, height: 800, maximized: false });
  });

  it('saves on close, but not while a dirty window is only asking the user', async () => {
    vi.useFakeTimers();
    fake.state.normalBounds = { x: 150, y: 90, width: 1000, height: 700 };
    fake.state.isMaximized = true;
    expect(await fake.state.ipc.get('window:state')!(appEvent, { name: 'DC', path: null, dirty: true })).toEqual({ ok: true, value: null });
    win().instance.close();
    expect(win().closed).toBe(0);
    expect(readState()).toMatchObject({ x: 100, y: 80 });
    expect(await fake.state.ipc.get('window:close')!(appEvent)).toEqual({ ok: true, value: null });
    expect(win().closed).toBe(1);
    expect(readState()).toEqual({ version: 1, x: 150, y: 90, width: 1000, height: 700, maximized: true });
  });
});

describe('theme', () => {
  it('applies the saved choice to nativeTheme at start and checks it in View ▸ Theme', () => {
    expect(fake.nativeTheme.themeSource).toBe('dark');
    expect(themeItems().map((i) => [i.label, i.checked])).toEqual([
      ['System', false],
      ['Light', false],
      ['Dark', true],
    ]);
  });

  it('switches nativeTheme, persists the choice and rebuilds the menu when the user picks another', () => {
    click(themeItems().find((i) => i.label === 'Light')!);
    expect(fake.nativeTheme.themeSource).toBe('light');
    expect(JSON.parse(readFileSync(prefsFile, 'utf8'))).toEqual({ theme: 'light' });
    expect(themeItems().find((i) => i.checked)!.label).toBe('Light');
    click(themeItems().find((i) => i.label === 'System')!);
    expect(fake.nativeTheme.themeSource).toBe('system');
    expect(JSON.parse(readFileSync(prefsFile, 'utf8'))).toEqual({ theme: 'system' });
  });
});

describe('Help ▸ Documentation', () => {
  it('opens the docs folder of the installation in the file manager', async () => {
    click(submenu(menu(), '&Help').find((i) => i.label === 'Documentation')!);
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.state.openedPaths).toEqual([join(process.cwd(), 'docs')]);
  });
});

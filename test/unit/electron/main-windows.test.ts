// electron/main.ts with several windows, against a recording fake of Electron: files the OS opens later go
// to the focused window when it shows nothing worth keeping, else to a new window, or bring forward the
// window that already shows them; IPC reaches the sending window's own handlers and dialogs; each window
// has its own close guard; Quit asks every dirty window and exits once all have closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PathTokens } from '../../../electron/ipc/path-tokens';
import { saveProject } from '../../../electron/project/store';
import { emptyDesign } from '../../../shared/model/design';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    windows: [] as { instance: { close(): void }; options: Record<string, unknown>; emitter: InstanceType<typeof Emitter>; contents: InstanceType<typeof Emitter> & { id: number; sent: unknown[][]; openHandler: null | ((d: { url: string }) => { action: string }) }; loaded: string[]; closed: number; title: string; focused: number }[],
    dialogParents: [] as unknown[],
    quits: 0,
    schemes: [] as unknown[],
    protocolHandler: null as null | ((req: { url: string }) => Promise<Response>),
    ipc: new Map<string, Fn>(),
    permissionRequest: null as null | Fn,
    permissionCheck: null as null | Fn,
    headers: null as null | Fn,
    menus: [] as unknown[],
    opened: [] as string[],
    errors: [] as string[],
    ready: null as null | (() => void),
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    getPath: (name: string) => (name === 'userData' ? state.userData : '/home/user/Documents'),
    getAppPath: () => '/repo',
    getName: () => 'Rackplane',
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    isReady: () => state.ready === null,
    addRecentDocument: () => undefined,
    quit: () => void state.quits++,
    exit: () => undefined,
  });
  class BrowserWindow {
    private readonly emitter = new Emitter();
    readonly webContents = Object.assign(new Emitter(), {
      id: state.windows.length + 1,
      sent: [] as unknown[][],
      send: (...a: unknown[]) => this.webContents.sent.push(a),
      openHandler: null as null | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (this.webContents.openHandler = fn),
    });
    private readonly record;
    constructor(options: Record<string, unknown>) {
      this.record = { instance: this, options, emitter: this.emitter, contents: this.webContents, loaded: [] as string[], closed: 0, title: '', visible: false, focused: 0 };
      state.windows.push(this.record);
      app.emit('web-contents-created', {}, this.webContents);
    }
    on(event: string, fn: Fn) {
      this.emitter.on(event, fn);
      return this;
    }
    once(event: string, fn: Fn) {
      this.emitter.once(event, fn);
      return this;
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.record.title = t;
    }
    close() {
      const e = { defaultPrevented: false, preventDefault: () => (e.defaultPrevented = true) };
      this.emitter.emit('close', e);
      if (!e.defaultPrevented) {
        this.record.closed++;
        this.emitter.emit('closed');
      }
    }
    show() {
      this.record.visible = true;
    }
    isVisible() {
      return this.record.visible;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.record.focused++;
      this.emitter.emit('focus');
    }
    setRepresentedFilename() {}
    setDocumentEdited() {}
    isDestroyed() {
      return false;
    }
    isFullScreen() {
      return false;
    }
    isMaximized() {
      return false;
    }
    maximize() {}
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 };
    }
  }
  return { state, app, BrowserWindow };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  dialog: { showErrorBox: (title: string, text: string) => fake.state.errors.push(`${title}: ${text}`), showOpenDialog: async (parent: unknown) => (fake.state.dialogParents.push(parent), { canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
  nativeTheme: { themeSource: 'system' },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => fake.state.menus.push(m) },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => fake.state.schemes.push(...s),
    handle: (_scheme: string, fn: (req: { url: string }) => Promise<Response>) => (fake.state.protocolHandler = fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Fn) => (fake.state.permissionRequest = fn),
      setPermissionCheckHandler: (fn: Fn) => (fake.state.permissionCheck = fn),
      webRequest: { onHeadersReceived: (fn: Fn) => (fake.state.headers = fn) },
    },
  },
  shell: { openExternal: async (url: string) => void fake.state.opened.push(url) },
  ipcMain: { handle: (channel: string, fn: Fn) => fake.state.ipc.set(channel, fn), removeHandler: () => undefined },
}));

fake.state.userData = mkdtempSync(join(tmpdir(), 'rackplane-windows-main-'));
afterAll(() => rmSync(fake.state.userData, { recursive: true, force: true }));
delete process.env.ELECTRON_RENDERER_URL;
Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true });
vi.spyOn(console, 'error').mockImplementation(() => undefined); // the missing Electron SQLite build is expected here
// Pages get tokens, never paths (electron/ipc/path-tokens.ts); the test reads which path each token stands for.
const issued = vi.spyOn(PathTokens.prototype, 'issue');
const pathOf = (token: unknown) => issued.mock.calls[issued.mock.results.findIndex((r) => r.value === token)]?.[0];
const projects = mkdtempSync(join(tmpdir(), 'rackplane-windows-files-'));
afterAll(() => rmSync(projects, { recursive: true, force: true }));
const cwd = (name: string) => join(projects, name);
saveProject(cwd('a.rackplane'), emptyDesign());
saveProject(cwd('b.rackplane'), emptyDesign());
const argv = process.argv;
process.argv = ['electron', '.', cwd('a.rackplane'), cwd('b.rackplane')];
await import('../../../electron/main');
process.argv = argv;
fake.state.ready!();
fake.state.ready = null;
await new Promise((r) => setTimeout(r, 0));

type Win = (typeof fake.state.windows)[number];
const ev = (w: Win) => ({ senderFrame: { url: 'app://rackplane/index.html' }, sender: w.contents });
const ipc = (channel: string, w: Win, ...args: unknown[]) => fake.state.ipc.get(channel)!(ev(w), ...args) as Promise<{ ok: boolean }>;
const tokens = (w: Win) => w.contents.sent.filter(([c]) => c === 'project:openRequested').map(([, t]) => t);
const opened = (w: Win) => tokens(w).map(pathOf);
const START = { name: 'Rackplane', path: null, dirty: false, blank: true };
const secondLaunch = (...files: string[]) => fake.app.emit('second-instance', {}, ['electron', '.', ...files], '/work');

describe('several windows', () => {
  it('opens each command-line project in a window of its own, once its page listens', async () => {
    expect(fake.state.windows).toHaveLength(2);
    const [w1, w2] = fake.state.windows as [Win, Win];
    expect([opened(w1), opened(w2)]).toEqual([[], []]);
    for (const w of [w1, w2]) w.emitter.emit('ready-to-show');
    await ipc('window:state', w1, START);
    await ipc('window:state', w2, START);
    expect([opened(w1), opened(w2)]).toEqual([[cwd('a.rackplane')], [cwd('b.rackplane')]]);
    // Each page opens what it was sent by the token (main then knows which file the window shows).
    for (const w of [w1, w2]) expect(await ipc('project:openPath', w, tokens(w)[0])).toMatchObject({ ok: true });
    expect(await ipc('project:openPath', w1, tokens(w2)[0])).toMatchObject({ ok: false });
    await ipc('window:state', w1, { name: 'a', path: cwd('a.rackplane'), dirty: false, blank: false });
    await ipc('window:state', w2, { name: 'b', path: cwd('b.rackplane'), dirty: true, blank: false });
    expect([w1.title, w2.title]).toEqual(['a — Rackplane', 'b • — Rackplane']);
  });

  it('brings forward the window that already shows a file opened again', () => {
    const w1 = fake.state.windows[0]!;
    const before = w1.focused;
    secondLaunch(cwd('a.rackplane'));
    expect(w1.focused).toBe(before + 1);
    expect(fake.state.windows).toHaveLength(2);
    expect(opened(w1)).toHaveLength(1);
  });

  it('opens a later file in a new window when the focused one shows a design', async () => {
    secondLaunch('/work/c.rackplane');
    expect(fake.state.windows).toHaveLength(3);
    const w3 = fake.state.windows[2]!;
    w3.emitter.emit('ready-to-show');
    await ipc('window:state', w3, START);
    expect(opened(w3)).toEqual(['/work/c.rackplane']);
    // Its page re-reports once it has dealt with the request (here: it could not open the file).
    await ipc('window:state', w3, START);
  });

  it('reuses the focused window while it shows only the start screen', () => {
    const w3 = fake.state.windows[2]!;
    secondLaunch('/work/d.rackplane');
    expect(fake.state.windows).toHaveLength(3);
    expect(opened(w3)).toEqual(['/work/c.rackplane', '/work/d.rackplane']);
  });

  it('routes IPC to the sending window: its dialogs are modal to it', async () => {
    const [w1, , w3] = fake.state.windows as [Win, Win, Win];
    await ipc('project:open', w3);
    await ipc('project:open', w1);
    expect(fake.state.dialogParents).toEqual([w3.instance, w1.instance]);
  });

  it('File ▸ New Window (window:new from a page) opens a window on the start screen, cascaded from the one in front', async () => {
    const menu = fake.state.menus.at(-1) as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const w3 = fake.state.windows[2]!;
    // The menu item goes to the window in front, as the renderer action `file.newWindow`…
    menu.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'New Window')!.click!();
    expect(w3.contents.sent.at(-1)).toEqual(['menu:action', 'file.newWindow']);
    // …which asks main over window:new.
    expect(await ipc('window:new', w3)).toEqual({ ok: true, value: null });
    expect(fake.state.windows).toHaveLength(4);
    expect(fake.state.windows[3]!.options).toMatchObject({ x: 38, y: 48, width: 1000, height: 700 });
    expect(opened(fake.state.windows[3]!)).toEqual([]);
  });

  it('Quit asks each dirty window, and exits once every window has closed', async () => {
    const [w1, w2, w3, w4] = fake.state.windows as [Win, Win, Win, Win];
    fake.app.emit('before-quit');
    for (const w of [w1, w3, w4]) w.instance.close();
    expect([w1.closed, w3.closed, w4.closed]).toEqual([1, 1, 1]);
    // Only the dirty window asks; the app waits for its answer.
    w2.instance.close();
    expect(w2.closed).toBe(0);
    expect(w2.contents.sent).toContainEqual(['window:closeRequested']);
    expect(fake.state.quits).toBe(0);
    await ipc('window:close', w2);
    expect(w2.closed).toBe(1);
    expect(fake.state.quits).toBe(1);
  });

  it('with no window left (macOS keeps running), File ▸ New Window opens one itself', () => {
    const menu = fake.state.menus.at(-1) as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    menu.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'New Window')!.click!();
    expect(fake.state.windows).toHaveLength(5);
    expect(fake.state.windows[4]!.loaded).toEqual(['app://rackplane/index.html']);
  });
});

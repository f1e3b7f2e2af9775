// electron/main.ts against a recording fake of Electron (the real binary cannot run here): the window's
// security settings, the app:// protocol, hardening of web contents, the close prompt, open requests
// from the OS, and the IPC wiring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PathTokens } from '../../../electron/ipc/path-tokens';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const state = {
    userData: '',
    windows: [] as { instance: { close(): void }; options: Record<string, unknown>; emitter: InstanceType<typeof Emitter>; contents: InstanceType<typeof Emitter> & { sent: unknown[][]; openHandler: null | ((d: { url: string }) => { action: string }) }; loaded: string[]; closed: number; title: string }[],
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
    quit: () => undefined,
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
      this.record = { instance: this, options, emitter: this.emitter, contents: this.webContents, loaded: [] as string[], closed: 0, title: '', visible: false };
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
    focus() {}
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
  dialog: { showErrorBox: (title: string, text: string) => fake.state.errors.push(`${title}: ${text}`), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
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

fake.state.userData = mkdtempSync(join(tmpdir(), 'rackplane-main-'));
afterAll(() => rmSync(fake.state.userData, { recursive: true, force: true }));
delete process.env.ELECTRON_RENDERER_URL;
Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true });
const argv = process.argv;
process.argv = ['electron', '.', 'dc.rackplane'];
await import('../../../electron/main');
process.argv = argv;
fake.state.ready!();
fake.state.ready = null;
await new Promise((r) => setTimeout(r, 0));

const win = () => fake.state.windows[0]!;
// IPC is routed to the sending window's own handlers (event.sender is its webContents).
const appEvent = { senderFrame: { url: 'app://rackplane/index.html' }, sender: win().contents };

describe('main process', () => {
  it('registers app:// as a privileged standard, secure scheme before ready', () => {
    expect(fake.state.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one window, sandboxed and isolated, on the app:// entry', () => {
    expect(fake.state.errors).toEqual([]);
    expect(fake.state.windows).toHaveLength(1);
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, disableBlinkFeatures: 'Auxclick' });
    expect(win().loaded).toEqual(['app://rackplane/index.html']);
  });

  it('serves the renderer with the CSP and refuses what is outside it', async () => {
    const ok = await fake.state.protocolHandler!({ url: 'app://rackplane/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const url of ['app://rackplane/%2F..%2F..%2Fpackage.json', 'app://rackplane/missing.js', 'app://other/index.html']) {
      const r = await fake.state.protocolHandler!({ url });
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy')).toBeTruthy();
    }
  });

  it('adds the CSP to every other response, denies permissions, navigation, new windows and webviews', () => {
    let headers: Record<string, string[]> = {};
    fake.state.headers!({ responseHeaders: { 'X-A': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toMatch(/^default-src 'self'; script-src 'self';/);
    let granted: unknown;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      granted = undefined;
      fake.state.permissionRequest!({}, permission, (g: boolean) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(fake.state.permissionCheck!()).toBe(false);

    const nav = { defaultPrevented: false, preventDefault: () => (nav.defaultPrevented = true) };
    win().contents.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.defaultPrevented).toBe(true);
    expect(win().contents.openHandler!({ url: 'https://www.kernel.org/doc/' })).toEqual({ action: 'deny' });
    expect(win().contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(win().contents.openHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    // Only the https link reached the system browser (electron/app/external-links.ts).
    expect(fake.state.opened).toEqual(['https://www.kernel.org/doc/']);
    const attach = { defaultPrevented: false, preventDefault: () => (attach.defaultPrevented = true) };
    win().contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('holds the command-line project until the renderer reports in, then sends it', async () => {
    const issued = vi.spyOn(PathTokens.prototype, 'issue');
    const opened = () => win().contents.sent.filter(([channel]) => channel === 'project:openRequested');
    expect(opened()).toEqual([]);
    expect(await fake.state.ipc.get('window:state')!(appEvent, { name: 'Untitled design', path: null, dirty: false })).toEqual({ ok: true, value: null });
    // The page gets an opaque token for the file, never its path (electron/ipc/path-tokens.ts).
    expect(opened()).toEqual([['project:openRequested', expect.stringMatching(/^f-[0-9a-f]{32}$/)]]);
    expect(issued.mock.calls.at(-1)).toEqual([join(process.cwd(), 'dc.rackplane')]);
    expect(issued.mock.results.at(-1)!.value).toBe(opened()[0]![1]);
  });

  it('asks the renderer before closing a dirty window, and closes when it confirms', async () => {
    expect(await fake.state.ipc.get('window:state')!(appEvent, { name: 'DC', path: null, dirty: true })).toEqual({ ok: true, value: null });
    expect(win().title).toBe('DC • — Rackplane');
    win().instance.close();
    expect(win().closed).toBe(0);
    expect(win().contents.sent).toContainEqual(['window:closeRequested']);
    expect(await fake.state.ipc.get('window:close')!(appEvent)).toEqual({ ok: true, value: null });
    expect(win().closed).toBe(1);
  });

  it('refuses IPC from other origins and from windows it did not open', async () => {
    // The window closed in the test above; clicking the Dock icon (activate) opens a new one.
    fake.app.emit('activate');
    const live = fake.state.windows.at(-1)!;
    expect(fake.state.windows).toHaveLength(2);
    const r = await fake.state.ipc.get('app:info')!({ senderFrame: { url: 'https://example.com/' }, sender: live.contents });
    expect(r).toMatchObject({ ok: false });
    expect(await fake.state.ipc.get('app:info')!({ ...appEvent, sender: live.contents })).toMatchObject({ ok: true, value: { name: 'Rackplane', version: '0.1.0' } });
    // A closed window's page (or any web contents main did not open) gets no handlers.
    expect(await fake.state.ipc.get('app:info')!(appEvent)).toEqual({ ok: false, reason: "app:info: refused a request from a window Rackplane did not open" });
  });

  it('builds the application menu with File, Edit, View and Help', () => {
    const menu = fake.state.menus.at(-1) as { label?: string }[];
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Simulation', '&Help']);
  });
});

/**
 * Runs the built renderer in Debian Chromium with `window.rackplane` wired to the SAME IPC handlers the
 * main process registers (electron/ipc/handlers.ts), with fake native dialogs that return the paths a
 * test chose. Tests drive it like a person: clicks, shortcuts, typing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHandlers, type HandlerDeps } from '../../../electron/ipc/handlers';
import { PathTokens } from '../../../electron/ipc/path-tokens';
import type { MenuViewState } from '../../../electron/app/menu';
import type { InvokeChannel } from '../../../shared/ipc/channels';
import type { ExportProgress } from '../../../shared/ipc/export-request';
import { serveStatic, type StaticServer } from './static-server';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = join(ROOT, process.env.RACKPLANE_OUT ?? 'out', 'renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test/e2e/__screenshots__');
const CHROMIUM = process.env.RACKPLANE_CHROMIUM ?? '/usr/bin/chromium';

export type DialogKind = keyof HandlerDeps['dialogs'];

/** Native dialogs that answer from a queue the test fills; an empty queue means "Cancel". */
export class FakeDialogs {
  private readonly queues = new Map<DialogKind, (string | null)[]>();
  /** Every dialog shown, with the suggested file name when there is one. */
  readonly shown: { kind: DialogKind; suggested?: string }[] = [];

  /**
   * The next `kind` dialog returns `path` (null = the user cancels). For the `confirmReplaceOpen` message box
   * any string means "Replace" and null (or nothing queued) "Cancel".
   */
  answer(kind: DialogKind, path: string | null): void {
    const q = this.queues.get(kind) ?? [];
    q.push(path);
    this.queues.set(kind, q);
  }

  take(kind: DialogKind, suggested?: string): Promise<string | null> {
    this.shown.push({ kind, suggested });
    return Promise.resolve(this.queues.get(kind)?.shift() ?? null);
  }

  deps(): HandlerDeps['dialogs'] {
    return {
      openProject: () => this.take('openProject'),
      saveProject: (s) => this.take('saveProject', s),
      openTopologyJson: () => this.take('openTopologyJson'),
      // One or two files (the capture and its tree): an answer names them separated by a newline.
      openLspci: () => this.take('openLspci').then((a) => a?.split('\n') ?? null),
      saveTopologyJson: (s) => this.take('saveTopologyJson', s),
      // Import NetBox… picks one or more files: an answer names them separated by a newline.
      openNetbox: () => this.take('openNetbox').then((a) => a?.split('\n') ?? null),
      chooseGenerateFolder: (t) => this.take('chooseGenerateFolder', t),
      saveExport: (s) => this.take('saveExport', s),
      confirmReplaceOpen: (p) => this.take('confirmReplaceOpen', p).then((a) => a !== null),
    };
  }
}

export interface WindowState {
  name: string;
  path: string | null;
  dirty: boolean;
}

export interface AppHarness {
  page: Page;
  /** A temp folder for the test's files (removed on close). */
  dir: string;
  userDataDir: string;
  dialogs: FakeDialogs;
  /** Every `window:state` the renderer reported, oldest first. */
  windowStates: WindowState[];
  /** How many times the renderer asked main to close the window. */
  closeCalls(): number;
  /** `blank` of every `window:state` report (whether main may open an OS file in this window), oldest first. */
  blankStates: (boolean | undefined)[];
  /** `view` of every `window:state` report (what the native View menu shows checked), oldest first. */
  menuViews: (MenuViewState | undefined)[];
  /** How many times the renderer asked main for a new window (File ▸ New Window). */
  newWindowCalls(): number;
  /** The guides the page asked main to open (`help:openDoc`), oldest first. */
  openedDocs: string[];
  /** Sends a main → renderer event, as the native menu or the window would (a path to open is sent as main's token for it). */
  emit(channel: 'menu:action', action: string): Promise<void>;
  emit(channel: 'project:openRequested', path: string): Promise<void>;
  emit(channel: 'window:closeRequested'): Promise<void>;
  /** Every `export:progress` event main sent, oldest first. */
  exportProgress: ExportProgress[];
  /** Uncaught page errors and console errors (CSP violations show up here). */
  problems: string[];
  close(): Promise<void>;
}

/** One Chromium per test file: launched here, closed in afterAll. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

let server: StaticServer | null = null;

async function rendererUrl(): Promise<string> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run "npx electron-vite build" first');
  server ??= await serveStatic(RENDERER_DIR);
  return server.url;
}

/** Stops the shared static server (afterAll of each file). */
export async function stopServer(): Promise<void> {
  await server?.close();
  server = null;
}

// Runs in the page before any app script: the same surface electron/preload.ts exposes.
const BRIDGE = `(() => {
  const listeners = { 'menu:action': new Set(), 'window:closeRequested': new Set(), 'project:openRequested': new Set(), 'export:progress': new Set(), 'project:reading': new Set() };
  const invoke = (channel, ...args) => window.__rackplaneInvoke(channel, args);
  const on = (channel, listener) => {
    const set = listeners[channel];
    if (!set) throw new Error('unknown event channel ' + channel);
    set.add(listener);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'rackplane', { value: Object.freeze({ invoke, on }), enumerable: true });
  Object.defineProperty(window, '__rackplaneEmit', {
    value: (channel, payload) => { for (const l of listeners[channel] ?? []) payload === undefined ? l() : l(payload); },
  });
})();`;

export interface StartOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** Reuse a profile folder (recent files, recovery copies) from an earlier start. */
  userDataDir?: string;
  /** Install Playwright's fake clock before the app loads, so a test can fast-forward timers (autosave). */
  fakeClock?: boolean;
}

/** Opens the app in a fresh page; the returned harness owns its temp folders. */
export async function startApp(browser: Browser, opts: StartOptions = {}): Promise<AppHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'rackplane-e2e-'));
  const userDataDir = opts.userDataDir ?? join(dir, 'userData');
  const dialogs = new FakeDialogs();
  const windowStates: WindowState[] = [];
  let closes = 0;
  let newWindows = 0;
  const openedDocs: string[] = [];
  const blankStates: (boolean | undefined)[] = [];
  const menuViews: (MenuViewState | undefined)[] = [];
  // The page exists only after the handlers do; progress events find it here.
  const live: { page?: Page } = {};
  const exportProgress: ExportProgress[] = [];
  // As in main: the page gets tokens for the files it is asked to open, never their paths.
  const pathTokens = new PathTokens();
  const handlers = createHandlers({
    userDataDir,
    pathTokens,
    appInfo: { name: 'Rackplane', version: '0.1.0-e2e', versions: { node: process.versions.node, chrome: browser.version() }, platform: process.platform },
    dialogs: dialogs.deps(),
    // Only what the title bar and the close prompt use; `blank` (which window main reuses) is tested under Node.
    window: {
      setState: (s) => {
        windowStates.push({ name: s.name, path: s.path, dirty: s.dirty });
        blankStates.push(s.blank);
        menuViews.push(s.view);
      },
      close: () => void closes++,
      openNew: () => void newWindows++,
    },
    openDoc: (page) => {
      openedDocs.push(page);
      return Promise.resolve(null);
    },
    // Exports run in the built worker, as in the app; progress events reach the page like main's.
    exportWorker: join(ROOT, process.env.RACKPLANE_OUT ?? 'out', 'main', 'export-worker.js'),
    // Open and import read in the built worker thread, as in the app.
    projectWorker: join(ROOT, process.env.RACKPLANE_OUT ?? 'out', 'main', 'project-worker.js'),
    exportProgress: (p) => {
      exportProgress.push(p);
      void live.page?.evaluate((payload) => (globalThis as unknown as { __rackplaneEmit(c: string, p: unknown): void }).__rackplaneEmit('export:progress', payload), p).catch(() => undefined);
    },
    readingStarted: () => {
      void live.page?.evaluate(() => (globalThis as unknown as { __rackplaneEmit(c: string, p: unknown): void }).__rackplaneEmit('project:reading', undefined)).catch(() => undefined);
    },
  });

  const context = await browser.newContext({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 }, colorScheme: opts.colorScheme ?? 'light' });
  const page = await context.newPage();
  live.page = page;
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.exposeBinding('__rackplaneInvoke', async (_source, channel: string, args: unknown[]) => {
    const handler = (handlers as Record<string, (...a: unknown[]) => Promise<unknown>>)[channel as InvokeChannel];
    if (!handler) return { ok: false, reason: `unknown channel ${channel}` };
    return handler(...args);
  });
  await page.addInitScript(BRIDGE);
  if (opts.fakeClock) await page.clock.install();
  await page.goto(await rendererUrl());

  const emit = async (channel: string, arg?: string) => {
    const payload = channel === 'project:openRequested' && arg !== undefined ? pathTokens.issue(arg) : arg;
    await page.evaluate(([c, p]) => (globalThis as unknown as { __rackplaneEmit(c: string, p?: string): void }).__rackplaneEmit(c!, p), [channel, payload] as const);
  };

  return {
    page,
    dir,
    userDataDir,
    dialogs,
    windowStates,
    closeCalls: () => closes,
    blankStates,
    menuViews,
    newWindowCalls: () => newWindows,
    openedDocs,
    emit: emit as AppHarness['emit'],
    problems,
    exportProgress,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

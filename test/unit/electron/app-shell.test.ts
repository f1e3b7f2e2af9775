// The pure parts of the main process: the app:// path guard and headers, sender origins, command-line
// files, the window title and close guard, open-request queueing, and the menu template.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { projectPathsFromArgv } from '../../../electron/app/argv';
import { buildMenuTemplate, MENU_ACTIONS, type MenuAction } from '../../../electron/app/menu';
import { isTrustedFrameUrl, originOf } from '../../../electron/app/origin';
import { APP_ORIGIN, contentTypeFor, CSP, devCsp, resolveAppPath, responseHeaders } from '../../../electron/app/protocol';
import { CloseGuard, OpenRequests, windowTitle } from '../../../electron/app/window-state';
import { ACTION_NAMES } from '../../../renderer/actions/types';

const ROOT = resolve('/srv/app/out/renderer');

describe('resolveAppPath', () => {
  it('maps app://rackplane URLs to files under the root', () => {
    expect(resolveAppPath(ROOT, 'app://rackplane/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://rackplane/assets/sim.worker-1a2b.js?v=3#x')).toBe(join(ROOT, 'assets', 'sim.worker-1a2b.js'));
    expect(resolveAppPath(ROOT, 'app://rackplane/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://rackplane')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://rackplane/fonts/My%20Font.woff2')).toBe(join(ROOT, 'fonts', 'My Font.woff2'));
    expect(resolveAppPath(ROOT, 'app://rackplane/a/../index.html')).toBe(join(ROOT, 'index.html'));
  });

  it('never leaves the root: dot segments are resolved by the URL parser before the guard', () => {
    expect(resolveAppPath(ROOT, 'app://rackplane/../secret.txt')).toBe(join(ROOT, 'secret.txt'));
    expect(resolveAppPath(ROOT, 'app://rackplane/%2e%2e/%2e%2e/etc/passwd')).toBe(join(ROOT, 'etc', 'passwd'));
  });

  it.each([
    'app://rackplane/assets/%2E%2E%2F%2E%2E%2Fmain/index.js',
    'app://rackplane/%2F..%2F..%2Fmain%2Findex.js',
    'app://rackplane/..%5c..%5cwindows%5cwin.ini',
    'app://rackplane/assets%5c..%5c..%5cx',
    'app://rackplane/index.html%00.png',
    'app://rackplane/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://rackplane/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('serves files with their type, the policy, and no sniffing', () => {
    expect(contentTypeFor('a/b/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
    expect(responseHeaders('/r/assets/a.js')).toEqual({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
  });
});

describe('content security policy', () => {
  it('is the strict policy of the brief', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('relaxes only what the Vite dev server needs', () => {
    const dev = devCsp('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev.replace("script-src 'self' 'unsafe-inline'", "script-src 'self'").replace(' ws://localhost:5173', '')).toBe(CSP);
  });
});

describe('sender origin', () => {
  it('computes origins of custom schemes, which WHATWG URL calls "null"', () => {
    expect(originOf('app://rackplane/index.html')).toBe('app://rackplane');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('')).toBeNull();
  });

  it('trusts only the listed origins', () => {
    const trusted = [APP_ORIGIN, 'http://localhost:5173'];
    expect(isTrustedFrameUrl('app://rackplane/index.html', trusted)).toBe(true);
    expect(isTrustedFrameUrl('http://localhost:5173/', trusted)).toBe(true);
    for (const url of ['app://rackplane.evil/index.html', 'http://localhost:5174/', 'https://example.com/', 'file:///tmp/x.html', 'about:blank', undefined, null]) {
      expect(isTrustedFrameUrl(url, trusted), String(url)).toBe(false);
    }
  });
});

describe('projectPathsFromArgv', () => {
  it('picks .rackplane arguments and resolves them against the working directory', () => {
    const cwd = resolve('/home/ana/work');
    expect(projectPathsFromArgv(['/opt/Rackplane/rackplane', 'dc.rackplane', '--no-sandbox', '/tmp/B.RACKPLANE', 'notes.txt'], cwd, true)).toEqual([
      join(cwd, 'dc.rackplane'),
      '/tmp/B.RACKPLANE',
    ]);
  });

  it('skips the app path of an unpackaged run, switches and duplicates', () => {
    const cwd = resolve('/repo');
    expect(projectPathsFromArgv(['electron', 'x.rackplane', 'a.rackplane', '-psn_0_1234', 'a.rackplane'], cwd, false)).toEqual([join(cwd, 'a.rackplane')]);
  });
});

describe('window state', () => {
  it('formats the title with a dirty marker', () => {
    expect(windowTitle({ name: 'DC west', path: null, dirty: false })).toBe('DC west — Rackplane');
    expect(windowTitle({ name: 'DC west', path: '/x.rackplane', dirty: true })).toBe('DC west • — Rackplane');
  });

  it('asks the renderer before closing a dirty window, until it confirms', () => {
    const g = new CloseGuard();
    expect(g.onCloseAttempt()).toBe('close');
    g.update({ name: 'a', path: null, dirty: true });
    expect(g.onCloseAttempt()).toBe('ask');
    g.confirm();
    expect(g.onCloseAttempt()).toBe('close');
    const clean = new CloseGuard();
    clean.update({ name: 'a', path: null, dirty: true });
    clean.update({ name: 'a', path: '/a.rackplane', dirty: false });
    expect(clean.onCloseAttempt()).toBe('close');
  });

  it('holds open requests until the renderer is ready, then delivers them in order', () => {
    const delivered: string[] = [];
    const q = new OpenRequests((p) => delivered.push(p));
    q.push('/a.rackplane');
    q.push('/b.rackplane');
    q.push('/a.rackplane');
    expect(delivered).toEqual([]);
    q.markReady();
    q.markReady();
    expect(delivered).toEqual(['/a.rackplane', '/b.rackplane']);
    q.push('/c.rackplane');
    expect(delivered).toEqual(['/a.rackplane', '/b.rackplane', '/c.rackplane']);
    q.reset();
    q.push('/d.rackplane');
    expect(delivered).toHaveLength(3);
    q.markReady();
    expect(delivered.at(-1)).toBe('/d.rackplane');
  });
});

describe('menu template', () => {
  type Item = MenuItemConstructorOptions;
  const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
  const build = (over: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) => {
    const sent: MenuAction[] = [];
    const opened: string[] = [];
    const items = flatten(
      buildMenuTemplate({ isMac: false, isDev: false, recent: [], send: (a) => sent.push(a), openRecent: (p) => opened.push(p), theme: 'system', setTheme: () => undefined, ...over }),
    );
    const click = (i: Item) => (i.click as () => void)();
    return { items, sent, opened, click };
  };

  it('sends every menu action, each from exactly one item, and only names the renderer knows', () => {
    const { items, sent, click } = build();
    for (const i of items) if (i.click) click(i);
    expect([...sent].sort()).toEqual([...MENU_ACTIONS].sort());
    for (const action of MENU_ACTIONS) expect(ACTION_NAMES as readonly string[]).toContain(action);
  });

  it('shows accelerators without registering them (the renderer owns shortcuts)', () => {
    const withKeys = build().items.filter((i) => i.accelerator);
    expect(withKeys.map((i) => i.label)).toEqual(expect.arrayContaining(['Save', 'Undo', 'Zoom to Fit']));
    for (const i of withKeys) expect(i.registerAccelerator, i.label).toBe(false);
  });

  it('lists recent projects, and opens them through the open-request path', () => {
    const { items, opened, click } = build({ recent: ['/p/a.rackplane', '/q/b.rackplane'] });
    const recent = items.find((i) => i.label === 'Open Recent')!.submenu as Item[];
    expect(recent.map((i) => i.label)).toEqual(['a.rackplane', 'b.rackplane']);
    click(recent[1]!);
    expect(opened).toEqual(['/q/b.rackplane']);
    const empty = build().items.find((i) => i.label === 'Open Recent')!.submenu as Item[];
    expect(empty).toEqual([{ label: 'No Recent Projects', enabled: false }]);
  });

  it('has developer tools only in development, and the macOS app menu only on macOS', () => {
    const roles = (o: Partial<Parameters<typeof buildMenuTemplate>[0]>) => build(o).items.map((i) => i.role).filter(Boolean);
    expect(roles({ isDev: false })).not.toContain('toggleDevTools');
    expect(roles({ isDev: false })).not.toContain('reload');
    expect(roles({ isDev: true })).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles({ isMac: true })).toContain('appMenu');
    expect(roles({ isMac: false })).not.toContain('appMenu');
  });
});

// The desktop menu's View ▸ Theme, panel toggles and Help items, the persisted theme choice
// (electron/app/preferences.ts) and where Help ▸ Documentation points (electron/app/documentation.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { documentationFolder } from '../../../electron/app/documentation';
import { buildMenuTemplate, type MenuAction, type MenuOptions } from '../../../electron/app/menu';
import { DEFAULT_PREFERENCES, PREFERENCES_FILE, readPreferences, saveTheme, type ThemeSource } from '../../../electron/app/preferences';
import { expectOneLine, useTempDirs } from './support/temp-dir';

type Item = MenuItemConstructorOptions;
const tempDir = useTempDirs('rackplane-prefs-');

function build(over: Partial<MenuOptions> = {}) {
  const sent: MenuAction[] = [];
  const themes: ThemeSource[] = [];
  let docsOpened = 0;
  const menu = buildMenuTemplate({
    isMac: false,
    isDev: false,
    recent: [],
    send: (a) => sent.push(a),
    openRecent: () => undefined,
    theme: 'system',
    setTheme: (t) => themes.push(t),
    openDocumentation: () => void docsOpened++,
    ...over,
  });
  const top = (label: string) => menu.find((m) => m.label === label)!.submenu as Item[];
  const click = (i: Item) => (i.click as () => void)();
  return { menu, top, click, sent, themes, docsOpened: () => docsOpened };
}

describe('View menu', () => {
  it('toggles the Problems and Simulation panels through the action registry', () => {
    const { top, click, sent } = build();
    const view = top('&View');
    const problems = view.find((i) => i.label === 'Problems')!;
    const simulation = view.find((i) => i.label === 'Simulation')!;
    click(problems);
    click(simulation);
    expect(sent).toEqual(['view.problems', 'view.simulation']);
    // The shortcuts the renderer registers (renderer/actions/definitions.ts), shown but not registered.
    expect([problems.accelerator, simulation.accelerator]).toEqual(['CmdOrCtrl+Shift+E', 'CmdOrCtrl+Shift+M']);
    expect(problems.registerAccelerator).toBe(false);
  });

  it('offers System, Light and Dark themes as radio items with the current one checked', () => {
    for (const current of ['system', 'light', 'dark'] as const) {
      const theme = build({ theme: current }).top('&View').find((i) => i.label === 'Theme')!.submenu as Item[];
      expect(theme.map((i) => [i.label, i.type, i.checked])).toEqual([
        ['System', 'radio', current === 'system'],
        ['Light', 'radio', current === 'light'],
        ['Dark', 'radio', current === 'dark'],
      ]);
    }
  });

  it('hands the chosen theme to the main process, not to the renderer', () => {
    const { top, click, themes, sent } = build();
    const theme = top('&View').find((i) => i.label === 'Theme')!.submenu as Item[];
    click(theme[2]!);
    click(theme[1]!);
    click(theme[0]!);
    expect(themes).toEqual(['dark', 'light', 'system']);
    expect(sent).toEqual([]);
  });
});

describe('Simulation menu', () => {
  it('runs, advises, fails and restores through the renderer’s actions, with their shortcuts shown', () => {
    const { menu, top, click, sent } = build();
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Simulation', '&Help']);
    const items = top('&Simulation').filter((i) => i.type !== 'separator');
    expect(items.map((i) => [i.label, i.accelerator ?? null])).toEqual([
      ['Run Simulation', 'F5'],
      ['Advise Placement', null],
      ['Fail Selected', 'Shift+F'],
      ['Restore Selected', 'Shift+U'],
      ['Restore All Failures', null],
      ['Utilisation Heatmap', 'CmdOrCtrl+Shift+H'],
    ]);
    for (const i of items) click(i);
    expect(sent).toEqual(['simulation.run', 'simulation.advise', 'simulation.fail', 'simulation.restore', 'simulation.restoreAll', 'view.heatmap']);
    // The renderer handles these keys itself (also in text fields for F5): the menu only shows them.
    expect(items.every((i) => i.accelerator === undefined || i.registerAccelerator === false)).toBe(true);
  });
});

describe('Help menu', () => {
  it('has Documentation, Keyboard Shortcuts and About', () => {
    const { top, click, sent, docsOpened } = build();
    const help = top('&Help');
    expect(help.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Documentation', 'Keyboard Shortcuts', 'About Rackplane']);
    click(help.find((i) => i.label === 'Keyboard Shortcuts')!);
    expect(sent).toEqual(['help.shortcuts']);
    sent.length = 0;
    click(help.find((i) => i.label === 'Documentation')!);
    expect(docsOpened()).toBe(1);
    click(help.find((i) => i.label === 'About Rackplane')!);
    expect(sent).toEqual(['help.about']);
  });

  it('leaves Documentation out when the installation has no docs, rather than show a dead item', () => {
    const menu = buildMenuTemplate({ isMac: false, isDev: false, recent: [], send: () => undefined, openRecent: () => undefined, theme: 'system', setTheme: () => undefined });
    const help = menu.find((m) => m.label === '&Help')!.submenu as Item[];
    expect(help.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['Keyboard Shortcuts', 'About Rackplane']);
  });
});

describe('every clickable menu item does something', () => {
  it('on each platform and build kind', () => {
    const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
    for (const isMac of [false, true]) {
      for (const isDev of [false, true]) {
        for (const i of flatten(build({ isMac, isDev }).menu)) {
          if (i.type === 'separator' || i.role || Array.isArray(i.submenu) || i.enabled === false) continue;
          expect(typeof i.click, `${i.label} (mac ${isMac}, dev ${isDev})`).toBe('function');
        }
      }
    }
  });
});

describe('File menu and windows', () => {
  it('has every item of the issue, New Window through the action registry, and Close Window as a window role', () => {
    const { top, click, sent } = build();
    const file = top('&File');
    const labels = file.filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);
    for (const label of ['New', 'New Window', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Close', 'Close Window', 'quit']) expect(labels, label).toContain(label);
    expect(labels.some((l) => l?.startsWith('Export'))).toBe(true);
    const newWindow = file.find((i) => i.label === 'New Window')!;
    // The renderer's registry owns the shortcut (renderer/actions/window-actions.ts).
    expect([newWindow.accelerator, newWindow.registerAccelerator]).toEqual(['CmdOrCtrl+Shift+N', false]);
    click(newWindow);
    expect(sent).toEqual(['file.newWindow']);
    expect(file.find((i) => i.label === 'Close Window')!.role).toBe('close');
  });

  it('offers the editor commands (duplicate, rename, arrange, collapse/expand all), each sent to the registry', () => {
    const { top, click, sent } = build();
    const find = (menu: string, label: string) => top(menu).find((i) => i.label === label)!;
    const expected: [string, string, string, string][] = [
      ['&Edit', 'Duplicate', 'edit.duplicate', 'CmdOrCtrl+D'],
      ['&Edit', 'Rename…', 'edit.rename', 'F2'],
      ['&Edit', 'Arrange Selection', 'layout.arrangeSelection', 'CmdOrCtrl+Alt+L'],
      ['&Edit', 'Arrange Design', 'layout.arrangeDesign', 'CmdOrCtrl+Shift+L'],
      ['&View', 'Collapse All Servers', 'host.collapseAll', 'CmdOrCtrl+Shift+Up'],
      ['&View', 'Expand All Servers', 'host.expandAll', 'CmdOrCtrl+Shift+Down'],
    ];
    for (const [menu, label, , accelerator] of expected) {
      const item = find(menu, label);
      // Shown only: the renderer's registry owns the key (so it also works with the menu bar hidden).
      expect([item.accelerator, item.registerAccelerator], label).toEqual([accelerator, false]);
      click(item);
    }
    expect(sent).toEqual(expected.map(([, , action]) => action));
  });

  it('lists the open windows in a macOS Window menu', () => {
    expect(build({ isMac: true }).menu.map((m) => m.label ?? m.role)).toEqual(['appMenu', '&File', '&Edit', '&View', '&Simulation', 'windowMenu', '&Help']);
    expect(build({ isMac: false }).menu.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Simulation', '&Help']);
  });
});

describe('theme preference', () => {
  it('defaults to following the OS', () => {
    expect(readPreferences(tempDir(), () => undefined)).toEqual({ theme: 'system' });
    expect(DEFAULT_PREFERENCES.theme).toBe('system');
  });

  it('persists the choice across starts', () => {
    const dir = tempDir();
    expect(saveTheme(dir, 'dark', () => undefined)).toEqual({ theme: 'dark' });
    expect(JSON.parse(readFileSync(join(dir, PREFERENCES_FILE), 'utf8'))).toEqual({ theme: 'dark' });
    expect(readPreferences(dir, () => undefined).theme).toBe('dark');
    saveTheme(dir, 'light', () => undefined);
    expect(readPreferences(dir, () => undefined).theme).toBe('light');
  });

  it.each([
    ['not JSON', 'theme=dark'],
    ['an unknown theme', JSON.stringify({ theme: 'solarized' })],
    ['a string', '"dark"'],
  ])('ignores a file with %s, with one log line, and follows the OS', (_what, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, PREFERENCES_FILE), text);
    const log: string[] = [];
    expect(readPreferences(dir, (l) => log.push(l))).toEqual({ theme: 'system' });
    expect(log).toHaveLength(1);
    expectOneLine(log[0]!);
    expect(log[0]).toContain(PREFERENCES_FILE);
  });

  it('replaces a damaged file when the user picks a theme', () => {
    const dir = tempDir();
    writeFileSync(join(dir, PREFERENCES_FILE), '{');
    saveTheme(dir, 'dark', () => undefined);
    expect(readPreferences(dir, () => undefined).theme).toBe('dark');
  });
});

describe('documentationFolder', () => {
  const places = (isPackaged: boolean, present: string[]) => ({
    isPackaged,
    appPath: '/src/rackplane',
    resourcesPath: '/opt/Rackplane/resources',
    exists: (p: string) => present.includes(p),
  });

  it('is the checkout docs/ when run from source, and the resources docs/ when packaged', () => {
    expect(documentationFolder(places(false, [join('/src/rackplane', 'docs')]))).toBe(join('/src/rackplane', 'docs'));
    expect(documentationFolder(places(true, [join('/opt/Rackplane/resources', 'docs'), join('/src/rackplane', 'docs')]))).toBe(join('/opt/Rackplane/resources', 'docs'));
  });

  it('is null when the installation carries no docs, even if a checkout exists elsewhere', () => {
    expect(documentationFolder(places(true, [join('/src/rackplane', 'docs')]))).toBeNull();
    expect(documentationFolder(places(false, []))).toBeNull();
  });
});

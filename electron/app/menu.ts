/**
 * The application menu. Every command item sends `menu:action` with a name from the renderer's action
 * registry, which performs it: the menu, the toolbar and the keyboard run the same code.
 *
 * Accelerators are shown but not registered (`registerAccelerator: false`): the renderer's registry owns
 * the shortcuts (it knows when a text field should keep Ctrl+Z or Delete), so a key press never fires twice.
 * The labels mirror the registry's shortcuts (renderer/actions/definitions.ts).
 */
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_ACTIONS, type MenuAction } from '../../shared/ipc/channels';
import type { ThemeSource } from './preferences';

export { MENU_ACTIONS, type MenuAction };

export interface MenuOptions {
  isMac: boolean;
  /** Adds Reload and Toggle Developer Tools (never in a packaged app). */
  isDev: boolean;
  /** Recent projects, most recent first. */
  recent: readonly string[];
  send(action: MenuAction): void;
  openRecent(path: string): void;
  /** View ▸ Layers, Straight Links and Minimap as the focused window shows them; the defaults when absent. */
  view?: MenuViewState;
  /** The persisted View ▸ Theme choice, shown checked. */
  theme: ThemeSource;
  setTheme(theme: ThemeSource): void;
  /** Opens the bundled guides; absent when this installation has none (the item is then left out). */
  openDocumentation?: () => void;
}

/**
 * The canvas's view choices the View menu shows checked (renderer/canvas/view-prefs.ts), and whether the minimap
 * shows (remembered with the panel layout, renderer/components/panel-layout.ts).
 */
export interface MenuViewState {
  layers: { pcie: boolean; ethernet: boolean; virtual: boolean };
  straightLinks: boolean;
  minimap: boolean;
}

/** What a new window shows: every layer, orthogonal links, the minimap. */
export const DEFAULT_MENU_VIEW: MenuViewState = { layers: { pcie: true, ethernet: true, virtual: true }, straightLinks: false, minimap: true };

export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => o.send(action),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  // Checkbox items: Electron flips the mark itself on click; the renderer's view state is the truth (o.view).
  const check = (label: string, action: MenuAction, checked: boolean, accelerator: string): MenuItemConstructorOptions => ({
    ...item(label, action, accelerator),
    type: 'checkbox',
    checked,
  });
  const view = o.view ?? DEFAULT_MENU_VIEW;

  const recentItems: MenuItemConstructorOptions[] = o.recent.length
    ? o.recent.map((path) => ({ label: basename(path), sublabel: path, toolTip: path, click: () => o.openRecent(path) }))
    : [{ label: 'No Recent Projects', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('New', 'file.new', 'CmdOrCtrl+N'),
      // The renderer asks main over `window:new`; with no window at all (macOS) main opens one itself.
      item('New Window', 'file.newWindow', 'CmdOrCtrl+Shift+N'),
      item('Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recentItems },
      sep,
      item('Save', 'file.save', 'CmdOrCtrl+S'),
      item('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      sep,
      item('Import Topology JSON…', 'file.importJson'),
      item('Import lspci Capture…', 'file.importLspci'),
      item('Export Topology JSON…', 'file.exportJson'),
      item('Export…', 'file.export', 'CmdOrCtrl+E'),
      item('Generate Deployment Config…', 'file.generate'),
      sep,
      item('Close', 'file.close'),
      // Closes the window (its close guard asks about unsaved changes), not just the design in it.
      { label: 'Close Window', role: 'close' },
      ...(o.isMac ? [] : [sep, { role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      item('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      item('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'),
      sep,
      item('Cut', 'edit.cut', 'CmdOrCtrl+X'),
      item('Copy', 'edit.copy', 'CmdOrCtrl+C'),
      item('Paste', 'edit.paste', 'CmdOrCtrl+V'),
      item('Duplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
      item('Delete', 'edit.delete', 'Delete'),
      sep,
      item('Rename…', 'edit.rename', 'F2'),
      item('Select All', 'edit.selectAll', 'CmdOrCtrl+A'),
      sep,
      item('Arrange Selection', 'layout.arrangeSelection', 'CmdOrCtrl+Alt+L'),
      item('Arrange Design', 'layout.arrangeDesign', 'CmdOrCtrl+Shift+L'),
    ],
  };

  // Radio items: Electron moves the check mark itself on click; the next rebuild reads it from `theme`.
  const themeItems: MenuItemConstructorOptions[] = (
    [
      ['system', 'System'],
      ['light', 'Light'],
      ['dark', 'Dark'],
    ] as const
  ).map(([source, label]) => ({ label, type: 'radio', checked: o.theme === source, click: () => o.setTheme(source) }));

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('Zoom In', 'view.zoomIn', 'CmdOrCtrl+Plus'),
      item('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      item('Zoom to Fit', 'view.zoomFit', 'CmdOrCtrl+0'),
      sep,
      {
        label: 'Layers',
        submenu: [
          check('PCIe', 'view.layerPcie', view.layers.pcie, '1'),
          check('Ethernet', 'view.layerEthernet', view.layers.ethernet, '2'),
          check('Virtual (VMs, vNICs, Port Groups)', 'view.layerVirtual', view.layers.virtual, '3'),
        ],
      },
      check('Straight Links', 'view.straightLinks', view.straightLinks, 'Shift+R'),
      // The same action as the canvas's hide/show control in the minimap's corner.
      check('Minimap', 'view.minimap', view.minimap, 'Shift+M'),
      sep,
      item('Collapse All Servers', 'host.collapseAll', 'CmdOrCtrl+Shift+Up'),
      item('Expand All Servers', 'host.expandAll', 'CmdOrCtrl+Shift+Down'),
      sep,
      item('Problems', 'view.problems', 'CmdOrCtrl+Shift+E'),
      item('Simulation', 'view.simulation', 'CmdOrCtrl+Shift+M'),
      sep,
      { label: 'Theme', submenu: themeItems },
      ...(o.isDev ? [sep, { role: 'reload' } as MenuItemConstructorOptions, { role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
    ],
  };

  // The scenario in the Simulation panel: run it, ask for placement advice, and fail or restore what is selected for
  // a what-if. Each item sends the renderer's action, which checks that it applies (a design is open, nothing runs,
  // something failable is selected), as its toolbar button and shortcut do.
  const simulationMenu: MenuItemConstructorOptions = {
    label: '&Simulation',
    submenu: [
      item('Run Simulation', 'simulation.run', 'F5'),
      item('Advise Placement', 'simulation.advise'),
      sep,
      item('Fail Selected', 'simulation.fail', 'Shift+F'),
      item('Restore Selected', 'simulation.restore', 'Shift+U'),
      item('Restore All Failures', 'simulation.restoreAll'),
      sep,
      item('Utilisation Heatmap', 'view.heatmap', 'CmdOrCtrl+Shift+H'),
    ],
  };

  const openDocs = o.openDocumentation;
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [...(openDocs ? [{ label: 'Documentation', click: () => openDocs() }, sep] : []), item('Keyboard Shortcuts', 'help.shortcuts', '?'), sep, item('About Rackplane', 'help.about')],
  };

  // macOS lists the open windows in its Window menu; elsewhere each window is a task-bar entry.
  const windowMenu: MenuItemConstructorOptions[] = o.isMac ? [{ role: 'windowMenu' }] : [];
  return [...(o.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, edit, viewMenu, simulationMenu, ...windowMenu, help];
}

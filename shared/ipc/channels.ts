/**
 * Names of the IPC channels, with no dependencies so that the sandboxed preload can bundle this file
 * alone. The argument schemas and result types live in `contract.ts`.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'project:new',
  'project:open',
  'project:openPath',
  'project:save',
  'project:recent',
  'project:autosave',
  'project:recoverable',
  'project:recover',
  'project:discardRecovery',
  'topology:import',
  'lspci:import',
  'topology:export',
  'generate:write',
  'export:write',
  'export:cancel',
  'project:cancelOpen',
  'catalog:list',
  'catalog:add',
  'catalog:remove',
  'catalog:importNetbox',
  'window:state',
  'window:close',
  'window:new',
  'help:openDoc',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/**
 * The guides the page may ask main to open (`help:openDoc`), by name: the page never sends a path, so it can only
 * open one of these Markdown files in the installation's docs folder (electron/app/documentation.ts).
 */
export const DOC_PAGES = ['simulation', 'rules', 'topology', 'catalog', 'export', 'desktop', 'qos', 'scenarios'] as const;
export type DocPage = (typeof DOC_PAGES)[number];

/**
 * Events main → renderer. `menu:action` carries an action name from the renderer's action registry;
 * `project:openRequested` carries an opaque token for a project the OS asked to open (command line,
 * file association, macOS `open-file`, File ▸ Open Recent): the renderer deals with unsaved changes,
 * then calls `project:openPath` with it. Main holds such requests until the renderer's first `window:state`.
 * `export:progress` carries the stage of a running File ▸ Export… (shared/ipc/export-request.ts).
 * `project:reading` says main has started reading a file for this window (after any Open dialog closed), so the
 * page's "Opening…" panel times its delay from the read, not from the dialog.
 */
export const EVENT_CHANNELS = ['menu:action', 'window:closeRequested', 'project:openRequested', 'export:progress', 'project:reading'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/**
 * Actions the native menu sends over `menu:action`. The renderer's action registry names these and more
 * (renderer/actions/types.ts builds its list from this one), so a menu item can never name a missing action.
 */
export const MENU_ACTIONS = [
  'file.new',
  'file.newWindow',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.importJson',
  'file.importLspci',
  'file.exportJson',
  'file.export',
  'file.generate',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.delete',
  'edit.selectAll',
  'edit.duplicate',
  'edit.rename',
  'layout.arrangeSelection',
  'layout.arrangeDesign',
  'host.collapseAll',
  'host.expandAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'view.layerPcie',
  'view.layerEthernet',
  'view.layerVirtual',
  'view.straightLinks',
  'view.minimap',
  'view.problems',
  'view.simulation',
  'view.heatmap',
  'simulation.run',
  'simulation.advise',
  'simulation.fail',
  'simulation.restore',
  'simulation.restoreAll',
  'help.shortcuts',
  'help.about',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

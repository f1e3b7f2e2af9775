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
  'topology:export',
  'export:write',
  'export:cancel',
  'catalog:list',
  'catalog:add',
  'catalog:remove',
  'window:state',
  'window:close',
  'window:new',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/**
 * Events main → renderer. `menu:action` carries an action name from the renderer's action registry;
 * `project:openRequested` carries the absolute path of a project the OS asked to open (command line,
 * file association, macOS `open-file`, File ▸ Open Recent): the renderer deals with unsaved changes,
 * then calls `project:openPath`. Main holds such paths until the renderer's first `window:state`.
 * `export:progress` carries the stage of a running File ▸ Export… (shared/ipc/export-request.ts).
 */
export const EVENT_CHANNELS = ['menu:action', 'window:closeRequested', 'project:openRequested', 'export:progress'] as const;
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
  'file.exportJson',
  'file.export',
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
  'view.problems',
  'view.simulation',
  'help.about',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

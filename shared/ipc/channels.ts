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
  'catalog:list',
  'catalog:add',
  'catalog:remove',
  'window:state',
  'window:close',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Events main → renderer. `menu:action` carries an action name from the renderer's action registry. */
export const EVENT_CHANNELS = ['menu:action', 'window:closeRequested'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/**
 * Help ▸ Keyboard Shortcuts: every action that has a shortcut, grouped as the menus group them, each with all
 * its keys written the platform's way. Built from the registry, so the sheet can never list a key that does
 * nothing or miss one that was added.
 */
import { formatShortcut, IS_MAC } from './keys';
import type { Action } from './types';
import type { AppState } from '../state/store';

export interface ShortcutRow {
  action: string;
  label: string;
  keys: string[];
}

export interface ShortcutGroup {
  title: string;
  rows: ShortcutRow[];
}

// By the action name's prefix, in menu order; an unknown prefix lands in "Other" rather than disappearing.
const GROUPS: readonly { title: string; prefixes: readonly string[] }[] = [
  { title: 'File', prefixes: ['file'] },
  { title: 'Edit', prefixes: ['edit', 'layout'] },
  { title: 'View', prefixes: ['view', 'host'] },
  { title: 'Catalog and simulation', prefixes: ['catalog', 'simulation'] },
  { title: 'Help', prefixes: ['help'] },
];

/**
 * Canvas gestures that are not actions (the wheel, dragging), listed under View after the View actions so the sheet
 * answers "how do I pan?" too. Wheel mapping: renderer/canvas/view-ops.ts wheelAction; splitters:
 * renderer/components/Splitter.tsx.
 */
export function gestureRows(mac: boolean): ShortcutRow[] {
  return [
    { action: 'gesture.wheelPan', label: 'Pan', keys: ['Wheel', 'Space+Drag', 'Middle-drag', 'Arrow keys'] },
    { action: 'gesture.wheelPanSideways', label: 'Pan sideways', keys: [mac ? '⇧ Wheel' : 'Shift+Wheel'] },
    { action: 'gesture.wheelZoom', label: 'Zoom about the pointer', keys: [mac ? '⌘ Wheel' : 'Ctrl+Wheel', 'Pinch'] },
    { action: 'gesture.splitter', label: 'Resize a panel (splitter focused)', keys: ['Arrow keys', mac ? '⇧ Arrow keys' : 'Shift+Arrow keys', 'Enter (default size)'] },
  ];
}

/** The sheet's groups, actions in registry order within each; actions without shortcuts are left out. */
export function shortcutSheet(actions: readonly Action[], state: AppState, mac?: boolean): ShortcutGroup[] {
  const groups = new Map<string, ShortcutRow[]>();
  for (const a of actions) {
    if (!a.shortcuts?.length) continue;
    const prefix = a.name.split('.')[0]!;
    const title = GROUPS.find((g) => g.prefixes.includes(prefix))?.title ?? 'Other';
    // Menu labels carry state ("Undo Rename"); the sheet names the command itself.
    const label = a.label(state).replace(/^(Undo|Redo) .*/, '$1');
    const rows = groups.get(title) ?? [];
    rows.push({ action: a.name, label, keys: a.shortcuts.map((s) => formatShortcut(s, mac)) });
    groups.set(title, rows);
  }
  groups.set('View', [...(groups.get('View') ?? []), ...gestureRows(mac ?? IS_MAC)]);
  return [...GROUPS.map((g) => g.title), 'Other'].filter((t) => groups.has(t)).map((title) => ({ title, rows: groups.get(title)! }));
}

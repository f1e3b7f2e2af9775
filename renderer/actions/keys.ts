/** Matching keyboard events to shortcuts, and writing shortcuts the way the platform does. */
import type { Shortcut } from './types';

/** True on macOS, where `mod` means Cmd and shortcuts are written with symbols. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Does the event press exactly this combination? Extra modifiers make it a different shortcut. */
export function matchesShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, s: Shortcut, mac = IS_MAC): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherMod = mac ? e.ctrlKey : e.metaKey;
  if (mod !== Boolean(s.mod) || otherMod || e.altKey !== Boolean(s.alt)) return false;
  // Symbol keys (+, ?) already imply Shift on most layouts, so Shift is only checked for letters and named keys.
  const symbol = s.key.length === 1 && !/[a-z0-9]/i.test(s.key);
  if (!symbol && e.shiftKey !== Boolean(s.shift)) return false;
  return e.key.toLowerCase() === s.key.toLowerCase();
}

const NAMED: Record<string, string> = { Delete: 'Del', Backspace: 'Backspace', Escape: 'Esc', ArrowUp: '↑', ArrowDown: '↓' };

/** `Ctrl+Shift+S` on Windows/Linux, `⇧⌘S` on macOS. */
export function formatShortcut(s: Shortcut, mac = IS_MAC): string {
  const key = NAMED[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key);
  if (mac) return `${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.mod ? '⌘' : ''}${key}`;
  return [s.mod ? 'Ctrl' : null, s.alt ? 'Alt' : null, s.shift ? 'Shift' : null, key].filter(Boolean).join('+');
}

/** Text inputs, text areas, selects and contenteditable regions own their keys. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  return false;
}

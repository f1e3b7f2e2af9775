/**
 * The main window's size, position and maximized state, remembered in `<userData>/window-state.json`.
 *
 * Everything here is pure or plain file I/O so it is tested under Node: main.ts reads the saved bounds,
 * clamps them to the displays that exist now (a monitor may have been unplugged since), and saves again,
 * debounced, while the window moves or resizes and once more when it closes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow extends Rect {
  maximized: boolean;
}

const int = z.number().int();
const SavedWindowSchema = z.object({
  version: z.literal(1),
  x: int,
  y: int,
  width: int.positive(),
  height: int.positive(),
  maximized: z.boolean(),
});

/** Size and position of a first start (no saved state): the window manager centres it. */
export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
/** The smallest usable window, also the BrowserWindow's minWidth/minHeight. */
export const MIN_SIZE = { width: 800, height: 500 } as const;
/** At least this much of the window (title bar included) must lie on a display to count as visible. */
const MIN_VISIBLE = 100;

/**
 * The saved window state, or null when there is none. A damaged or foreign file is ignored with one log
 * line: window geometry is a convenience and must never stop the app from starting.
 */
export function readWindowState(userDataDir: string, log: (line: string) => void): SavedWindow | null {
  const file = join(userDataDir, WINDOW_STATE_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // first start: nothing saved yet
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    log(`rackplane: ignoring ${file}: not valid JSON; the window opens at its default size`);
    return null;
  }
  const r = SavedWindowSchema.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    log(`rackplane: ignoring ${file}: ${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unexpected content'}; the window opens at its default size`);
    return null;
  }
  const { x, y, width, height, maximized } = r.data;
  return { x, y, width, height, maximized };
}

export function writeWindowState(userDataDir: string, state: SavedWindow): void {
  const file = join(userDataDir, WINDOW_STATE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const rounded = { version: 1, x: Math.round(state.x), y: Math.round(state.y), width: Math.round(state.width), height: Math.round(state.height), maximized: state.maximized };
  writeFileAtomic(file, JSON.stringify(rounded, null, 2) + '\n');
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Bounds that open the window where the user left it when that is still visible, else on the display it
 * overlaps most (or the first display), shrunk to fit that display's work area and moved inside it.
 * "Visible" means the top strip, where the title bar is, overlaps a work area by MIN_VISIBLE pixels both
 * ways, so the window can always be grabbed and moved. Returns null with no displays (let Electron choose).
 */
export function clampToDisplays(saved: Rect, workAreas: readonly Rect[]): Rect | null {
  if (workAreas.length === 0) return null;
  const titleStrip: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, MIN_VISIBLE) };
  const grabbable = workAreas.some((a) => {
    const o = overlap(titleStrip, a);
    return o.w >= Math.min(MIN_VISIBLE, saved.width) && o.h >= Math.min(MIN_VISIBLE / 2, titleStrip.height);
  });
  const fitsSomewhere = workAreas.some((a) => saved.width <= a.width && saved.height <= a.height);
  if (grabbable && fitsSomewhere) return { ...saved };

  // The display the window overlaps most keeps it; a window on no display goes to the first (primary) one.
  let target = workAreas[0]!;
  let best = 0;
  for (const a of workAreas) {
    const o = overlap(saved, a);
    if (o.w * o.h > best) {
      best = o.w * o.h;
      target = a;
    }
  }
  const width = clamp(saved.width, Math.min(MIN_SIZE.width, target.width), target.width);
  const height = clamp(saved.height, Math.min(MIN_SIZE.height, target.height), target.height);
  return {
    x: clamp(saved.x, target.x, target.x + target.width - width),
    y: clamp(saved.y, target.y, target.y + target.height - height),
    width,
    height,
  };
}

/** The BrowserWindow geometry options for a start: the saved, clamped bounds, or the default size. */
export function initialWindowBounds(saved: SavedWindow | null, workAreas: readonly Rect[]): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const clamped = clampToDisplays(saved, workAreas);
  return { bounds: clamped ?? { width: saved.width, height: saved.height }, maximized: saved.maximized };
}

/**
 * Collapses a burst of calls (a drag emits `move` many times a second) into one call `delayMs` after the
 * last; `flush` runs a pending call now (on close) and `cancel` drops it.
 */
export function debounce(fn: () => void, delayMs: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    fn();
  };
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  call.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    run();
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}

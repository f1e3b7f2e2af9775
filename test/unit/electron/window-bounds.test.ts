// The remembered window geometry (electron/app/window-bounds.ts): the state file, clamping to the
// displays that exist now, the first-start default, and the debounce that collapses drag events.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  debounce,
  DEFAULT_SIZE,
  initialWindowBounds,
  MIN_SIZE,
  readWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
} from '../../../electron/app/window-bounds';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-bounds-');
const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
// A second monitor to the right of the laptop, taller, with its work area below a 25 px top bar.
const MONITOR: Rect = { x: 1440, y: 25, width: 2560, height: 1415 };

describe('window state file', () => {
  it('round-trips size, position and maximized, rounding fractional (HiDPI) values', () => {
    const dir = tempDir();
    writeWindowState(dir, { x: -12.4, y: 30.6, width: 1200.2, height: 800, maximized: true });
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ version: 1, x: -12, y: 31, width: 1200, height: 800, maximized: true });
    expect(readWindowState(dir, () => undefined)).toEqual({ x: -12, y: 31, width: 1200, height: 800, maximized: true });
  });

  it('has nothing to say on a first start', () => {
    const log: string[] = [];
    expect(readWindowState(join(tempDir(), 'missing'), (l) => log.push(l))).toBeNull();
    expect(log).toEqual([]);
  });

  it.each([
    ['not JSON', '{"x": 1,'],
    ['a negative width', JSON.stringify({ version: 1, x: 0, y: 0, width: -5, height: 600, maximized: false })],
    ['a missing field', JSON.stringify({ version: 1, x: 0, y: 0, width: 900, height: 600 })],
    ['a future version', JSON.stringify({ version: 2, x: 0, y: 0, width: 900, height: 600, maximized: false })],
    ['an array', '[1,2,3]'],
  ])('ignores a file with %s, with one log line', (_what, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, WINDOW_STATE_FILE), text);
    const log: string[] = [];
    expect(readWindowState(dir, (l) => log.push(l))).toBeNull();
    expect(log).toHaveLength(1);
    expectOneLine(log[0]!);
    expect(log[0]).toContain(WINDOW_STATE_FILE);
    expect(log[0]).toContain('default size');
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that is on a display, including one on a secondary monitor', () => {
    expect(clampToDisplays({ x: 100, y: 50, width: 1200, height: 800 }, [LAPTOP])).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(clampToDisplays({ x: 2000, y: 100, width: 1800, height: 1200 }, [LAPTOP, MONITOR])).toEqual({ x: 2000, y: 100, width: 1800, height: 1200 });
  });

  it('keeps a window that hangs partly off the edge while its title bar can still be grabbed', () => {
    expect(clampToDisplays({ x: 1000, y: 300, width: 1200, height: 800 }, [LAPTOP])).toEqual({ x: 1000, y: 300, width: 1200, height: 800 });
  });

  it('brings back a window left on a monitor that has been unplugged, shrunk to fit', () => {
    const r = clampToDisplays({ x: 2000, y: 100, width: 1800, height: 1200 }, [LAPTOP])!;
    expect(r).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('moves a window whose title bar is above the screen back down', () => {
    expect(clampToDisplays({ x: 200, y: -600, width: 1000, height: 700 }, [LAPTOP])).toEqual({ x: 200, y: 0, width: 1000, height: 700 });
  });

  it('moves a window that only shows a sliver on the left back inside', () => {
    expect(clampToDisplays({ x: -1150, y: 100, width: 1200, height: 700 }, [LAPTOP])).toEqual({ x: 0, y: 100, width: 1200, height: 700 });
  });

  it('puts a window that is off every display on the display it overlaps most, else the first', () => {
    // Mostly on the monitor but its title bar is above the monitor's work area.
    expect(clampToDisplays({ x: 1600, y: -200, width: 1000, height: 900 }, [LAPTOP, MONITOR])).toEqual({ x: 1600, y: 25, width: 1000, height: 900 });
    expect(clampToDisplays({ x: 9000, y: 9000, width: 1000, height: 700 }, [MONITOR, LAPTOP])).toEqual({ x: 3000, y: 740, width: 1000, height: 700 });
  });

  it('never makes a window smaller than the minimum unless the display is smaller still', () => {
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 480 };
    expect(clampToDisplays({ x: 5000, y: 0, width: 1400, height: 900 }, [tiny])).toEqual({ x: 0, y: 0, width: 640, height: 480 });
    const r = clampToDisplays({ x: 5000, y: 0, width: 300, height: 200 }, [LAPTOP])!;
    expect([r.width, r.height]).toEqual([MIN_SIZE.width, MIN_SIZE.height]);
  });

  it('leaves the choice to Electron when it reports no displays', () => {
    expect(clampToDisplays({ x: 0, y: 0, width: 900, height: 600 }, [])).toBeNull();
  });
});

describe('initialWindowBounds', () => {
  it('uses the default size on a first start and the clamped saved bounds after', () => {
    expect(initialWindowBounds(null, [LAPTOP])).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
    expect(initialWindowBounds({ x: 3000, y: 200, width: 1000, height: 700, maximized: true }, [LAPTOP])).toEqual({
      bounds: { x: 440, y: 175, width: 1000, height: 700 },
      maximized: true,
    });
    expect(initialWindowBounds({ x: 3000, y: 200, width: 1000, height: 700, maximized: false }, [])).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
  });
});

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once after a burst, runs a pending call on flush, and drops it on cancel', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 500);
    for (let i = 0; i < 20; i++) {
      d();
      vi.advanceTimersByTime(100);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);

    d();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.flush();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);

    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

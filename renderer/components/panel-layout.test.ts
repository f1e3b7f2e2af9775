import { describe, expect, test } from 'vitest';
import { clampSize, DEFAULT_LAYOUT, PANEL_LIMITS, PanelLayoutStore, parseLayout, type LayoutStorage } from './panel-layout';

class MemoryStorage implements LayoutStorage {
  readonly data = new Map<string, string>();
  writes = 0;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.writes++;
    this.data.set(k, v);
  }
}

describe('clampSize', () => {
  test('keeps a size within the panel limits, in whole pixels', () => {
    expect(clampSize('left', 10)).toBe(PANEL_LIMITS.left.min);
    expect(clampSize('left', 10_000)).toBe(PANEL_LIMITS.left.max);
    expect(clampSize('right', 300.6)).toBe(301);
  });
  test('leaves the canvas its share of the room available, but never goes below the minimum', () => {
    // 900 px of workspace beside the other column: the canvas keeps 360, so the panel gets at most 540 → max 520.
    expect(clampSize('left', 700, 900)).toBe(520);
    expect(clampSize('left', 700, 700)).toBe(700 - PANEL_LIMITS.left.keep);
    expect(clampSize('simulation', 900, 500)).toBe(500 - PANEL_LIMITS.simulation.keep);
    expect(clampSize('simulation', 900, 200)).toBe(PANEL_LIMITS.simulation.min);
  });
});

describe('parseLayout', () => {
  test('reads what was saved and repairs what is not usable, field by field', () => {
    expect(parseLayout(null)).toBe(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toBe(DEFAULT_LAYOUT);
    expect(parseLayout('7')).toBe(DEFAULT_LAYOUT);
    expect(parseLayout(JSON.stringify({ sizes: { left: 300, right: 'wide', simulation: 1e9, bogus: 5 }, minimap: false }))).toEqual({
      sizes: { left: 300, simulation: PANEL_LIMITS.simulation.max },
      minimap: false,
    });
    expect(parseLayout(JSON.stringify({ sizes: null, minimap: 'no' }))).toEqual({ sizes: {}, minimap: true });
  });
});

describe('PanelLayoutStore', () => {
  test('remembers sizes and the minimap choice across instances (a restart), writing on release only', () => {
    const storage = new MemoryStorage();
    const a = new PanelLayoutStore(storage);
    let calls = 0;
    a.subscribe(() => calls++);
    expect(a.sizeOf('left')).toBe(PANEL_LIMITS.left.initial);
    a.setSize('left', 301, 0, false); // while dragging
    a.setSize('left', 333, 0, false);
    expect(storage.writes).toBe(0);
    a.setSize('left', 340); // released
    a.setMinimap(false);
    expect(calls).toBe(4);
    const b = new PanelLayoutStore(storage);
    expect(b.sizeOf('left')).toBe(340);
    expect(b.get().minimap).toBe(false);
    b.resetSize('left');
    expect(new PanelLayoutStore(storage).sizeOf('left')).toBe(PANEL_LIMITS.left.initial);
  });
  test('a storage that throws leaves the layout working for the session', () => {
    const broken: LayoutStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const s = new PanelLayoutStore(broken);
    s.setSize('right', 400);
    expect(s.sizeOf('right')).toBe(400);
  });
});

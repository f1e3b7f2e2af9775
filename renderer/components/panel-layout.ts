/**
 * The window's panel layout: how wide the side columns are, how tall the panels docked under the canvas and the
 * palette are (each set by dragging or keying its splitter, ./Splitter.tsx), and whether the minimap shows. Like
 * the theme these are the user's arrangement of the window, not part of a design: they are remembered across
 * restarts (in the page's localStorage, which Electron keeps in the profile folder) and shared by every design.
 *
 * Sizes are CSS pixels. A size the user never set is absent and the stylesheet's default applies, so a default
 * can still adapt to the window (the simulation panel's share of the column, say).
 */
import { useSyncExternalStore } from 'react';

/** The resizable panels. */
export type PanelKey = 'left' | 'right' | 'simulation' | 'problems' | 'palette';

export interface PanelLimits {
  /** Size when never set; the stylesheet's default, for keyboard steps from it and for double-click reset. */
  initial: number;
  min: number;
  max: number;
  /** What the container must keep besides this panel (the canvas's share), px. */
  keep: number;
}

/** Limits per panel. A side column can never squeeze the canvas below `keep`, nor a docked panel the canvas. */
export const PANEL_LIMITS: Record<PanelKey, PanelLimits> = {
  left: { initial: 264, min: 180, max: 520, keep: 360 },
  right: { initial: 320, min: 220, max: 600, keep: 360 },
  simulation: { initial: 300, min: 160, max: 2000, keep: 140 },
  problems: { initial: 220, min: 120, max: 2000, keep: 140 },
  palette: { initial: 260, min: 90, max: 2000, keep: 120 },
};

export interface PanelLayout {
  sizes: Partial<Record<PanelKey, number>>;
  minimap: boolean;
}

export const DEFAULT_LAYOUT: PanelLayout = { sizes: {}, minimap: true };

/** Pixels one arrow key press moves a splitter; Shift moves this many times more (as in VS Code's sashes). */
export const KEY_STEP = 16;
export const KEY_STEP_FAST = 4;

/**
 * A size clamped to the panel's limits and to what the container (`available` px along the splitter's axis, 0 when
 * unknown) leaves after the canvas's share; whole pixels.
 */
export function clampSize(key: PanelKey, size: number, available = 0): number {
  const l = PANEL_LIMITS[key];
  const room = available > 0 ? Math.max(l.min, available - l.keep) : l.max;
  return Math.round(Math.max(l.min, Math.min(l.max, room, size)));
}

const STORAGE_KEY = 'rackplane.panelLayout.v1';

/** Reads a stored layout; anything unreadable or out of range falls back to the default, field by field. */
export function parseLayout(text: string | null): PanelLayout {
  if (!text) return DEFAULT_LAYOUT;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_LAYOUT;
  const r = raw as { sizes?: unknown; minimap?: unknown };
  const sizes: PanelLayout['sizes'] = {};
  if (typeof r.sizes === 'object' && r.sizes !== null) {
    for (const key of Object.keys(PANEL_LIMITS) as PanelKey[]) {
      const v = (r.sizes as Record<string, unknown>)[key];
      if (typeof v === 'number' && Number.isFinite(v)) sizes[key] = clampSize(key, v);
    }
  }
  return { sizes, minimap: typeof r.minimap === 'boolean' ? r.minimap : DEFAULT_LAYOUT.minimap };
}

/** Where the layout is kept; a Map in unit tests. */
export interface LayoutStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class PanelLayoutStore {
  private state: PanelLayout;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: LayoutStorage | null) {
    let text: string | null = null;
    try {
      text = storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      // Storage refused (a locked-down profile): start from the default and keep the layout for this session.
    }
    this.state = parseLayout(text);
  }

  get = (): PanelLayout => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** The panel's size: the user's, or its initial size. */
  sizeOf(key: PanelKey): number {
    return this.state.sizes[key] ?? PANEL_LIMITS[key].initial;
  }

  /** Sets a panel's size (clamped; `available` as in clampSize); `remember` writes it to storage. */
  setSize(key: PanelKey, size: number, available = 0, remember = true): void {
    const v = clampSize(key, size, available);
    if (this.state.sizes[key] !== v) this.set({ ...this.state, sizes: { ...this.state.sizes, [key]: v } }, false);
    if (remember) this.save();
  }

  /** Forgets a panel's size: the stylesheet's default applies again (double-click on a splitter). */
  resetSize(key: PanelKey): void {
    if (this.state.sizes[key] === undefined) return;
    const sizes = { ...this.state.sizes };
    delete sizes[key];
    this.set({ ...this.state, sizes }, true);
  }

  setMinimap(shown: boolean): void {
    if (shown !== this.state.minimap) this.set({ ...this.state, minimap: shown }, true);
  }

  private set(next: PanelLayout, remember: boolean): void {
    this.state = next;
    if (remember) this.save();
    for (const fn of this.listeners) fn();
  }

  private save(): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      // A full or refused storage only means the layout is not remembered; the window keeps working.
    }
  }
}

let instance: PanelLayoutStore | null = null;

/** The layout of this window (one per page, read from the page's storage on first use). */
export function panelLayout(): PanelLayoutStore {
  instance ??= new PanelLayoutStore(typeof localStorage === 'undefined' ? null : localStorage);
  return instance;
}

/** The current layout, re-rendering when it changes. */
export function usePanelLayout(): PanelLayout {
  const s = panelLayout();
  return useSyncExternalStore(s.subscribe, s.get);
}

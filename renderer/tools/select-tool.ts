/**
 * The select tool as a small state machine (STYLE.md point 8): idle → pointing → moving | brushing, plus
 * panning. It knows nothing of React or Konva; the canvas feeds it pointer events in screen pixels and it
 * calls back through `SelectToolHost`. A move previews on the canvas and commits once, on release, so a
 * drag is one undo step and a 2,000-host design is not rebuilt on every pointer move. A click on a server's
 * chevron, or a double click on its header row, collapses or expands it (the scene's hotspots, port-hit.ts).
 */
import type { HotspotHit } from '../../shared/scene/port-hit';
import type { Hit } from '../../shared/scene/spatial';
import type { Bounds } from '../../shared/scene/types';

/** Pointer travel (px) that turns a press into a drag. */
export const DRAG_SLOP = 4;

export interface ToolPointer {
  pointerId: number;
  /** Canvas-local screen pixels. */
  x: number;
  y: number;
  button: number;
  shift: boolean;
  /** Alt held: no snapping. */
  alt: boolean;
}

export interface SelectionIds {
  elements: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

/** What the tool needs from the canvas. */
export interface SelectToolHost {
  scale(): number;
  hitAt(x: number, y: number): Hit | null;
  selection(): SelectionIds;
  select(sel: SelectionIds): void;
  /** Pans by a screen delta from the viewport the gesture started with. */
  panFrom(origin: { x: number; y: number }, dx: number, dy: number): void;
  viewOrigin(): { x: number; y: number };
  /** Starts a move of the selected elements; false when nothing can move. */
  beginMove(anchorId: string): boolean;
  /** World delta, snapped unless `free`. */
  previewMove(dx: number, dy: number, free: boolean): void;
  /** Commits the move, released at screen point (x, y). */
  commitMove(x: number, y: number): void;
  cancelMove(): void;
  /** The rubber band in screen pixels, or null when none is drawn. */
  setBrush(rect: Bounds | null): void;
  /** Element ids the band (screen rectangle) encloses. */
  enclosed(rect: Bounds): string[];
  setPanning(on: boolean): void;
  /** The server hotspot of `role` (collapse chevron, header row) under screen point (x, y), or null. */
  hotspotAt(x: number, y: number, role: HotspotHit['role']): HotspotHit | null;
  /** Collapses the server if open, expands it if collapsed: one undo step. */
  toggleCollapsed(id: string): void;
}

type State =
  | { name: 'idle' }
  | { name: 'pointing'; p: ToolPointer; hit: Hit | null; toggle: HotspotHit | null }
  | { name: 'panning'; p: ToolPointer; origin: { x: number; y: number } }
  | { name: 'moving'; p: ToolPointer }
  | { name: 'brushing'; p: ToolPointer; rect: Bounds };

const rectOf = (a: { x: number; y: number }, b: { x: number; y: number }): Bounds => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });

export class SelectTool {
  private state: State = { name: 'idle' };

  constructor(private readonly host: SelectToolHost) {}

  get stateName(): State['name'] {
    return this.state.name;
  }

  /** A press; `pan` when space is held (left-drag pans anywhere). Returns whether the tool took the pointer. */
  down(p: ToolPointer, pan: boolean): boolean {
    if (this.state.name !== 'idle') return false;
    if (p.button === 1 || (p.button === 0 && pan)) {
      this.state = { name: 'panning', p, origin: this.host.viewOrigin() };
      return true;
    }
    if (p.button !== 0) return false;
    this.state = { name: 'pointing', p, hit: this.host.hitAt(p.x, p.y), toggle: this.host.hotspotAt(p.x, p.y, 'collapseToggle') };
    return true;
  }

  move(e: ToolPointer): void {
    const s = this.state;
    if (s.name === 'idle' || s.p.pointerId !== e.pointerId) return;
    const dx = e.x - s.p.x;
    const dy = e.y - s.p.y;
    switch (s.name) {
      case 'pointing': {
        if (Math.hypot(dx, dy) < DRAG_SLOP) return;
        if (s.hit?.type === 'element') {
          // Dragging an unselected element moves it alone (or joins it to the selection with Shift).
          const cur = this.host.selection();
          if (!cur.elements.has(s.hit.id)) {
            this.host.select(s.p.shift ? { elements: new Set([...cur.elements, s.hit.id]), links: cur.links } : { elements: new Set([s.hit.id]), links: new Set() });
          }
          if (!this.host.beginMove(s.hit.id)) {
            this.state = { name: 'idle' };
            return;
          }
          this.state = { name: 'moving', p: s.p };
          this.move(e);
        } else if (s.hit === null) {
          this.state = { name: 'brushing', p: s.p, rect: rectOf(s.p, e) };
          this.host.setBrush(this.state.rect);
        }
        return;
      }
      case 'panning':
        this.host.setPanning(true);
        this.host.panFrom(s.origin, dx, dy);
        return;
      case 'moving': {
        const k = this.host.scale();
        this.host.previewMove(dx / k, dy / k, e.alt);
        return;
      }
      case 'brushing':
        s.rect = rectOf(s.p, e);
        this.host.setBrush(s.rect);
        return;
    }
  }

  up(e: ToolPointer): void {
    const s = this.state;
    if (s.name === 'idle' || s.p.pointerId !== e.pointerId) return;
    this.state = { name: 'idle' };
    switch (s.name) {
      case 'pointing':
        // A click on a server's chevron opens or closes it (and selects it, as any click on it would).
        if (s.toggle && !s.p.shift) {
          this.host.select({ elements: new Set([s.toggle.element]), links: new Set() });
          this.host.toggleCollapsed(s.toggle.element);
          return;
        }
        this.click(s.hit, s.p.shift);
        return;
      case 'panning':
        this.host.setPanning(false);
        return;
      case 'moving':
        this.host.commitMove(e.x, e.y);
        return;
      case 'brushing': {
        this.host.setBrush(null);
        const ids = this.host.enclosed(s.rect);
        const cur = this.host.selection();
        this.host.select(s.p.shift ? { elements: new Set([...cur.elements, ...ids]), links: cur.links } : { elements: new Set(ids), links: new Set() });
        return;
      }
    }
  }

  /**
   * A double click (canvas-local screen pixels): on a server's header row it collapses or expands the server.
   * On the chevron it does nothing more: each of its two clicks already toggled.
   */
  doubleClick(p: { x: number; y: number }): void {
    if (this.state.name !== 'idle' || this.host.hotspotAt(p.x, p.y, 'collapseToggle')) return;
    const header = this.host.hotspotAt(p.x, p.y, 'header');
    if (header) this.host.toggleCollapsed(header.element);
  }

  /** Escape or a lost pointer: abandon the gesture, leaving the design as it was. */
  cancel(): void {
    const s = this.state;
    this.state = { name: 'idle' };
    if (s.name === 'moving') this.host.cancelMove();
    if (s.name === 'brushing') this.host.setBrush(null);
    if (s.name === 'panning') this.host.setPanning(false);
  }

  // A click selects what is under the pointer; Shift adds or removes it; on empty canvas it clears.
  private click(hit: Hit | null, additive: boolean): void {
    const cur = this.host.selection();
    if (!hit) {
      if (!additive) this.host.select({ elements: new Set(), links: new Set() });
      return;
    }
    const key = hit.type === 'element' ? 'elements' : 'links';
    if (additive) {
      const next = { elements: new Set(cur.elements), links: new Set(cur.links) };
      if (next[key].has(hit.id)) next[key].delete(hit.id);
      else next[key].add(hit.id);
      this.host.select(next);
    } else {
      this.host.select(hit.type === 'element' ? { elements: new Set([hit.id]), links: new Set() } : { elements: new Set(), links: new Set([hit.id]) });
    }
  }
}

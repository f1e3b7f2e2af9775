/**
 * The wiring tool as a small state machine (STYLE.md point 8): idle → pointing (pressed on a port marker)
 * → dragging (a rubber line follows the cursor; the port under it says ok or why not) → released on a
 * compatible port, which adds the link with ONE command, so one undo removes it. Escape cancels. Like the
 * select tool it knows nothing of React or Konva: the canvas feeds it screen pixels through `WireToolHost`.
 */
import type { ConnectResult, PortRef } from '../../shared/model/connect';
import type { Link } from '../../shared/model/links';
import type { PortHit } from '../../shared/scene/port-hit';
import { DRAG_SLOP, type ToolPointer } from './select-tool';

/** What the canvas draws while wiring, world units except `cursor` (screen pixels, for the hint). */
export interface WirePreview {
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** none: over no port; ok: releasing here connects; refused: `reason` says why not. */
  status: 'none' | 'ok' | 'refused';
  reason: string | null;
  /** The port a release would connect to, as "element port". */
  target: PortRef | null;
  cursor: { x: number; y: number };
}

export interface WireToolHost {
  /** The port marker under a screen point, or null (also null when markers are too small to be drawn). */
  portAt(x: number, y: number): PortHit | null;
  /** The element under a screen point (for wires dropped on a NIC body, which take a free VF). */
  elementAt(x: number, y: number): string | null;
  /** Where a wire from `from` lands on element `target` when released on its body rather than a marker. */
  landing(from: PortRef, target: string): string | null;
  /** World coordinates of the anchor of `port` (for a target found by `landing`), or null. */
  anchorOf(ref: PortRef): { x: number; y: number } | null;
  toWorld(x: number, y: number): { x: number; y: number };
  check(from: PortRef, to: PortRef): ConnectResult;
  setPreview(p: WirePreview | null): void;
  /** A press and release on a port without dragging: treated as a click on its element. */
  clickElement(id: string, additive: boolean): void;
  connect(link: Link): void;
  refused(reason: string): void;
}

type State = { name: 'idle' } | { name: 'pointing'; p: ToolPointer; from: PortHit } | { name: 'dragging'; p: ToolPointer; from: PortHit };

export class WireTool {
  private state: State = { name: 'idle' };

  constructor(private readonly host: WireToolHost) {}

  get stateName(): State['name'] {
    return this.state.name;
  }

  /** A press: taken only when it lands on a port marker with the primary button. */
  down(p: ToolPointer): boolean {
    if (this.state.name !== 'idle' || p.button !== 0) return false;
    const from = this.host.portAt(p.x, p.y);
    if (!from) return false;
    this.state = { name: 'pointing', p, from };
    return true;
  }

  move(e: ToolPointer): void {
    const s = this.state;
    if (s.name === 'idle' || s.p.pointerId !== e.pointerId) return;
    if (s.name === 'pointing') {
      if (Math.hypot(e.x - s.p.x, e.y - s.p.y) < DRAG_SLOP) return;
      this.state = { name: 'dragging', p: s.p, from: s.from };
    }
    this.host.setPreview(this.evaluate(s.from, e));
  }

  up(e: ToolPointer): void {
    const s = this.state;
    if (s.name === 'idle' || s.p.pointerId !== e.pointerId) return;
    this.state = { name: 'idle' };
    if (s.name === 'pointing') {
      this.host.clickElement(s.from.element, s.p.shift);
      return;
    }
    const preview = this.evaluate(s.from, e);
    this.host.setPreview(null);
    if (!preview.target) return;
    const r = this.host.check(s.from, preview.target);
    if (r.ok) this.host.connect(r.link);
    else this.host.refused(r.reason);
  }

  /** Escape or a lost pointer: drop the wire; nothing is added. */
  cancel(): void {
    const was = this.state.name;
    this.state = { name: 'idle' };
    if (was === 'dragging') this.host.setPreview(null);
  }

  /** Where the wire ends for a cursor position, and whether a release there would connect. */
  private evaluate(from: PortHit, e: ToolPointer): WirePreview {
    const cursor = { x: e.x, y: e.y };
    const start = { x: from.x, y: from.y };
    const free = { from: start, to: this.host.toWorld(e.x, e.y), status: 'none' as const, reason: null, target: null, cursor };
    let target: PortRef;
    let end = free.to;
    const port = this.host.portAt(e.x, e.y);
    if (port) {
      if (port.element === from.element && port.port === from.port) return free;
      target = { element: port.element, port: port.port };
      end = { x: port.x, y: port.y };
    } else {
      const el = this.host.elementAt(e.x, e.y);
      const landed = el === null || el === from.element ? null : this.host.landing(from, el);
      if (el === null || landed === null) return free;
      target = { element: el, port: landed };
      end = this.host.anchorOf(target) ?? end;
    }
    const r = this.host.check(from, target);
    return { from: start, to: end, status: r.ok ? 'ok' : 'refused', reason: r.ok ? null : r.reason, target, cursor };
  }
}

/**
 * The renderer-agnostic description of a drawing. The canvas (Konva) and the later SVG/PNG/PDF exports
 * both paint these records, so what is exported is exactly what is on screen (STYLE.md point 11).
 * Colours are role names, resolved to concrete colours by a palette (see palette.ts), so one scene
 * serves the light and the dark theme.
 */
import type { ElementId, LinkId } from '../model/ids';
import type { ElementKind } from '../model/elements';
import type { LinkKind } from '../model/links';

/** Semantic colour slots; a palette maps each to a CSS colour. */
export type ColorRole =
  | 'canvas'
  | 'grid'
  | 'text'
  | 'textMuted'
  | 'textOnAccent'
  | 'host.fill'
  | 'host.stroke'
  | 'host.header'
  | 'compute.fill'
  | 'compute.stroke'
  | 'pcie.fill'
  | 'pcie.stroke'
  | 'nic.fill'
  | 'nic.stroke'
  | 'vswitch.fill'
  | 'vswitch.stroke'
  | 'switch.fill'
  | 'switch.stroke'
  | 'storage.fill'
  | 'storage.stroke'
  | 'port.pcie'
  | 'port.ethernet'
  | 'port.virtual'
  | 'badge.fill'
  | 'link.pcie'
  | 'link.ethernet'
  | 'link.virtual'
  | 'link.sChannel'
  | 'selection'
  | 'selection.fill'
  | 'problem.error'
  | 'problem.warning'
  | 'problem.info';

/**
 * How fine a detail is: 0 = always drawn (the box), 1 = titles (drawn from a moderate zoom),
 * 2 = fine print and port markers (drawn only when they would be legible). Painters skip what the
 * current zoom makes illegible, which is also what keeps a 50,000-element overview responsive.
 */
export type Detail = 0 | 1 | 2;

export interface RectShape {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: ColorRole | null;
  stroke: ColorRole | null;
  strokeWidth: number;
  radius: number;
  dash: number[] | null;
  detail: Detail;
}

export interface TextShape {
  type: 'text';
  /** Left edge of the text box; `w` bounds it (painters elide what does not fit). */
  x: number;
  /** Top of the text box. */
  y: number;
  w: number;
  text: string;
  size: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  fill: ColorRole;
  detail: Detail;
}

export interface LineShape {
  type: 'line';
  points: number[];
  stroke: ColorRole;
  strokeWidth: number;
  dash: number[] | null;
  detail: Detail;
}

/** A small square marking where links attach. */
export interface PortShape {
  type: 'port';
  name: string;
  x: number;
  y: number;
  size: number;
  fill: ColorRole;
  detail: Detail;
}

export type Shape = RectShape | TextShape | LineShape | PortShape;

export type Side = 'top' | 'bottom' | 'left' | 'right';

/** Where a link attaches to an element, in the element's local coordinates. */
export interface Anchor {
  x: number;
  y: number;
  side: Side;
}

/**
 * A clickable area of a look that is not a port, in local coordinates: a server's collapse chevron (a click
 * toggles) and its header row (a double click toggles). Part of the description, so the hit test finds it
 * exactly where it is drawn.
 */
export interface Hotspot {
  role: 'collapseToggle' | 'header';
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How one element looks, independent of where it is: size, shapes and anchors in local coordinates. */
export interface ElementLook {
  w: number;
  h: number;
  shapes: Shape[];
  /** Anchors by port name. Ports without their own anchor (e.g. SR-IOV VFs) fall back to `fallback`. */
  anchors: Readonly<Record<string, Anchor>>;
  fallback: Anchor;
  /** True for elements drawn as containers of others (hosts): they paint beneath links and contents. */
  container: boolean;
  /** Clickable areas besides ports (servers only); absent when there are none. */
  hotspots?: readonly Hotspot[];
}

/** An element placed in the scene: absolute position plus its look. */
export interface SceneNode {
  id: ElementId;
  kind: ElementKind;
  name: string;
  /** Absolute top-left corner, design units. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Nesting depth: 0 at top level. */
  depth: number;
  look: ElementLook;
  /** A top-level server's contents by kind (every nested element, shown or folded): the zoomed-out summary's counts. */
  contents?: Readonly<Partial<Record<ElementKind, number>>>;
}

export interface LinkPath {
  id: LinkId;
  kind: LinkKind;
  /** Absolute polyline x0,y0,x1,y1,… */
  points: number[];
  stroke: ColorRole;
  strokeWidth: number;
  dash: number[] | null;
  /**
   * True for links between different top-level items (server-to-switch cables): they paint beneath the
   * containers, so cables from lower servers pass behind the ones above instead of across their VMs.
   * Links inside one container paint above it and beneath its contents.
   */
  under: boolean;
  /**
   * Set when a cable leaving a server is drawn in parts with the link's id (shared/scene/cables.ts): `inside` runs
   * from the port to the server's edge and paints above the server; `outside` runs from that edge to the far end.
   */
  part?: 'inside' | 'outside';
}

export interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Everything to draw for a design, in paint order (containers first, then contents). */
export interface Scene {
  nodes: SceneNode[];
  links: LinkPath[];
  /** Index of each node in `nodes` by element id. */
  nodeIndex: ReadonlyMap<string, number>;
  /** Union of every node and link; null for an empty design. */
  bounds: Bounds | null;
}

/**
 * The diagram as SVG, painted from the same scene description as the canvas (shared/scene), so an export never
 * drifts from the screen (STYLE.md point 11). Text stays text (selectable, searchable) and the design's topology
 * JSON rides along in <metadata>, so Rackplane can reopen the file (svgToDesign).
 *
 * Size matters (a 2,000-host fabric must stay under twice its JSON): repeated styles are CSS classes, an
 * element's boxes and port markers are a <defs> entry reused by every element that looks the same, and all
 * links of one style are a single <path>.
 */
import { designToDocument, importTopologyJson, type LoadResult } from '../formats/topology';
import type { Design } from '../model/design';
import { exhaustive } from '../model/elements';
import { HEAT_BANDS, heatWidthFactor } from '../scene/heatmap';
import { PALETTES, type Palette, type ThemeName } from '../scene/palette';
import { problemShapes } from '../scene/problems';
import type { LinkPath, SceneNode, Shape, TextShape } from '../scene/types';
import { diagramLabels } from './labels';
import { selectDiagram, type DiagramOptions } from './selection';
import { printableLine } from '../text/printable';
import { findEmbeddedDesign } from './svg-metadata';
import { escapeXml, num } from './xml';

export { EXPORT_LAYERS, elementLayer, linkLayer, type ExportLayer } from './selection';

export interface SvgOptions extends DiagramOptions {
  theme?: ThemeName;
  /** Embed the topology JSON so the file can be reopened (default true; the HTML report leaves it out). */
  embedDesign?: boolean;
  /** Paint the theme's canvas colour behind the diagram (default true); false leaves it transparent (PNG export). */
  background?: boolean;
}

/** The namespace and element of the embedded design; svgToDesign looks for the element by its local name. */
export const SVG_METADATA_NS = 'https://rackplane.dev/ns/design';
const META_TAG = 'rackplane-design';

const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',sans-serif";
/** Average glyph advance of a sans-serif face in em: an estimate, since an export cannot measure text. */
const EM_ADVANCE = 0.56;
/** Alphabetic baseline below the top of the text box, in em (the canvas draws with textBaseline "top"). */
const ASCENT = 0.82;

/**
 * CSS classes, one per distinct declaration list, named c0, c1, … in order of first use. Another prefix keeps
 * several SVGs inline in one HTML page (the report's charts) from restyling each other's classes.
 */
export class StyleSheet {
  private readonly classes = new Map<string, string>();
  constructor(private readonly prefix = 'c') {}
  cls(decl: string): string {
    let c = this.classes.get(decl);
    if (!c) {
      c = `${this.prefix}${this.classes.size}`;
      this.classes.set(decl, c);
    }
    return c;
  }
  css(): string {
    return [...this.classes].map(([decl, c]) => `.${c}{${decl}}`).join('\n');
  }
}

function strokeDecl(color: string, width: number, dash: readonly number[] | null): string {
  return `stroke:${color};stroke-width:${num(width)}${dash && dash.length ? `;stroke-dasharray:${dash.map(num).join(' ')}` : ''}`;
}

/** One scene shape as SVG, offset by (ox, oy), its style a class of `css`. */
export function shapeSvg(s: Shape, ox: number, oy: number, p: Palette, css: StyleSheet): string {
  switch (s.type) {
    case 'rect': {
      const decl = `fill:${s.fill ? p[s.fill] : 'none'}${s.stroke ? `;${strokeDecl(p[s.stroke], s.strokeWidth, s.dash)}` : ''}`;
      const r = s.radius > 0 ? ` rx="${num(Math.min(s.radius, s.w / 2, s.h / 2))}"` : '';
      return `<rect class="${css.cls(decl)}" x="${num(ox + s.x)}" y="${num(oy + s.y)}" width="${num(s.w)}" height="${num(s.h)}"${r}/>`;
    }
    case 'line': {
      const pts: string[] = [];
      for (let i = 0; i + 1 < s.points.length; i += 2) pts.push(`${num(ox + s.points[i]!)},${num(oy + s.points[i + 1]!)}`);
      return `<polyline class="${css.cls(`fill:none;${strokeDecl(p[s.stroke], s.strokeWidth, s.dash)}`)}" points="${pts.join(' ')}"/>`;
    }
    case 'port':
      return `<rect class="${css.cls(`fill:${p[s.fill]}`)}" x="${num(ox + s.x)}" y="${num(oy + s.y)}" width="${num(s.size)}" height="${num(s.size)}"/>`;
    case 'text': {
      const anchor = s.align === 'left' ? 'start' : s.align === 'center' ? 'middle' : 'end';
      const decl = `font-size:${num(s.size)}px;fill:${p[s.fill]}${s.bold ? ';font-weight:600' : ''}${anchor === 'start' ? '' : `;text-anchor:${anchor}`}`;
      const x = s.align === 'left' ? s.x : s.align === 'center' ? s.x + s.w / 2 : s.x + s.w;
      const shown = elide(s.text, s.w, s.size * (s.bold ? EM_ADVANCE * 1.07 : EM_ADVANCE));
      if (!shown) return '';
      // An elided label keeps its full text as a tooltip, so a search of the file still finds every name.
      const full = shown === s.text ? '' : `<title>${escapeXml(s.text)}</title>`;
      return `<text class="${css.cls(decl)}" x="${num(ox + x)}" y="${num(oy + s.y + s.size * ASCENT)}">${full}${escapeXml(shown)}</text>`;
    }
    default:
      return exhaustive(s);
  }
}

/** The text cut in the middle to fit `width`, as the canvas does (scene/paint.ts), using an estimated glyph advance. */
function elide(text: string, width: number, advance: number): string {
  const fits = Math.floor(width / advance);
  if (text.length <= fits) return text;
  if (fits <= 1) return '';
  const head = Math.ceil((fits - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (fits - 1 - head))}`;
}

/** The design as a standalone SVG document (UTF-8 text). */
export function designToSvg(design: Design, opts: SvgOptions = {}): string {
  const palette = PALETTES[opts.theme ?? 'light'];
  const sel = selectDiagram(design, opts);
  const { nodes } = sel;
  const css = new StyleSheet();
  const { x: vx, y: vy, w: vw, h: vh } = sel.view;

  // Each node's non-text shapes in local coordinates; identical ones (every VM of one template) share a <defs> entry.
  const bodies = nodes.map((n) => n.look.shapes.filter((s) => s.type !== 'text').map((s) => shapeSvg(s, 0, 0, palette, css)).join(''));
  const uses = new Map<string, number>();
  for (const b of bodies) uses.set(b, (uses.get(b) ?? 0) + 1);
  const defIds = new Map<string, string>();
  const defs: string[] = [];
  for (const [body, count] of uses) {
    if (count < 2 || body === '') continue;
    const id = `d${defIds.size}`;
    defIds.set(body, id);
    defs.push(`<g id="${id}">${body}</g>`);
  }
  const nodeSvg = (n: SceneNode, i: number): string => {
    const body = bodies[i]!;
    const ref = defIds.get(body);
    const texts = n.look.shapes
      .filter((s) => s.type === 'text')
      .map((s) => shapeSvg(s, 0, 0, palette, css))
      .join('');
    return `<g transform="translate(${num(n.x)},${num(n.y)})">${ref ? `<use href="#${ref}"/>` : body}${texts}</g>`;
  };

  const linkGroup = (group: readonly LinkPath[]): string => {
    const byClass = new Map<string, string[]>();
    for (const l of group) {
      const band = sel.bands?.get(l.id) ?? null;
      const decl =
        band === null
          ? `fill:none;${strokeDecl(palette[l.stroke], l.strokeWidth, l.dash)}`
          : `fill:none;${strokeDecl(HEAT_BANDS[band]!.color, l.strokeWidth * heatWidthFactor(band), null)}`;
      const cls = css.cls(decl);
      let d = `M${num(l.points[0]!)} ${num(l.points[1]!)}L`;
      const rest: string[] = [];
      for (let k = 2; k + 1 < l.points.length; k += 2) rest.push(`${num(l.points[k]!)} ${num(l.points[k + 1]!)}`);
      d += rest.join(' ');
      const list = byClass.get(cls);
      if (list) list.push(d);
      else byClass.set(cls, [d]);
    }
    return [...byClass].map(([cls, ds]) => `<path class="${cls}" d="${ds.join('')}"/>`).join('\n');
  };

  // Speed and width labels, placed as on the canvas; vector output can be zoomed, so they are always drawn.
  const labels = diagramLabels(sel);
  const labelGroup = (cls: string, list: readonly TextShape[]) => (list.length ? `<g class="${cls}">${list.map((t) => shapeSvg(t, 0, 0, palette, css)).join('')}</g>` : '');

  // Paint order as on the canvas: cables between servers (and their labels) beneath the servers, then containers,
  // the links inside them (and theirs), their contents, and problem marks on top (outlines first, so no badge is
  // crossed by an outline).
  const markShapes = sel.marks.map((m) => problemShapes(nodes[m.index]!, m.level, 1));
  const problemSvg = [...markShapes.map((s) => shapeSvg(s[0]!, 0, 0, palette, css)), ...markShapes.flatMap((s) => s.slice(1).map((x) => shapeSvg(x, 0, 0, palette, css)))];

  const body = [
    opts.background === false ? '' : `<rect class="${css.cls(`fill:${palette.canvas}`)}" x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}"/>`,
    `<g class="links under">${linkGroup(sel.underLinks)}</g>`,
    labelGroup('labels under', labels.under),
    `<g class="containers">${sel.containers.map((i) => nodeSvg(nodes[i]!, i)).join('\n')}</g>`,
    `<g class="links">${linkGroup(sel.innerLinks)}</g>`,
    labelGroup('labels', labels.inner),
    `<g class="elements">${sel.contents.map((i) => nodeSvg(nodes[i]!, i)).join('\n')}</g>`,
    problemSvg.length ? `<g class="problems">${problemSvg.join('')}</g>` : '',
    sel.legend
      ? `<g class="heat-legend">${sel.legend.swatches.map((s) => `<rect class="${css.cls(`fill:${s.color}`)}" x="${num(s.x)}" y="${num(s.y)}" width="${num(s.size)}" height="${num(s.size)}"/>`).join('')}${sel.legend.texts.map((t) => shapeSvg(t, 0, 0, palette, css)).join('')}</g>`
      : '',
  ];
  const name = escapeXml(design.meta.name);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(vw)}" height="${num(vh)}" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}">`,
    `<title>${name}</title>`,
    opts.embedDesign === false ? '' : `<metadata><${META_TAG} xmlns="${SVG_METADATA_NS}"><![CDATA[${embeddedJson(design)}]]></${META_TAG}></metadata>`,
    `<style>text{font-family:${FONT};white-space:pre}\n${css.css()}</style>`,
    defs.length ? `<defs>${defs.join('\n')}</defs>` : '',
    ...body,
    '</svg>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/**
 * The topology document as compact JSON safe inside CDATA: "]]>" cannot occur outside a JSON string, and inside
 * one its ">" is written as \u003e; characters XML forbids (only possible inside strings) are \u-escaped too.
 */
function embeddedJson(design: Design): string {
  return JSON.stringify(designToDocument(design)).replace(/[>\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The design embedded in an SVG exported by Rackplane. Never throws. */
export function svgToDesign(svgText: string): LoadResult {
  // Only from the document's <metadata>, never from a comment or CDATA section elsewhere (svg-metadata.ts).
  const found = findEmbeddedDesign(svgText);
  // A reason may quote a tag name from the file: its control characters are shown escaped.
  if (!found.ok) return { ok: false, reason: printableLine(found.reason, 1000) };
  const r = importTopologyJson(found.json.trim());
  return r.ok ? r : { ok: false, reason: `the Rackplane design in this SVG is damaged: ${r.reason}` };
}

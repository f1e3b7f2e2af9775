/**
 * The diagram as SVG, painted from the same scene description as the canvas (shared/scene), so an export never
 * drifts from the screen (STYLE.md point 11). Text stays text (selectable, searchable) and the design's topology
 * JSON rides along in <metadata>, so Rackplane can reopen the file (svgToDesign).
 *
 * Size matters (a 2,000-host fabric must stay under twice its JSON): repeated styles are CSS classes, an
 * element's boxes and port markers are a <defs> entry reused by every element that looks the same, and all
 * links of one style are a single <path>. Large designs are written in pieces (designSvgChunks), so a 10,000-host
 * fabric's ~190 MB SVG never exists as one string.
 */
import { designToDocument, importTopologyJson, type LoadResult } from '../formats/topology';
import type { Design } from '../model/design';
import { exhaustive } from '../model/elements';
import { HEAT_BANDS, heatWidthFactor } from '../scene/heatmap';
import { PALETTES, type Palette, type ThemeName } from '../scene/palette';
import { problemShapes } from '../scene/problems';
import type { LinkPath, Shape, TextShape } from '../scene/types';
import { diagramLabels } from './labels';
import { selectDiagram, type DiagramOptions, type DiagramSelection } from './selection';
import { printableLine } from '../text/printable';
import { failedSvg } from './svg-failed';
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

/**
 * The style declaration of a scene shape, or null when it draws nothing (a label elided away). shapeSvg takes its
 * class from here, and the streaming writer below runs it ahead of the drawing to know every class before <style>.
 */
function shapeDecl(s: Shape, p: Palette): string | null {
  switch (s.type) {
    case 'rect':
      return `fill:${s.fill ? p[s.fill] : 'none'}${s.stroke ? `;${strokeDecl(p[s.stroke], s.strokeWidth, s.dash)}` : ''}`;
    case 'line':
      return `fill:none;${strokeDecl(p[s.stroke], s.strokeWidth, s.dash)}`;
    case 'port':
      return `fill:${p[s.fill]}`;
    case 'text': {
      if (!elide(s.text, s.w, textAdvance(s))) return null;
      const anchor = s.align === 'left' ? 'start' : s.align === 'center' ? 'middle' : 'end';
      return `font-size:${num(s.size)}px;fill:${p[s.fill]}${s.bold ? ';font-weight:600' : ''}${anchor === 'start' ? '' : `;text-anchor:${anchor}`}`;
    }
    default:
      return exhaustive(s);
  }
}

const textAdvance = (s: TextShape) => s.size * (s.bold ? EM_ADVANCE * 1.07 : EM_ADVANCE);

/** One scene shape as SVG, offset by (ox, oy), its style a class of `css`. */
export function shapeSvg(s: Shape, ox: number, oy: number, p: Palette, css: StyleSheet): string {
  switch (s.type) {
    case 'rect': {
      const r = s.radius > 0 ? ` rx="${num(Math.min(s.radius, s.w / 2, s.h / 2))}"` : '';
      return `<rect class="${css.cls(shapeDecl(s, p)!)}" x="${num(ox + s.x)}" y="${num(oy + s.y)}" width="${num(s.w)}" height="${num(s.h)}"${r}/>`;
    }
    case 'line': {
      const pts: string[] = [];
      for (let i = 0; i + 1 < s.points.length; i += 2) pts.push(`${num(ox + s.points[i]!)},${num(oy + s.points[i + 1]!)}`);
      return `<polyline class="${css.cls(shapeDecl(s, p)!)}" points="${pts.join(' ')}"/>`;
    }
    case 'port':
      return `<rect class="${css.cls(shapeDecl(s, p)!)}" x="${num(ox + s.x)}" y="${num(oy + s.y)}" width="${num(s.size)}" height="${num(s.size)}"/>`;
    case 'text': {
      const x = s.align === 'left' ? s.x : s.align === 'center' ? s.x + s.w / 2 : s.x + s.w;
      const shown = elide(s.text, s.w, textAdvance(s));
      if (!shown) return '';
      // An elided label keeps its full text as a tooltip, so a search of the file still finds every name.
      const full = shown === s.text ? '' : `<title>${escapeXml(s.text)}</title>`;
      return `<text class="${css.cls(shapeDecl(s, p)!)}" x="${num(ox + x)}" y="${num(oy + s.y + s.size * ASCENT)}">${full}${escapeXml(shown)}</text>`;
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

/** The design as a standalone SVG document (UTF-8 text): designSvgChunks joined (`selection` as there). */
export function designToSvg(design: Design, opts: SvgOptions = {}, selection?: DiagramSelection): string {
  const parts: string[] = [];
  for (const c of designSvgChunks(design, opts, selection)) parts.push(c);
  return parts.join('');
}

/** Pieces handed out by designSvgChunks: large enough that writing them costs little, small next to the document. */
const CHUNK = 1 << 18;

/**
 * The design as a standalone SVG document, in pieces of about CHUNK characters: a 10,000-host fabric's SVG is some
 * 190 MB and is written as it is made, never held whole (the CLI streams these into the file).
 *
 * CSS classes are numbered in order of first use, and <style> comes before the drawing; so a first pass registers
 * every class in the order the drawing uses them (declarations only, no markup), and the second pass writes.
 * `selection` is selectDiagram(design, opts) when the caller already made it (the CLI does, to fail before writing).
 */
export function* designSvgChunks(design: Design, opts: SvgOptions = {}, selection?: DiagramSelection): Generator<string> {
  const palette = PALETTES[opts.theme ?? 'light'];
  const sel = selection ?? selectDiagram(design, opts);
  const { nodes } = sel;
  const css = new StyleSheet();
  const { x: vx, y: vy, w: vw, h: vh } = sel.view;

  // Each node's non-text shapes in local coordinates; identical ones (every VM of one template) share a <defs> entry.
  // Nodes hold an index into the distinct bodies, so 250,000 nodes do not keep 250,000 copies of a few dozen strings.
  const bodyIndex = new Map<string, number>();
  const bodies: string[] = [];
  const uses: number[] = [];
  const bodyOf = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    let body = '';
    for (const s of n.look.shapes) if (s.type !== 'text') body += shapeSvg(s, 0, 0, palette, css);
    let k = bodyIndex.get(body);
    if (k === undefined) {
      k = bodies.length;
      bodyIndex.set(body, k);
      bodies.push(body);
      uses.push(0);
    }
    uses[k]!++;
    bodyOf[i] = k;
  });
  bodyIndex.clear();
  const defId: (string | null)[] = bodies.map(() => null);
  const defs: string[] = [];
  bodies.forEach((body, k) => {
    if (uses[k]! < 2 || body === '') return;
    defId[k] = `d${defs.length}`;
    defs.push(`<g id="${defId[k]}">${body}</g>`);
  });

  // Speed and width labels, placed as on the canvas; vector output can be zoomed, so they are always drawn.
  const labels = diagramLabels(sel);
  // Problem marks on top (outlines first, so no badge is crossed by an outline).
  const markShapes = sel.marks.map((m) => problemShapes(nodes[m.index]!, m.level, 1));
  const problemSvg = [...markShapes.map((s) => shapeSvg(s[0]!, 0, 0, palette, css)), ...markShapes.flatMap((s) => s.slice(1).map((x) => shapeSvg(x, 0, 0, palette, css)))];

  // The first pass: every remaining class, in the order the drawing below first uses it.
  const useDecl = (decl: string | null) => {
    if (decl !== null) css.cls(decl);
  };
  const textsOf = (i: number) => {
    for (const s of nodes[i]!.look.shapes) if (s.type === 'text') useDecl(shapeDecl(s, palette));
  };
  const background = opts.background !== false;
  if (background) css.cls(`fill:${palette.canvas}`);
  const underCls = linkClasses(sel.underLinks, sel.bands, sel.bandColors, palette, css);
  for (const t of labels.under) useDecl(shapeDecl(t, palette));
  for (const i of sel.containers) textsOf(i);
  const innerCls = linkClasses(sel.innerLinks, sel.bands, sel.bandColors, palette, css);
  for (const t of labels.inner) useDecl(shapeDecl(t, palette));
  for (const i of sel.contents) textsOf(i);
  // What-if failures (none without one), drawn now so their classes are known before <style>.
  const failed = failedSvg(sel, css);
  if (sel.legend) {
    for (const sw of sel.legend.swatches) css.cls(`fill:${sw.color}`);
    for (const t of sel.legend.texts) useDecl(shapeDecl(t, palette));
  }

  // The second pass writes. Top-level parts are separated by newlines, as lines of the document.
  let out = '';
  const name = escapeXml(design.meta.name);
  out += '<?xml version="1.0" encoding="UTF-8"?>';
  out += `\n<svg xmlns="http://www.w3.org/2000/svg" width="${num(vw)}" height="${num(vh)}" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}">`;
  out += `\n<title>${name}</title>`;
  if (opts.embedDesign !== false) {
    yield out;
    out = '';
    yield `\n<metadata><${META_TAG} xmlns="${SVG_METADATA_NS}"><![CDATA[`;
    yield* embeddedJson(design);
    out += `]]></${META_TAG}></metadata>`;
  }
  out += `\n<style>text{font-family:${FONT};white-space:pre}\n${css.css()}</style>`;
  if (defs.length) out += `\n<defs>${defs.join('\n')}</defs>`;
  if (background) out += `\n<rect class="${css.cls(`fill:${palette.canvas}`)}" x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}"/>`;

  const nodeSvg = (i: number): string => {
    const k = bodyOf[i]!;
    const n = nodes[i]!;
    let texts = '';
    for (const s of n.look.shapes) if (s.type === 'text') texts += shapeSvg(s, 0, 0, palette, css);
    return `<g transform="translate(${num(n.x)},${num(n.y)})">${defId[k] ? `<use href="#${defId[k]}"/>` : bodies[k]!}${texts}</g>`;
  };
  const labelTexts = (list: readonly TextShape[]) => {
    let t = '';
    for (const l of list) t += shapeSvg(l, 0, 0, palette, css);
    return t;
  };

  // Paint order as on the canvas: cables between servers (and their labels) beneath the servers, then containers,
  // the links inside them (and theirs), their contents, and problem marks on top.
  out += '\n<g class="links under">';
  for (const piece of linkPaths(sel.underLinks, underCls)) {
    out += piece;
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  out += '</g>';
  if (labels.under.length) out += `\n<g class="labels under">${labelTexts(labels.under)}</g>`;
  out += '\n<g class="containers">';
  for (let j = 0; j < sel.containers.length; j++) {
    out += (j ? '\n' : '') + nodeSvg(sel.containers[j]!);
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  out += '</g>\n<g class="links">';
  for (const piece of linkPaths(sel.innerLinks, innerCls)) {
    out += piece;
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  out += '</g>';
  if (labels.inner.length) out += `\n<g class="labels">${labelTexts(labels.inner)}</g>`;
  out += '\n<g class="elements">';
  for (let j = 0; j < sel.contents.length; j++) {
    out += (j ? '\n' : '') + nodeSvg(sel.contents[j]!);
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  out += '</g>';
  if (problemSvg.length) out += `\n<g class="problems">${problemSvg.join('')}</g>`;
  if (failed) out += `\n<g class="failed">${failed}</g>`;
  if (sel.legend) {
    out += `\n<g class="heat-legend">${sel.legend.swatches.map((s) => `<rect class="${css.cls(`fill:${s.color}`)}" x="${num(s.x)}" y="${num(s.y)}" width="${num(s.size)}" height="${num(s.size)}"/>`).join('')}${sel.legend.texts.map((t) => shapeSvg(t, 0, 0, palette, css)).join('')}</g>`;
  }
  out += '\n</svg>';
  yield out;
}

/** Each link's class (registered in `css` in order of first use), and the classes in that order. */
function linkClasses(group: readonly LinkPath[], bands: ReadonlyMap<string, number> | null, bandColors: readonly string[] | null, palette: Palette, css: StyleSheet): { of: string[]; order: string[] } {
  const of: string[] = new Array<string>(group.length);
  const order: string[] = [];
  const seen = new Set<string>();
  // Links share a handful of styles: the declaration is built once per style, not once per link.
  const byStyle = new Map<string, string>();
  group.forEach((l, i) => {
    const band = bands?.get(l.id) ?? null;
    const key = band === null ? `${l.stroke}|${l.strokeWidth}|${l.dash ? l.dash.join(' ') : ''}` : `#${band}|${l.strokeWidth}`;
    let cls = byStyle.get(key);
    if (cls === undefined) {
      const decl =
        band === null
          ? `fill:none;${strokeDecl(palette[l.stroke], l.strokeWidth, l.dash)}`
          : `fill:none;${strokeDecl(bandColors?.[band] ?? HEAT_BANDS[band]!.color, l.strokeWidth * heatWidthFactor(band), null)}`;
      cls = css.cls(decl);
      byStyle.set(key, cls);
    }
    of[i] = cls;
    if (!seen.has(cls)) {
      seen.add(cls);
      order.push(cls);
    }
  });
  return { of, order };
}

/**
 * All links of one class as one <path> (classes in order of first use, separated by newlines), in pieces: one
 * opening tag, then one subpath per link, then the closing quote.
 */
function* linkPaths(group: readonly LinkPath[], classes: { of: string[]; order: string[] }): Generator<string> {
  for (let c = 0; c < classes.order.length; c++) {
    const cls = classes.order[c]!;
    yield `${c ? '\n' : ''}<path class="${cls}" d="`;
    for (let i = 0; i < group.length; i++) {
      if (classes.of[i] !== cls) continue;
      const p = group[i]!.points;
      let d = `M${num(p[0]!)} ${num(p[1]!)}L`;
      for (let k = 2; k + 1 < p.length; k += 2) d += `${k > 2 ? ' ' : ''}${num(p[k]!)} ${num(p[k + 1]!)}`;
      yield d;
    }
    yield '"/>';
  }
}

/**
 * The topology document as compact JSON safe inside CDATA: "]]>" cannot occur outside a JSON string, and inside
 * one its ">" is written as \u003e; characters XML forbids (only possible inside strings) are \u-escaped too.
 * In pieces: the document's arrays (elements, links) record by record, so a 10,000-host design's 150 MB of JSON
 * is never one string. Joined, the pieces are exactly JSON.stringify of the document, escaped as above.
 */
function* embeddedJson(design: Design): Generator<string> {
  const safe = (json: string) => json.replace(/[>\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const doc = designToDocument(design) as unknown as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (Array.isArray(value)) {
      out += `${head}[`;
      for (let i = 0; i < value.length; i++) {
        // As JSON.stringify writes an array: a value it cannot write (undefined, a function) becomes null.
        out += (i ? ',' : '') + safe(JSON.stringify(value[i]) ?? 'null');
        if (out.length >= CHUNK) {
          yield out;
          out = '';
        }
      }
      out += ']';
    } else {
      // As JSON.stringify writes an object: a property it cannot write is left out.
      const json = JSON.stringify(value);
      if (json === undefined) continue;
      out += head + safe(json);
    }
    first = false;
  }
  yield `${out}}`;
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

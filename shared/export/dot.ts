/**
 * The topology as Graphviz DOT: an undirected graph (links have no direction) whose clusters are the servers
 * (and any element holding others), whose nodes are the elements, labelled with name and kind and coloured as on
 * the canvas, and whose edges are the links, labelled with their kind and rate ("Ethernet 25G", "PCIe Gen 4 x16").
 * It describes the topology, not the canvas: Graphviz lays it out itself, and a collapsed server is drawn with its
 * contents. The layers and scope options filter it as they filter the diagram exports.
 *
 * Every identifier and text is a double-quoted DOT string, so an id or a name can never be read as a keyword, an
 * operator or the end of the file.
 */
import type { Design } from '../model/design';
import { KIND_LABELS, type Element } from '../model/elements';
import type { Link, LinkKind } from '../model/links';
import { KIND_COLORS } from '../scene/describe';
import { cachedLinkLabelText } from '../scene/labels-link';
import { elementLayer, linkLayer, SCENE_LAYERS, type SceneLayer } from '../scene/layers';
import { PALETTES } from '../scene/palette';
import { linkStyle } from '../scene/routing';

/** What a DOT export takes: which layers and which top-level elements (with their contents) it holds. */
export interface DotOptions {
  layers?: readonly SceneLayer[];
  scope?: 'all' | readonly string[];
}

/** How each link kind is named in edge labels. */
export const LINK_KIND_NAMES: Readonly<Record<LinkKind, string>> = {
  pcie: 'PCIe',
  ethernet: 'Ethernet',
  vnic: 'vNIC',
  vf: 'VF',
  passthrough: 'Passthrough',
  uplink: 'Uplink',
  sChannel: 'S-channel',
};

// Containment in the model is one level deep; a corrupt chain must still end.
const MAX_DEPTH = 16;

/**
 * Text as a DOT double-quoted string: backslashes and quotes escaped (a lone backslash would start one of
 * Graphviz's label escapes such as \N), line breaks as \n (a centred line in a label), other control characters
 * and unpaired surrogates (not encodable as UTF-8) replaced.
 */
export function dotString(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return `"${clean.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** `[a="x", b="y"]`, every value quoted. */
function attrs(pairs: Record<string, string>): string {
  return `[${Object.entries(pairs)
    .map(([k, v]) => `${k}=${dotString(v)}`)
    .join(', ')}]`;
}

/** An edge's label: the link kind and, where it has one, its rate (as the canvas labels it) or S-channel id. */
export function dotEdgeLabel(design: Design, link: Link): string {
  const rate = link.kind === 'sChannel' ? `S-VID ${link.svid} ${link.mode.toUpperCase()}` : cachedLinkLabelText(design, link.id);
  return rate ? `${LINK_KIND_NAMES[link.kind]} ${rate}` : LINK_KIND_NAMES[link.kind];
}

/** The design's topology as a DOT graph (UTF-8 text). */
export function designToDot(design: Design, opts: DotOptions = {}): string {
  const p = PALETTES.light;
  const layers = new Set(opts.layers ?? SCENE_LAYERS);
  const scope = opts.scope && opts.scope !== 'all' ? new Set(opts.scope) : null;
  const parentOf = (el: Element): Element | undefined => (el.parent === null ? undefined : design.elements[el.parent]);

  // Kept: on a chosen layer (servers and NICs are on all), and in scope (listed, or inside a listed element).
  const kept = new Set<string>();
  for (const el of Object.values(design.elements)) {
    const layer = elementLayer(el.kind);
    if (layer !== null && !layers.has(layer)) continue;
    let inScope = scope === null;
    for (let cur: Element | undefined = el, depth = 0; !inScope && cur && depth < MAX_DEPTH; cur = parentOf(cur), depth++) inScope = scope!.has(cur.id);
    if (inScope) kept.add(el.id);
  }
  // Each kept element under its nearest kept container ('' for the top level).
  const children = new Map<string, Element[]>();
  for (const id of kept) {
    const el = design.elements[id]!;
    let up = parentOf(el);
    for (let depth = 0; up && !kept.has(up.id) && depth < MAX_DEPTH; depth++) up = parentOf(up);
    const key = up && kept.has(up.id) ? up.id : '';
    const list = children.get(key);
    if (list) list.push(el);
    else children.set(key, [el]);
  }
  const links = Object.values(design.links).filter((l) => layers.has(linkLayer(l.kind)) && kept.has(l.a.element) && kept.has(l.b.element));
  const linked = new Set(links.flatMap((l) => [l.a.element, l.b.element]));

  const colours = (el: Element) => ({ fillcolor: p[KIND_COLORS[el.kind].fill], color: p[KIND_COLORS[el.kind].stroke] });
  const node = (el: Element) => `${dotString(el.id)} ${attrs({ label: `${el.name}\n${KIND_LABELS[el.kind]}`, id: `e:${el.id}`, class: el.kind, ...colours(el) })};`;
  const out: string[] = [];
  const emit = (parent: string, indent: string, depth: number): void => {
    for (const el of children.get(parent) ?? []) {
      const inner = children.get(el.id);
      if (!inner || depth >= MAX_DEPTH) {
        out.push(`${indent}${node(el)}`);
        continue;
      }
      // A container is a cluster (Graphviz draws a frame around it); it is a node as well only if a link ends on it.
      out.push(`${indent}subgraph ${dotString(`cluster_${el.id}`)} {`);
      out.push(`${indent}  graph ${attrs({ label: `${el.name}\n${KIND_LABELS[el.kind]}`, id: `e:${el.id}`, class: el.kind, style: 'rounded,filled', ...colours(el) })};`);
      if (linked.has(el.id)) out.push(`${indent}  ${node(el)}`);
      emit(el.id, `${indent}  `, depth + 1);
      out.push(`${indent}}`);
    }
  };
  emit('', '  ', 0);
  for (const l of links) {
    const look = linkStyle(l.kind);
    const style: Record<string, string> = look.dash && look.dash.length ? { style: 'dashed' } : {};
    out.push(`  ${dotString(l.a.element)} -- ${dotString(l.b.element)} ${attrs({ label: dotEdgeLabel(design, l), id: `l:${l.id}`, class: l.kind, color: p[look.stroke], fontcolor: p.textMuted, ...style })};`);
  }

  return [
    `graph ${dotString(design.meta.name)} {`,
    `  graph ${attrs({ label: design.meta.name, labelloc: 't', fontname: 'sans-serif', rankdir: 'TB' })};`,
    `  node ${attrs({ shape: 'box', style: 'rounded,filled', fontname: 'sans-serif', fontsize: '10', fontcolor: p.text })};`,
    `  edge ${attrs({ fontname: 'sans-serif', fontsize: '9' })};`,
    ...out,
    '}',
    '',
  ].join('\n');
}

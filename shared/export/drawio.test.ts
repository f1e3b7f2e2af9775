// The draw.io export as XML: well-formed whatever the names hold, every cell id unique and every parent, source
// and target naming a cell of the file, child geometry relative to the container, and the options (layers, scope,
// collapsed servers) applied as in the other diagram exports. test/unit/export/drawio-codec.test.ts decodes the
// file with maxGraph's own codec.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { arbDesign } from '../model/arbitraries.test-support';
import type { Design } from '../model/design';
import { sceneOf } from '../scene/scene';
import { makeTemplate, TEMPLATE_NAMES } from '../templates';
import { designToDrawio, drawioIds } from './drawio';

interface Cell {
  id: string;
  parent?: string;
  source?: string;
  target?: string;
  vertex?: string;
  edge?: string;
  value?: string;
  style?: string;
  /** The enclosing <object>'s attributes (shape data), when there is one. */
  data?: Record<string, string>;
  geometry?: Record<string, string>;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['object', 'mxCell', 'diagram'].includes(name), processEntities: true, htmlEntities: true });

/** Every cell of the file's one page, with the shape data of its <object> wrapper. */
function cells(xml: string): Cell[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { mxfile: { diagram: { mxGraphModel: { root: { mxCell?: Record<string, unknown>[]; object?: Record<string, unknown>[] } } }[] } };
  expect(doc.mxfile.diagram).toHaveLength(1);
  const root = doc.mxfile.diagram[0]!.mxGraphModel.root;
  const plain = (root.mxCell ?? []).map((c) => ({ ...(c as unknown as Cell), geometry: c.mxGeometry as Record<string, string> | undefined }));
  const wrapped = (root.object ?? []).map((o) => {
    const { mxCell, ...data } = o as { mxCell: Record<string, unknown>[] } & Record<string, string>;
    const inner = mxCell[0]!;
    return { ...(inner as unknown as Cell), id: data.id!, data, value: data.label, geometry: inner.mxGeometry as Record<string, string> };
  });
  return [...plain, ...wrapped];
}

function checkReferences(list: readonly Cell[]): void {
  const ids = new Set(list.map((c) => c.id));
  expect(ids.size).toBe(list.length);
  for (const c of list) {
    if (c.id === '0') continue;
    expect(ids, `parent of ${c.id}`).toContain(c.parent);
    if (c.edge) {
      expect(ids, `source of ${c.id}`).toContain(c.source);
      expect(ids, `target of ${c.id}`).toContain(c.target);
    }
  }
}

const byId = (list: readonly Cell[]) => new Map(list.map((c) => [c.id, c]));

describe('designToDrawio', () => {
  it.each(TEMPLATE_NAMES)('writes one consistent page for the %s template', (name) => {
    const d = makeTemplate(name);
    const list = cells(designToDrawio(d));
    checkReferences(list);
    const scene = sceneOf(d);
    expect(list.filter((c) => c.vertex === '1')).toHaveLength(scene.nodes.length);
    // One edge per drawn link, even where the canvas draws a cable in parts.
    expect(list.filter((c) => c.edge === '1')).toHaveLength(new Set(scene.links.map((l) => l.id)).size);
  });

  it('writes well-formed, consistent XML for arbitrary designs', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 10, maxLinks: 12 }), (d) => checkReferences(cells(designToDrawio(d)))),
      { numRuns: 150 },
    );
  });

  it('nests contents in their server with relative geometry, and puts layers, elements and links where they belong', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const cellsById = byId(cells(designToDrawio(d)));
    expect([...cellsById.values()].filter((c) => c.parent === '0').map((c) => [c.id, c.value])).toEqual([
      ['1', 'Servers'],
      ['layer:pcie', 'PCIe'],
      ['layer:ethernet', 'Ethernet'],
      ['layer:virtual', 'Virtual'],
    ]);
    for (const el of Object.values(d.elements)) {
      const c = cellsById.get(drawioIds.element(el.id))!;
      // The model keeps children's positions relative to their container: exactly draw.io's convention.
      expect([c.geometry!.x, c.geometry!.y].map(Number)).toEqual([el.x, el.y]);
      if (el.parent !== null) expect(c.parent).toBe(drawioIds.element(el.parent));
      else expect(c.parent).toBe(el.kind === 'tor' || el.kind === 'fex' || el.kind === 'storage' ? 'layer:ethernet' : '1');
      expect(c.data).toMatchObject({ kind: el.kind, name: el.name, rackplaneId: el.id });
    }
    for (const l of Object.values(d.links)) {
      const c = cellsById.get(drawioIds.link(l.id))!;
      expect([c.source, c.target]).toEqual([drawioIds.element(l.a.element), drawioIds.element(l.b.element)]);
      expect(c.parent).toBe(l.kind === 'pcie' ? 'layer:pcie' : l.kind === 'ethernet' || l.kind === 'sChannel' ? 'layer:ethernet' : 'layer:virtual');
      expect(c.data).toMatchObject({ kind: l.kind, aElement: l.a.element, aPort: l.a.port, bElement: l.b.element, bPort: l.b.port });
    }
  });

  it('draws only the chosen layers and the scope', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    const pcieOnly = cells(designToDrawio(d, { layers: ['pcie'] }));
    checkReferences(pcieOnly);
    expect(pcieOnly.filter((c) => c.parent === '0').map((c) => c.id)).toEqual(['1', 'layer:pcie']);
    expect(pcieOnly.some((c) => c.data?.kind === 'vm' || c.data?.kind === 'tor')).toBe(false);
    expect(pcieOnly.filter((c) => c.edge).every((c) => c.data?.kind === 'pcie')).toBe(true);

    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const scoped = cells(designToDrawio(d, { scope: [host.id] }));
    checkReferences(scoped);
    for (const c of scoped.filter((x) => x.vertex)) expect(c.data!.rackplaneId === host.id || d.elements[c.data!.rackplaneId!]!.parent === host.id).toBe(true);
  });

  it('shows a collapsed server alone, with its links ending on it', () => {
    const d = makeTemplate('rack', { hosts: 1, vmsPerHost: 1 });
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const collapsed: Design = { ...d, elements: { ...d.elements, [host.id]: { ...host, collapsed: true } } };
    const list = cells(designToDrawio(collapsed));
    checkReferences(list);
    expect(list.filter((c) => c.parent === drawioIds.element(host.id))).toHaveLength(0);
    // Its cables to the switches now end on the server itself (checkReferences: no end names a hidden cell).
    const cables = list.filter((c) => c.edge && [c.source, c.target].includes(drawioIds.element(host.id)));
    expect(cables.length).toBeGreaterThan(0);
  });

  it('keeps names with markup, quotes and line breaks as text', () => {
    const d = makeTemplate('single-host');
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const name = 'a <b> & "c"\nd\t]]>';
    const tricky: Design = { ...d, meta: { ...d.meta, name }, elements: { ...d.elements, [host.id]: { ...host, name, notes: 'x\ny' } } };
    const xml = designToDrawio(tricky);
    const c = byId(cells(xml)).get(drawioIds.element(host.id))!;
    expect(c.data).toMatchObject({ name, notes: 'x\ny', label: name });
    expect(xml).toContain('<diagram id="rackplane" name="a &lt;b&gt; &amp; &quot;c&quot;&#xa;d&#x9;]]&gt;">');
  });

  it('ends each link at its ports and follows the canvas route', () => {
    const d = makeTemplate('rack', { hosts: 1, vmsPerHost: 1 });
    const scene = sceneOf(d);
    const xml = designToDrawio(d);
    // The canvas's route of a cable: its parts, if it draws it in parts, joined where one ends and the next starts.
    const cable = Object.values(d.links).find((l) => l.kind === 'ethernet' && d.elements[l.a.element]!.parent !== null)!;
    const route: number[] = [];
    for (const part of scene.links.filter((l) => l.id === cable.id)) {
      const joint = route.length > 0 && route[route.length - 2] === part.points[0] && route[route.length - 1] === part.points[1];
      route.push(...(joint ? part.points.slice(2) : part.points));
    }
    const path = { points: route };
    expect(route.length).toBeGreaterThan(4);
    const c = byId(cells(xml)).get(drawioIds.link(cable.id))!;
    const geometry = c.geometry as unknown as { mxPoint: Record<string, string>[]; Array?: { mxPoint: Record<string, string> | Record<string, string>[] } };
    const source = geometry.mxPoint.find((p) => p.as === 'sourcePoint')!;
    // Coordinates are written with two decimals, as in the SVG export.
    const twoDecimals = (v: number) => Math.round(v * 100) / 100;
    expect([Number(source.x), Number(source.y)]).toEqual(path.points.slice(0, 2).map(twoDecimals));
    const waypoints = [geometry.Array!.mxPoint].flat().flatMap((p) => [Number(p.x), Number(p.y)]);
    expect(waypoints).toEqual(path.points.slice(2, -2).map(twoDecimals));
    // The exit and entry points put the ends on the ports wherever draw.io moves the cells.
    const st = Object.fromEntries(c.style!.split(';').filter((kv) => kv !== '').map((kv) => kv.split('=') as [string, string]));
    const [src, dst] = [cable.a.element, cable.b.element].map((id) => scene.nodes[scene.nodeIndex.get(id)!]!);
    expect(src!.x + Number(st.exitX) * src!.w).toBeCloseTo(route[0]!, 1);
    expect(src!.y + Number(st.exitY) * src!.h).toBeCloseTo(route[1]!, 1);
    expect(dst!.x + Number(st.entryX) * dst!.w).toBeCloseTo(route[route.length - 2]!, 1);
    expect(dst!.y + Number(st.entryY) * dst!.h).toBeCloseTo(route[route.length - 1]!, 1);
  });

  it('is the same text for the same design', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
    expect(designToDrawio(d)).toBe(designToDrawio(d));
  });
});

// The .drawio export read back by maxGraph's codec (@maxgraph/core, the successor of the mxGraph library draw.io is
// built on, and the peer of the canvas benchmark): the cells it decodes, their parents (layers and containment),
// the edges' terminals, the layer cells and the shape data must be what the design says.
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { designToDrawio, drawioIds } from '../../../shared/export/drawio';
import { elementLayer, linkLayer } from '../../../shared/export/selection';
import type { Design } from '../../../shared/model/design';
import { sceneOf } from '../../../shared/scene/scene';
import { makeTemplate } from '../../../shared/templates';

/** The parts of maxGraph's model this test reads (its typings need the DOM library, which this project leaves out). */
interface MxCell {
  id: string;
  value: unknown;
  parent: MxCell | null;
  source: MxCell | null;
  target: MxCell | null;
  /** The decoded "1" of vertex="1": truthy, a number as mxGraph reads it. */
  isVertex(): boolean | number;
  isEdge(): boolean | number;
  geometry: { x: number; y: number; width: number; height: number; points: { x: number; y: number }[] | null } | null;
  style: Record<string, unknown>;
}
interface MxModel {
  cells: Record<string, MxCell>;
  getRoot(): MxCell;
}
interface ShapeData {
  nodeName: string;
  getAttribute(name: string): string | null;
}

let decode: (xml: string) => MxModel;

beforeAll(async () => {
  // maxGraph is a browser library: it reads navigator and document when loaded and parses XML with DOMParser.
  // xmldom stands in for the browser's XML DOM (Node 20 has no navigator; Node 22 has one, which is kept).
  const g = globalThis as Record<string, unknown>;
  g.navigator ??= { userAgent: 'node' };
  g.document ??= new DOMImplementation().createDocument(null, 'html', null);
  g.DOMParser ??= DOMParser;
  g.XMLSerializer ??= XMLSerializer;
  const mx = (await import('@maxgraph/core')) as unknown as {
    GraphDataModel: new () => MxModel;
    ModelXmlSerializer: new (model: MxModel) => { import(xml: string): void };
  };
  decode = (xml) => {
    // The serializer decodes a document whose root is the <mxGraphModel>: take the page's model out of the <mxfile>.
    const file = new DOMParser().parseFromString(xml, 'text/xml');
    expect(file.documentElement!.nodeName).toBe('mxfile');
    const pages = file.getElementsByTagName('diagram');
    expect(pages.length).toBe(1);
    const graph = pages[0]!.getElementsByTagName('mxGraphModel')[0]!;
    const model = new mx.GraphDataModel();
    new mx.ModelXmlSerializer(model).import(new XMLSerializer().serializeToString(graph));
    return model;
  };
});

const data = (c: MxCell): ShapeData => c.value as ShapeData;
const cellsOf = (m: MxModel) => Object.values(m.cells);

function layerOfElement(d: Design, id: string): string {
  let el = d.elements[id]!;
  while (el.parent !== null) el = d.elements[el.parent]!;
  const layer = elementLayer(el.kind);
  return layer === null ? '1' : `layer:${layer}`;
}

describe('the .drawio export decoded by @maxgraph/core', () => {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });

  it('has the root, four layers, one vertex per element and one edge per link', () => {
    const m = decode(designToDrawio(d));
    const scene = sceneOf(d);
    // One edge per link, even where the canvas draws a cable in parts.
    expect(cellsOf(m)).toHaveLength(1 + 4 + scene.nodes.length + new Set(scene.links.map((l) => l.id)).size);
    expect(m.getRoot().id).toBe('0');
    const layers = cellsOf(m).filter((c) => c.parent === m.getRoot());
    expect(layers.map((c) => [c.id, c.value])).toEqual([
      ['1', 'Servers'],
      ['layer:pcie', 'PCIe'],
      ['layer:ethernet', 'Ethernet'],
      ['layer:virtual', 'Virtual'],
    ]);
    expect(cellsOf(m).filter((c) => c.isVertex())).toHaveLength(Object.keys(d.elements).length);
    expect(cellsOf(m).filter((c) => c.isEdge())).toHaveLength(Object.keys(d.links).length);
  });

  it('keeps containment: contents are children of their server, top-level elements children of their layer', () => {
    const m = decode(designToDrawio(d));
    for (const el of Object.values(d.elements)) {
      const c = m.cells[drawioIds.element(el.id)]!;
      expect(Boolean(c.isVertex())).toBe(true);
      expect(c.parent!.id, el.id).toBe(el.parent === null ? layerOfElement(d, el.id) : drawioIds.element(el.parent));
      // Child geometry is relative to the container, as the model stores it.
      expect([c.geometry!.x, c.geometry!.y]).toEqual([el.x, el.y]);
    }
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    expect(m.cells[drawioIds.element(host.id)]!.style).toMatchObject({ container: 1, shape: 'swimlane' });
  });

  it('connects each edge to the cells of its link ends, on the link kind layer', () => {
    const m = decode(designToDrawio(d));
    for (const l of Object.values(d.links)) {
      const c = m.cells[drawioIds.link(l.id)]!;
      expect(Boolean(c.isEdge())).toBe(true);
      expect(c.source!.id).toBe(drawioIds.element(l.a.element));
      expect(c.target!.id).toBe(drawioIds.element(l.b.element));
      expect(c.parent!.id).toBe(`layer:${linkLayer(l.kind)}`);
    }
  });

  it('carries each element and link as shape data', () => {
    const m = decode(designToDrawio(d));
    const vm = Object.values(d.elements).find((e) => e.kind === 'vm')!;
    const v = data(m.cells[drawioIds.element(vm.id)]!);
    expect(v.nodeName).toBe('object');
    expect(v.getAttribute('label')!.split('\n')[0]).toBe(vm.name);
    expect(['kind', 'name', 'rackplaneId', 'vcpus', 'memoryGiB', 'tags'].map((k) => v.getAttribute(k))).toEqual(['vm', vm.name, vm.id, String(vm.vcpus), String(vm.memoryGiB), 'virtual']);
    expect(JSON.parse(v.getAttribute('vnics')!)).toEqual(vm.vnics);

    const cable = Object.values(d.links).find((l) => l.kind === 'ethernet')!;
    const e = data(m.cells[drawioIds.link(cable.id)]!);
    expect(['kind', 'aElement', 'aPort', 'bElement', 'bPort'].map((k) => e.getAttribute(k))).toEqual(['ethernet', cable.a.element, cable.a.port, cable.b.element, cable.b.port]);
    expect(e.getAttribute('rate')).toMatch(/^\d+G$/);
  });

  it('decodes names with markup and line breaks as the text they are', () => {
    const host = Object.values(d.elements).find((e) => e.kind === 'host')!;
    const name = 'rack <A> & "B"\nrow 2';
    const tricky: Design = { ...d, elements: { ...d.elements, [host.id]: { ...host, name } } };
    const v = data(decode(designToDrawio(tricky)).cells[drawioIds.element(host.id)]!);
    expect([v.getAttribute('name'), v.getAttribute('label')]).toEqual([name, name]);
  });

  it('decodes only the chosen layers', () => {
    const m = decode(designToDrawio(d, { layers: ['ethernet'] }));
    expect(cellsOf(m).filter((c) => c.parent === m.getRoot()).map((c) => c.id)).toEqual(['1', 'layer:ethernet']);
    expect(cellsOf(m).filter((c) => c.isEdge()).every((c) => data(c).getAttribute('kind') === 'ethernet')).toBe(true);
  });
});

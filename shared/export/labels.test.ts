// Link labels in the diagram exports (labels.ts): the same placement as the canvas's rule run over every drawn
// link (the grid that makes it fast must not change a single label), the layers and scope honoured, and the
// shared painter drawing them only at full detail, as the canvas does below 70 % zoom.
import { describe, expect, it } from 'vitest';
import type { Context2D } from '../scene/paint';
import { PALETTES } from '../scene/palette';
import { linkLabels, pickLabels } from '../scene/labels-link';
import { paintsAboveServers } from '../scene/labels-ends';
import type { TextShape } from '../scene/types';
import { makeTemplate } from '../templates';
import { diagramLabels, labelsIn } from './labels';
import { paintDiagram } from './paint-diagram';
import { selectDiagram } from './selection';

const design = makeTemplate('fabric', { hosts: 6, vmsPerHost: 2 });

/** Every label placed by testing each link against every box: the plain rule the indexed placement must match. */
function bruteForce(sel: ReturnType<typeof selectDiagram>): { under: TextShape[]; inner: TextShape[] } {
  const containers = sel.containers.map((i) => sel.nodes[i]!);
  const contents = sel.contents.map((i) => sel.nodes[i]!);
  // Speed labels and cable port names (each with its alternative places), the first clear place taken in order.
  const under = sel.underLinks.flatMap((l) => linkLabels(sel.design, l, [...containers, ...contents]));
  const inner = sel.innerLinks.flatMap((l) => linkLabels(sel.design, l, contents));
  const kept = pickLabels([...inner, ...under]);
  // Port names placed just inside a server's edge paint with the links inside servers.
  const fromUnder = new Set(under.flat());
  const beneath = (t: TextShape) => fromUnder.has(t) && !paintsAboveServers(t);
  return { under: kept.filter(beneath), inner: kept.filter((t) => !beneath(t)) };
}

/** A Context2D that records the text it is asked to draw. */
function textRecorder(): Context2D & { texts: string[] } {
  const noop = () => undefined;
  const ctx = { texts: [] as string[], fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, font: '', textAlign: 'left', textBaseline: 'top' } as Context2D & { texts: string[] };
  for (const m of ['beginPath', 'rect', 'roundRect', 'moveTo', 'lineTo', 'fill', 'stroke', 'fillRect', 'setLineDash', 'save', 'restore', 'translate', 'scale'] as const) (ctx as unknown as Record<string, unknown>)[m] = noop;
  ctx.measureText = (t: string) => ({ width: t.length * 5 });
  ctx.fillText = (t: string) => void ctx.texts.push(t);
  return ctx;
}

describe('diagramLabels', () => {
  // The fabric has cables between servers; the chapter 6 host has a PCIe link roomy enough for its label.
  const cases = [
    ['fabric', design],
    ['chapter6', makeTemplate('chapter6')],
  ] as const;
  it.each(cases.flatMap(([name, d]) => (['orthogonal', 'straight'] as const).map((routing) => [name, routing, d] as const)))(
    'places every label of %s exactly as testing every box would (%s routing)',
    (name, routing, d) => {
      const sel = selectDiagram(d, { routing });
      const placed = diagramLabels(sel);
      expect(placed.under.length).toBeGreaterThan(0);
      if (name === 'chapter6') expect(placed.inner.map((t) => t.text)).toContain('Gen 2 x4');
      expect(placed).toEqual(bruteForce(sel));
    },
  );

  it('labels only the drawn links: a hidden layer takes its labels with it', () => {
    const texts = (layers: ('pcie' | 'ethernet' | 'virtual')[]) => {
      const p = diagramLabels(selectDiagram(design, { layers }));
      return new Set([...p.under, ...p.inner].map((t) => t.text));
    };
    expect(texts(['pcie', 'ethernet', 'virtual']).has('25G')).toBe(true);
    const pcieOnly = texts(['pcie']);
    expect([...pcieOnly].every((t) => t.startsWith('Gen '))).toBe(true);
    expect([...texts(['ethernet'])].some((t) => t.startsWith('Gen '))).toBe(false);
  });

  it('places a selection once however many times it is painted (a tiled PDF paints it per page)', () => {
    const sel = selectDiagram(design);
    expect(diagramLabels(sel)).toBe(diagramLabels(sel));
  });

  it('keeps the labels that meet an area, and all of them without one', () => {
    const labels = [...diagramLabels(selectDiagram(design)).under];
    expect(labelsIn(labels, undefined)).toBe(labels);
    const first = labels[0]!;
    const near = labelsIn(labels, { x: first.x + 1, y: first.y + 1, w: 1, h: 1 });
    expect(near).toContain(first);
    expect(near.length).toBeLessThan(labels.length);
  });
});

describe('paintDiagram draws link labels', () => {
  it('at full detail, as the canvas does from 70 % zoom', () => {
    const sel = selectDiagram(design);
    const ctx = textRecorder();
    paintDiagram(ctx, sel, { palette: PALETTES.light, scale: 1, detail: 2 });
    expect(ctx.texts).toContain('25G');
    const placed = diagramLabels(sel);
    for (const t of [...placed.under, ...placed.inner]) expect(ctx.texts).toContain(t.text);
  });

  it('not below full detail, where the canvas leaves them out too', () => {
    const sel = selectDiagram(design);
    const ctx = textRecorder();
    paintDiagram(ctx, sel, { palette: PALETTES.light, scale: 0.5, detail: 1 });
    expect(ctx.texts).not.toContain('25G');
    expect(ctx.texts.some((t) => /^Gen \d x\d+$/.test(t))).toBe(false);
  });
});

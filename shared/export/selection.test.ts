// What every diagram format draws (selection.ts) and the shared export painter's tile culling (paint-diagram.ts):
// the SVG, PNG and PDF must frame the same box and keep the same elements.
import { describe, expect, it } from 'vitest';
import type { Context2D } from '../scene/paint';
import { PALETTES } from '../scene/palette';
import { makeTemplate } from '../templates';
import { paintDiagram } from './paint-diagram';
import { DIAGRAM_MARGIN, selectDiagram } from './selection';
import { designToSvg } from './svg';
import { diagramLabels } from './labels';

const design = makeTemplate('rack', { hosts: 4, vmsPerHost: 3 });

/** A Context2D that only counts fillText calls (every painted node has a label at detail 2). */
function textCounter(): Context2D & { texts: number } {
  const noop = () => undefined;
  const ctx = { texts: 0, fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, font: '', textAlign: 'left', textBaseline: 'top' } as Context2D & { texts: number };
  for (const m of ['beginPath', 'rect', 'roundRect', 'moveTo', 'lineTo', 'fill', 'stroke', 'fillRect', 'setLineDash', 'save', 'restore', 'translate', 'scale'] as const) (ctx as unknown as Record<string, unknown>)[m] = noop;
  ctx.measureText = () => ({ width: 1 });
  ctx.fillText = () => void ctx.texts++;
  return ctx;
}

describe('selectDiagram', () => {
  it('frames the drawing with the margin, as the SVG view box', () => {
    const sel = selectDiagram(design);
    const svg = designToSvg(design);
    const box = /viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/.exec(svg)!.slice(1).map(Number);
    expect(box.map((v) => Math.round(v * 100) / 100)).toEqual([sel.view.x, sel.view.y, sel.view.w, sel.view.h].map((v) => Math.round(v * 100) / 100));
    // The drawing is the scene's boxes and lines and the link labels hanging past them (port names on the rack's
    // left edge): the margin goes around all of it.
    const scene = sel.scene.bounds!;
    const labels = diagramLabels(sel);
    const left = Math.min(scene.x, ...[...labels.under, ...labels.inner].map((t) => t.x));
    expect(left).toBeLessThan(scene.x);
    expect(sel.view.x).toBeCloseTo(left - DIAGRAM_MARGIN);
  });

  it('keeps hosts and NICs on every layer, and drops what the layers leave out', () => {
    const pcie = selectDiagram(design, { layers: ['pcie'] });
    const kinds = new Set(pcie.nodes.map((n) => n.kind));
    expect(kinds.has('host') && kinds.has('nic') && kinds.has('rootComplex')).toBe(true);
    expect(kinds.has('vm') || kinds.has('tor')).toBe(false);
    expect([...pcie.underLinks, ...pcie.innerLinks].every((l) => l.kind === 'pcie')).toBe(true);
  });

  it('splits containers from contents and cables between servers from links inside them', () => {
    const sel = selectDiagram(design);
    expect(sel.containers.every((i) => sel.nodes[i]!.look.container)).toBe(true);
    expect(sel.containers.length + sel.contents.length).toBe(sel.nodes.length);
    expect(sel.underLinks.every((l) => l.under) && sel.innerLinks.every((l) => !l.under)).toBe(true);
  });
});

describe('paintDiagram', () => {
  it('paints only what meets the area (a PDF tile), and everything without one', () => {
    const sel = selectDiagram(design);
    const all = textCounter();
    const whole = paintDiagram(all, sel, { palette: PALETTES.light, scale: 1, detail: 2 });
    expect(whole).toBe(sel.nodes.length);
    const firstHost = sel.nodes.find((n) => n.kind === 'host')!;
    const part = textCounter();
    const some = paintDiagram(part, sel, { palette: PALETTES.light, scale: 1, detail: 2, area: { x: firstHost.x, y: firstHost.y, w: firstHost.w, h: firstHost.h } });
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(whole);
    expect(part.texts).toBeLessThan(all.texts);
  });
});

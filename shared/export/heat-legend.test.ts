// A diagram exported with the heatmap carries its legend (issue #14 item 4): the same bands and note as the canvas,
// in a strip under the drawing, in the SVG and in what the PNG/PDF painter draws.
import { describe, expect, it } from 'vitest';
import { HEAT_BANDS, HEAT_LEGEND_NOTE } from '../scene/heatmap';
import { makeTemplate } from '../templates';
import { HEAT_LEGEND_HEIGHT, HEAT_LEGEND_WIDTH } from './heat-legend';
import { paintDiagram } from './paint-diagram';
import { selectDiagram } from './selection';
import { designToSvg } from './svg';
import { PALETTES } from '../scene/palette';
import type { Context2D } from '../scene/paint';

const design = makeTemplate('single-host');
const eth = Object.values(design.links).find((l) => l.kind === 'ethernet')!;
const heat = [{ kind: 'ethernet' as const, ref: eth.id, utilisation: 0.95 }];

describe('heatmap legend in exports', () => {
  it('adds a strip under the drawing only when the heatmap is exported', () => {
    const plain = selectDiagram(design, {});
    const hot = selectDiagram(design, { heat });
    expect(plain.legend).toBeNull();
    expect(hot.view.h).toBe(plain.view.h + HEAT_LEGEND_HEIGHT);
    expect(hot.view.w).toBe(Math.max(plain.view.w, HEAT_LEGEND_WIDTH));
    // The strip lies inside the view, under everything drawn.
    expect(hot.legend!.box.y + hot.legend!.box.h).toBe(hot.view.y + hot.view.h);
    expect(hot.legend!.box.y).toBeGreaterThanOrEqual(plain.view.y + plain.view.h - 1e-9);
  });

  it('writes every band with its colour, and the note, into the SVG', () => {
    const svg = designToSvg(design, { heat });
    const legend = /<g class="heat-legend">(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
    expect(legend).toContain('Link utilisation');
    for (const b of HEAT_BANDS) {
      expect(legend).toContain(`>${b.label.replace('<', '&lt;')}</text>`);
      expect(svg).toContain(`fill:${b.color}`);
    }
    expect(legend).toContain(HEAT_LEGEND_NOTE);
    expect(designToSvg(design, {})).not.toContain('heat-legend');
  });

  it('is painted for PNG and PDF: one swatch per band in its colour, and the labels', () => {
    const sel = selectDiagram(design, { heat });
    const fills: string[] = [];
    const texts: string[] = [];
    let style = '';
    const ctx = new Proxy({} as Context2D, {
      get: (_t, key) => {
        if (key === 'fillRect') return () => fills.push(style);
        if (key === 'fillText') return (t: string) => texts.push(t);
        if (key === 'measureText') return (t: string) => ({ width: t.length * 6 });
        if (key === 'fillStyle') return style;
        return () => undefined;
      },
      set: (_t, key, v) => {
        if (key === 'fillStyle') style = String(v);
        return true;
      },
    });
    paintDiagram(ctx, sel, { palette: PALETTES.light, scale: 1, detail: 2 });
    for (const b of HEAT_BANDS) expect(fills).toContain(b.color);
    expect(texts).toContain('Link utilisation');
    expect(texts).toContain('≥ 90 %');
  });
});

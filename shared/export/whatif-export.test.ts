// Exports made while the canvas shows the what-if view (issue #14's left-over): links carry the diff colours of
// shared/scene/heat-diff.ts instead of the utilisation bands, the failed switch and cables are marked as on the
// canvas (scene/paint-failed.ts), and the legend strip explains the diff (its bands, the failure count, the note),
// in the SVG and in what the PNG/PDF painter draws. Without a what-if nothing changes.
import { describe, expect, it } from 'vitest';
import { DIFF_BANDS, DIFF_COLORS, DIFF_LEGEND_NOTE } from '../scene/heat-diff';
import { HEAT_BANDS, heatWidthFactor } from '../scene/heatmap';
import type { Context2D } from '../scene/paint';
import { FAILED_COLOR } from '../scene/paint-failed';
import { PALETTES } from '../scene/palette';
import { makeTemplate } from '../templates';
import { HEAT_LEGEND_HEIGHT } from './heat-legend';
import { paintDiagram } from './paint-diagram';
import { selectDiagram, type WhatIfOverlay } from './selection';
import { designToSvg } from './svg';
import { num } from './xml';

// rack template, 2 hosts: each host's NIC has eth0 cabled to r01.tor-a and eth1 to r01.tor-b (an MLAG pair joined by
// r01.peer0/peer1). The run failed tor-a: its cables are down, the hosts' traffic moved onto tor-b's cables.
const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 1 });
const ethernet = Object.values(design.links).filter((l) => l.kind === 'ethernet');
const heat = ethernet.map((l) => ({ kind: 'ethernet' as const, ref: l.id, utilisation: 0.5 }));
const whatIf: WhatIfOverlay = {
  links: [
    ['r01.h001.nic0.eth0', 'down'],
    ['r01.h002.nic0.eth0', 'down'],
    ['r01.h001.nic0.eth1', 'gained'],
    ['r01.h002.nic0.eth1', 'slowed'],
  ],
  failures: 1,
  failed: { elements: ['r01.tor-a'], links: [] },
};

describe('what-if diff in diagram exports', () => {
  it('bands links by their change (grey when simulated and unchanged) and marks the failed switch', () => {
    const sel = selectDiagram(design, { heat, whatIf });
    // DIFF_BANDS: 0 unchanged, 1 gained, 2 slowed, 3 lost/down.
    expect(sel.bands!.get('r01.h001.nic0.eth0')).toBe(3);
    expect(sel.bands!.get('r01.h001.nic0.eth1')).toBe(1);
    expect(sel.bands!.get('r01.h002.nic0.eth1')).toBe(2);
    expect(sel.bands!.get('r01.peer0')).toBe(0);
    expect(sel.bandColors).toEqual(DIFF_COLORS);
    expect(sel.failed.nodes.map((i) => sel.nodes[i]!.id)).toEqual(['r01.tor-a']);
    // The strip is the heatmap's height, widened to the diff legend's longer row.
    const plain = selectDiagram(design, {});
    expect(sel.view.h).toBe(plain.view.h + HEAT_LEGEND_HEIGHT);
    expect(sel.view.w).toBeGreaterThanOrEqual(880);
  });

  it('ignores a what-if without the heatmap, and leaves heatmap exports as they were', () => {
    expect(designToSvg(design, { whatIf })).toBe(designToSvg(design, {}));
    const sel = selectDiagram(design, { heat });
    expect(sel.bandColors).toBeNull();
    expect(sel.failed).toEqual({ nodes: [], links: [] });
    expect(sel.legend!.texts[0]!.text).toBe('Link utilisation');
  });

  it('writes the diff colours, the failed marks and the diff legend into the SVG', () => {
    const svg = designToSvg(design, { heat, whatIf });
    const css = /<style>([^]*?)<\/style>/.exec(svg)![1]!;
    const classOf = (decl: string) => new RegExp(`\\.(c\\d+)\\{${decl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}`).exec(css)?.[1];
    // Each changed band's colour strokes a link path, at the heatmap's width for that band (a cable is 1.5 wide
    // on the canvas; scene/shapes.ts), so busier-looking bands read thicker as on the canvas.
    const links = /<g class="links under">([^]*?)<\/g>/.exec(svg)![1]!;
    for (const band of [1, 2, 3]) {
      const cls = [...css.matchAll(/\.(c\d+)\{fill:none;stroke:(#[0-9a-f]{6});stroke-width:([\d.]+)\}/g)].filter((m) => m[2] === DIFF_COLORS[band]);
      expect(cls.length).toBeGreaterThan(0);
      expect(cls.some((m) => links.includes(`class="${m[1]}"`))).toBe(true);
      expect(cls.some((m) => Math.abs(Number(m[3]) - 1.5 * heatWidthFactor(band)) < 0.01)).toBe(true);
    }
    // No utilisation colour that differs from the diff's is used on a link.
    for (const b of HEAT_BANDS.slice(1)) if (!DIFF_COLORS.includes(b.color)) expect(css).not.toContain(`stroke:${b.color};`);
    // The failed ToR: grey wash, dashed outline, ✕, all at its box.
    const tor = selectDiagram(design, { heat, whatIf }).nodes.find((n) => n.id === 'r01.tor-a')!;
    const failed = /<g class="failed">([^]*?)<\/g>/.exec(svg)![1]!;
    const box = `x="${num(tor.x)}" y="${num(tor.y)}" width="${num(tor.w)}" height="${num(tor.h)}"`;
    expect(failed).toContain(`<rect class="${classOf('fill:#6e7781;fill-opacity:0.35')}" ${box}/>`);
    expect(failed).toContain(`<rect class="${classOf(`fill:none;stroke:${FAILED_COLOR};stroke-width:2.5;stroke-dasharray:6 4`)}" ${box}/>`);
    expect(failed).toContain(`<path class="${classOf(`fill:none;stroke:${FAILED_COLOR};stroke-width:3`)}"`);
    // The legend explains the diff, not utilisation.
    const legend = /<g class="heat-legend">([^]*?)<\/g>/.exec(svg)![1]!;
    expect(legend).toContain('What-if: 1 failure<');
    for (const b of DIFF_BANDS) {
      expect(legend).toContain(`>${b.label}</text>`);
      expect(legend).toContain(`class="${classOf(`fill:${b.color}`)}"`);
    }
    expect(legend).toContain(DIFF_LEGEND_NOTE);
    expect(legend).not.toContain('Link utilisation');
  });

  it('marks a failed cable dashed with a badge, and says "failures" for more than one', () => {
    const svg = designToSvg(design, { heat, whatIf: { ...whatIf, failures: 2, failed: { elements: [], links: ['r01.peer0'] } } });
    const failed = /<g class="failed">([^]*?)<\/g>/.exec(svg)![1]!;
    const css = /<style>([^]*?)<\/style>/.exec(svg)![1]!;
    const dashed = new RegExp(`\\.(c\\d+)\\{fill:none;stroke:${FAILED_COLOR};stroke-width:2.5;stroke-dasharray:5 4\\}`).exec(css)![1]!;
    // The cable's own path, overdrawn dashed.
    const peer = selectDiagram(design, { heat }).underLinks.concat(selectDiagram(design, { heat }).innerLinks).find((l) => l.id === 'r01.peer0')!;
    expect(failed).toContain(`<path class="${dashed}" d="M${num(peer.points[0]!)} ${num(peer.points[1]!)}L`);
    // One white badge (14 × 14) with its ✕ at the cable's middle.
    expect((failed.match(/width="14" height="14"/g) ?? []).length).toBe(1);
    expect(svg).toContain('What-if: 2 failures<');
  });

  it('is painted for PNG and PDF: diff colours on links, the failed marks, the diff legend', () => {
    const sel = selectDiagram(design, { heat, whatIf });
    const strokes: string[] = [];
    const fills: string[] = [];
    const texts: string[] = [];
    const state: Record<string, unknown> = {};
    const ctx = new Proxy({} as Context2D, {
      get: (_t, key) => {
        if (key === 'stroke') return () => strokes.push(String(state.strokeStyle));
        if (key === 'fillRect') return () => fills.push(String(state.fillStyle));
        if (key === 'fillText') return (t: string) => texts.push(t);
        if (key === 'measureText') return (t: string) => ({ width: t.length * 6 });
        if (typeof key === 'string' && key in state) return state[key];
        return () => undefined;
      },
      set: (_t, key, v) => {
        state[String(key)] = v;
        return true;
      },
    });
    paintDiagram(ctx, sel, { palette: PALETTES.light, scale: 1, detail: 2 });
    for (const band of [0, 1, 2, 3]) expect(strokes).toContain(DIFF_COLORS[band]);
    expect(strokes).toContain(FAILED_COLOR);
    for (const b of DIFF_BANDS) expect(fills).toContain(b.color);
    expect(texts).toContain('What-if: 1 failure');
    for (const b of DIFF_BANDS) expect(texts).toContain(b.label);
  });
});

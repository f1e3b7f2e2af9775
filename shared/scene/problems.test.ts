import { describe, expect, it } from 'vitest';
import { PALETTES } from './palette';
import { problemShapes } from './problems';

describe('problem marks', () => {
  it('outline the box and put a badge on its top-right corner, coloured by severity', () => {
    const [outline, badge, glyph] = problemShapes({ x: 100, y: 50, w: 80, h: 40 }, 'error', 1);
    expect(outline).toMatchObject({ type: 'rect', x: 98, y: 48, w: 84, h: 44, stroke: 'problem.error', fill: null });
    expect(badge).toMatchObject({ type: 'rect', x: 172, y: 42, w: 16, h: 16, fill: 'problem.error' });
    expect(glyph).toMatchObject({ type: 'text', text: '×', fill: 'textOnAccent' });
  });

  it('keep a constant on-screen size: half the world size at twice the zoom', () => {
    const badge = (s: number) => problemShapes({ x: 0, y: 0, w: 10, h: 10 }, 'info', s)[1]!;
    expect((badge(2) as { w: number }).w).toBe((badge(1) as { w: number }).w / 2);
  });

  it('have a colour in both themes for every severity', () => {
    for (const theme of ['light', 'dark'] as const) for (const role of ['problem.error', 'problem.warning', 'problem.info'] as const) expect(PALETTES[theme][role]).toMatch(/^#[0-9a-f]{6}$/);
  });
});

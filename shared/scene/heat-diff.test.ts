import { describe, expect, it } from 'vitest';
import { DIFF_BANDS, DIFF_COLORS, diffBands } from './heat-diff';
import { HEAT_BANDS } from './heatmap';

describe('diffBands', () => {
  it('simulated links start unchanged; each change takes its band, down and lost sharing one', () => {
    const bands = diffBands(['a', 'b', 'c', 'd'], [
      ['b', 'slowed'],
      ['c', 'lost'],
      ['d', 'gained'],
      ['x', 'down'],
    ]);
    expect(Object.fromEntries(bands)).toEqual({ a: 0, b: 2, c: 3, d: 1, x: 3 });
    expect(DIFF_BANDS[bands.get('b')!]!.label).toBe('slowed');
    expect(DIFF_BANDS[bands.get('x')!]!.label).toBe('lost its traffic / down');
  });
  it('slowed and lost have colours of their own, apart from each other and from the unchanged grey', () => {
    expect(new Set(DIFF_COLORS).size).toBe(DIFF_COLORS.length);
    expect(DIFF_COLORS[0]).toBe(HEAT_BANDS[0]!.color);
  });
});

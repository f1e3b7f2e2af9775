/// <reference types="vite/client" />
// Real machines must not fail the design rules: an imported corpus machine gets no error-severity diagnostic.
import { describe, expect, it } from 'vitest';
import { importHwloc } from './hwloc';
import { sequentialIds } from '../model/ids';
import { ALL_RULES, validateDesign } from '../validate';

const FIXTURES = import.meta.glob<string>('../../test/fixtures/hwloc/*.xml', { query: '?raw', import: 'default', eager: true });

describe('validating imported hwloc machines', () => {
  it('reads the fixtures', () => {
    expect(Object.keys(FIXTURES).length).toBeGreaterThanOrEqual(12);
  });

  for (const [path, xml] of Object.entries(FIXTURES)) {
    const file = path.split('/').pop()!;
    for (const devices of ['important', 'all'] as const) {
      it(`${file} (${devices} devices): no errors`, () => {
        const r = importHwloc(xml, { ids: sequentialIds(), devices });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const errors = validateDesign(r.design, ALL_RULES).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
      });
    }
  }

});

/**
 * The tests every rule family runs on its cases (test-only; imports vitest): each case's trigger reports what it
 * expects, its near miss reports nothing, its quick fix clears the finding, and the cases cover the whole family.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, expectedShape, fixOutcome, shape, type RuleCase } from './test-support';
import type { Rule } from './types';

/** Registers the standard tests of a family's rule cases in the calling `describe`. */
export function ruleCaseTests(cases: readonly RuleCase[], family: readonly Rule[]): void {
  describe.each(cases)('$rule.id: $name', (c) => {
    it('reports it', () => expect(shape(diagnosticsOf(c.trigger(), c.rule))).toEqual(expectedShape(c)));
    it('accepts the near miss', () => expect(diagnosticsOf(c.nearMiss(), c.rule)).toEqual([]));
    if (c.fix !== undefined) {
      it('quick fix clears it', () => {
        const { before, after } = fixOutcome(c, c.fix!);
        expect(after.map((d) => d.message)).not.toContain(before.message);
      });
    }
  });

  it('covers every rule of the family', () => {
    expect(new Set(cases.map((c) => c.rule.id))).toEqual(new Set(family.map((r) => r.id)));
  });
}

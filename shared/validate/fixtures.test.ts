import { describe, expect, it } from 'vitest';
import { loadDocument } from '../formats/topology';
import problems from '../../test/fixtures/validate/problems.topology.json';
import expected from '../../test/fixtures/validate/problems.expected.json';
import { validateDesign } from './engine';
import { ALL_RULES } from './rules';
import { shape } from './test-support';

describe('validator fixture', () => {
  it('finds exactly the planted problems in a design loaded from topology JSON', () => {
    const loaded = loadDocument(problems, { expectFormat: true });
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.repairs).toEqual([]);
    expect(shape(validateDesign(loaded.design, ALL_RULES).diagnostics)).toEqual(expected);
  });
});

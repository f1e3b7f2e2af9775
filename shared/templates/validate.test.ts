/** A template is a starting point: it must not open with design-rule errors (DOMAIN.md §3) the user did not cause. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES, validateDesign } from '../validate';
import { makeTemplate, type TemplateName, type TemplateOptions } from '.';

describe('templates against the validator', () => {
  it.each([
    ['single-host', {}],
    ['rack', {}],
    ['rack', { hosts: 50, vmsPerHost: 2 }],
    ['fabric', { hosts: 90, vmsPerHost: 2 }],
  ] as [TemplateName, TemplateOptions][])('%s %j has no errors', (name, opts) => {
    const { diagnostics } = validateDesign(makeTemplate(name, opts), ALL_RULES);
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`);
    expect(errors).toEqual([]);
  });
});

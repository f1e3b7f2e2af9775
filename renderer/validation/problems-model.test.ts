import { describe, expect, it } from 'vitest';
import type { Diagnostic, RuleMeta } from '../../shared/validate/index';
import { ALL_SEVERITIES, flatItems, groupProblems, summaryLine, worstByElement } from './problems-model';

const rules: RuleMeta[] = [
  { id: 'EVB-001', severity: 'error', title: 'Reflective relay for VEPA', description: 'd1', source: 's1' },
  { id: 'L2-001', severity: 'warning', title: 'VLAN allowed', description: 'd2', source: 's2' },
  { id: 'MIG-001', severity: 'info', title: 'Migration', description: 'd3', source: 's3' },
];
const d = (rule: string, severity: Diagnostic['severity'], message: string, elements: string[]): Diagnostic => ({ rule, severity, message, elements, links: [] });
const list = [d('MIG-001', 'info', 'vm1 cannot move', ['vm1']), d('L2-001', 'warning', 'vlan 10 missing on tor', ['tor', 'vm1']), d('EVB-001', 'error', 'vs0 is VEPA', ['vs0', 'tor']), d('L2-001', 'error', 'vlan 20 never carried', ['vm2'])];

describe('problems model', () => {
  it('groups by rule, worst severity first, keeping each diagnostic index', () => {
    const groups = groupProblems(list, rules, { severities: ALL_SEVERITIES, text: '' });
    expect(groups.map((g) => [g.rule.id, g.severity, g.items.map((i) => i.index)])).toEqual([
      ['EVB-001', 'error', [2]],
      ['L2-001', 'error', [1, 3]],
      ['MIG-001', 'info', [0]],
    ]);
    expect(flatItems(groups).map((i) => i.index)).toEqual([2, 1, 3, 0]);
  });

  it('filters by severity and by text in the message, rule id or title', () => {
    const only = (severities: Diagnostic['severity'][], text = '') => groupProblems(list, rules, { severities: new Set(severities), text }).flatMap((g) => g.items.map((i) => i.index));
    expect(only(['warning'])).toEqual([1]);
    expect(only(['error', 'warning'], 'VLAN')).toEqual([1, 3]);
    expect(only(['error', 'warning', 'info'], 'reflective')).toEqual([2]);
    expect(only(['error', 'warning', 'info'], 'mig-0')).toEqual([0]);
    expect(only([], '')).toEqual([]);
  });

  it('survives a rule missing from the catalog', () => {
    const g = groupProblems([d('NEW-001', 'warning', 'm', [])], rules, { severities: ALL_SEVERITIES, text: '' });
    expect(g[0]!.rule).toMatchObject({ id: 'NEW-001', title: 'NEW-001' });
  });

  it('finds the worst severity per element', () => {
    expect(Object.fromEntries(worstByElement(list))).toEqual({ vm1: 'warning', tor: 'error', vs0: 'error', vm2: 'error' });
  });

  it('summarises counts in words', () => {
    expect(summaryLine({ error: 2, warning: 1, info: 0 })).toBe('2 errors, 1 warning');
    expect(summaryLine({ error: 0, warning: 0, info: 3 })).toBe('3 info');
    expect(summaryLine({ error: 0, warning: 0, info: 0 })).toBe('No problems');
  });
});

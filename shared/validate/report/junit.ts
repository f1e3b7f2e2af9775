/**
 * The JUnit XML report of `rackplane validate --format junit`, for CI systems that show test results (Jenkins,
 * GitLab, Azure DevOps, GitHub test reporters). Mapping, documented in docs/cli.md:
 *  - one <testsuite> per rule family (PCI, IOV, EVB, …), in catalog order;
 *  - one <testcase> per rule (`PCI-003 Link training`, classname `rackplane.PCI`), every rule listed, so that a
 *    rule passing is visible as a passed test;
 *  - a rule with error or warning diagnostics fails: one <failure> whose `type` is the worst severity and whose
 *    body lists every diagnostic, one per line (JUnit allows one failure per test case). Warnings fail too,
 *    because a test report that hides them is not read; the exit code, not the report, gates on errors only;
 *  - info diagnostics never fail; they go to the test case's <system-out>.
 * No times are written: the report is a pure function of the design, so two runs diff cleanly.
 */
import type { ValidationResult } from '../engine';
import type { Diagnostic, RuleMeta } from '../types';
import { familyLabel, ruleFamily } from './rules';
import { diagnosticLine, summaryLine } from './text';
import { xmlAttr, xmlText } from './xml';

export interface JunitOptions {
  /** Name of the whole run, e.g. `rackplane validate rack.rackplane`. */
  name: string;
}

interface Case {
  rule: Pick<RuleMeta, 'id' | 'title'>;
  diagnostics: Diagnostic[];
}

const count = (list: Diagnostic[], severity: Diagnostic['severity']) => list.filter((d) => d.severity === severity).length;

function testcase(c: Case, family: string): { xml: string; failed: boolean } {
  const attrs = `name="${xmlAttr(`${c.rule.id} ${c.rule.title}`)}" classname="${xmlAttr(`rackplane.${family}`)}"`;
  const failing = c.diagnostics.filter((d) => d.severity !== 'info');
  const infos = c.diagnostics.filter((d) => d.severity === 'info');
  if (failing.length === 0 && infos.length === 0) return { xml: `    <testcase ${attrs}/>`, failed: false };
  const parts = [`    <testcase ${attrs}>`];
  if (failing.length) {
    const summary = { error: count(failing, 'error'), warning: count(failing, 'warning'), info: 0 };
    const type = summary.error ? 'error' : 'warning';
    const message = summaryLine(summary).replace(/, 0 info$/, '');
    parts.push(`      <failure message="${xmlAttr(message)}" type="${type}">${xmlText(failing.map(diagnosticLine).join('\n'))}</failure>`);
  }
  if (infos.length) parts.push(`      <system-out>${xmlText(infos.map(diagnosticLine).join('\n'))}</system-out>`);
  parts.push('    </testcase>');
  return { xml: parts.join('\n'), failed: failing.length > 0 };
}

/** The JUnit XML text (UTF-8, with declaration). */
export function validationJunit(result: ValidationResult, catalog: readonly RuleMeta[], opts: JunitOptions): string {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    const list = byRule.get(d.rule);
    if (list) list.push(d);
    else byRule.set(d.rule, [d]);
  }
  // Families in catalog order; a diagnostic from a rule the catalog lacks still gets its test case.
  const families = new Map<string, Case[]>();
  const addCase = (rule: Case['rule']) => {
    const f = ruleFamily(rule.id);
    const list = families.get(f) ?? families.set(f, []).get(f)!;
    list.push({ rule, diagnostics: byRule.get(rule.id) ?? [] });
  };
  const known = new Set<string>();
  for (const r of catalog) {
    known.add(r.id);
    addCase(r);
  }
  for (const id of byRule.keys()) if (!known.has(id)) addCase({ id, title: '(rule not in the catalog)' });

  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [family, cases] of families) {
    const rendered = cases.map((c) => testcase(c, family));
    const failed = rendered.filter((r) => r.failed).length;
    tests += cases.length;
    failures += failed;
    const name = `${family}: ${familyLabel(family)}`;
    suites.push(
      [`  <testsuite name="${xmlAttr(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`, ...rendered.map((r) => r.xml), '  </testsuite>'].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(opts.name)}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

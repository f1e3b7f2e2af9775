/**
 * Reports of scenario expectations for CI, in the shapes `rackplane validate` writes (shared/validate/report/):
 *  - JUnit XML: one <testsuite> per scenario, one <testcase> per expectation (classname `rackplane.simulate`),
 *    a failing one with one <failure> whose message says measured against expected; no times, so runs diff cleanly;
 *  - SARIF 2.1.0: one result per failed expectation, ruleId `SIM-EXPECT-<kind>` (`SIM-EXPECT-minRate`), located
 *    at the scenario file when it is known and logically at the scenario and the subject.
 */
import { SARIF_SCHEMA } from '../validate/report/sarif';
import { xmlAttr, xmlText } from '../validate/report/xml';
import { EXPECTATION_KINDS, type ExpectationKind, type ExpectationOutcome } from './expectations';

export interface ScenarioOutcomes {
  scenario: string;
  expectations: readonly ExpectationOutcome[];
}

/** Counts over every scenario: how many expectations, and how many failed. */
export function expectationTotals(runs: readonly ScenarioOutcomes[]): { tests: number; failures: number } {
  let tests = 0;
  let failures = 0;
  for (const r of runs) {
    tests += r.expectations.length;
    failures += r.expectations.filter((e) => !e.passed).length;
  }
  return { tests, failures };
}

/** The JUnit XML text (UTF-8, with declaration). */
export function expectationsJunit(runs: readonly ScenarioOutcomes[], opts: { name: string }): string {
  const total = expectationTotals(runs);
  const suites = runs.map((r) => {
    const failed = r.expectations.filter((e) => !e.passed).length;
    const cases = r.expectations.map((e) => {
      const attrs = `name="${xmlAttr(e.label)}" classname="rackplane.simulate"`;
      if (e.passed) return `    <testcase ${attrs}>\n      <system-out>${xmlText(e.message)}</system-out>\n    </testcase>`;
      return `    <testcase ${attrs}>\n      <failure message="${xmlAttr(e.message)}" type="${e.kind}">${xmlText(e.message)}</failure>\n    </testcase>`;
    });
    return [`  <testsuite name="${xmlAttr(r.scenario)}" tests="${r.expectations.length}" failures="${failed}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlAttr(opts.name)}" tests="${total.tests}" failures="${total.failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}

const RULE_TEXT: Record<ExpectationKind, string> = {
  minRate: 'A flow, or every flow of a traffic class, gets at least the stated rate',
  maxUtilisation: 'A link, or every link of a class, stays at or below the stated peak utilisation',
  maxDowntime: 'Every migration (or the named one) finishes with at most the stated downtime',
  maxTotal: 'Every migration (or the named one) finishes within the stated total time',
  noDrops: 'No flow or migration of the scenario is dropped',
};

export const expectationRuleId = (k: ExpectationKind) => `SIM-EXPECT-${k}`;

/** The SARIF log object (serialise with JSON.stringify). */
export function expectationsSarif(runs: readonly ScenarioOutcomes[], opts: { toolVersion: string; artifactUri?: string }) {
  const rules = EXPECTATION_KINDS.map((k) => ({
    id: expectationRuleId(k),
    name: `Expect${k[0]!.toUpperCase()}${k.slice(1)}`,
    shortDescription: { text: RULE_TEXT[k] },
    fullDescription: { text: `${RULE_TEXT[k]} (scenario expectation "${k}", docs/scenarios.md).` },
    defaultConfiguration: { level: 'error' as const },
  }));
  const results = runs.flatMap((r) =>
    r.expectations
      .filter((e) => !e.passed)
      .map((e) => ({
        ruleId: expectationRuleId(e.kind),
        ruleIndex: EXPECTATION_KINDS.indexOf(e.kind),
        level: 'error' as const,
        message: { text: `${r.scenario}: ${e.message}` },
        locations: [
          {
            ...(opts.artifactUri === undefined ? {} : { physicalLocation: { artifactLocation: { uri: opts.artifactUri, index: 0 } } }),
            logicalLocations: [{ name: e.subject, fullyQualifiedName: `scenarios/${r.scenario}/${e.subject}`, kind: 'object' }],
          },
        ],
        // Stable across runs: the same broken check is one finding on a dashboard over time.
        partialFingerprints: { 'rackplaneExpectation/v1': `${r.scenario}|${e.label}` },
        properties: { scenario: r.scenario, expected: e.expected, measured: e.measured },
      })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: { driver: { name: 'Rackplane', version: opts.toolVersion, rules } },
        ...(opts.artifactUri === undefined ? {} : { artifacts: [{ location: { uri: opts.artifactUri } }] }),
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
}

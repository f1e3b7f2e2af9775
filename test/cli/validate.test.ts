/** The built CLI's `validate` and `rules` commands: exit codes, the JSON contract, JUnit XML and SARIF. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../shared/validate';
import { sarifShapeProblems } from '../../shared/validate/report/sarif-shape.test-support';
import { rackplane, requireBuiltCli, ROOT, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => rackplane(args, { cwd: dir });
const RULES = ruleCatalog();

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expect(run('new', '--template', 'rack', '--hosts', '6', '--vms-per-host', '4', '-o', 'rack.rackplane').code).toBe(0);
  // A known-bad design: seven planted errors, listed in test/fixtures/validate/README.md.
  copyFileSync(join(ROOT, 'test/fixtures/validate/problems.topology.json'), join(dir, 'problems.json'));
});
afterAll(() => cleanup());

/** Exit 2, one `rackplane: …` line on stderr, nothing on stdout. */
function expectRefused(r: CliRun, reason: RegExp): void {
  expect(r.errLines, r.stderr).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^rackplane: \S/);
  expect(r.errLines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

interface ValidationJson {
  diagnostics: { rule: string; severity: string; message: string; elements: string[]; links: string[]; fix?: string }[];
  summary: { error: number; warning: number; info: number };
}
const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/validate/problems.expected.json'), 'utf8')) as { rule: string; severity: string; elements: string[] }[];
/** How many of the fixture's diagnostics have a severity (all errors but one info: NET-001 on h3). */
const countOf = (severity: string) => expected.filter((e) => e.severity === severity).length;

describe('rackplane validate', () => {
  it('exits 0 on a template and says there is nothing wrong', () => {
    const r = run('validate', 'rack.rackplane');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(`0 errors, 0 warnings, 0 info (${RULES.length} rules checked)\n`);
  });

  it('exits 1 on a design with errors and prints one line per diagnostic', () => {
    const r = run('validate', 'problems.json');
    expect([r.code, r.stderr]).toEqual([1, '']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.slice(0, -1).map((l) => /^(\w+) ([A-Z0-9]+-\d{3}) (\S+): \S/.exec(l)?.slice(1, 3))).toEqual(expected.map((e) => [e.severity, e.rule]));
    expect(lines.at(-1)).toBe(`${countOf('error')} errors, ${countOf('warning')} warnings, ${countOf('info')} info (${RULES.length} rules checked)`);
  });

  it('keeps the JSON contract', () => {
    const r = run('validate', 'problems.json', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as ValidationJson;
    expect(Object.keys(json)).toEqual(['diagnostics', 'summary']);
    expect(json.summary).toEqual({ error: countOf('error'), warning: countOf('warning'), info: countOf('info') });
    expect(json.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, elements: [...d.elements].sort() }))).toEqual(expected);
    for (const d of json.diagnostics) {
      expect(Object.keys(d).slice(0, 5)).toEqual(['rule', 'severity', 'message', 'elements', 'links']);
      expect(d.message.length).toBeGreaterThan(10);
    }
    expect(json.diagnostics.find((d) => d.rule === 'ETH-001')!.fix).toBe('Use 25 Gb/s');
    const clean = run('validate', 'rack.rackplane', '-f', 'json');
    expect(JSON.parse(clean.stdout)).toEqual({ diagnostics: [], summary: { error: 0, warning: 0, info: 0 } });
  });

  it('writes JUnit XML that parses: a suite per family, a test case per rule, failures for the failing rules', () => {
    const r = run('validate', 'problems.json', '--format', 'junit');
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(r.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { name: string; failure?: { type: string; '#text': string } }[] }[] };
    };
    expect(Number(xml.testsuites.tests)).toBe(RULES.length);
    const cases = xml.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual(RULES.map((rule) => rule.id));
    const failed = cases.filter((c) => c.failure).map((c) => c.name.split(' ')[0]);
    // Info diagnostics never fail a test case (they go to its system-out).
    expect(failed).toEqual([...new Set(expected.filter((e) => e.severity !== 'info').map((e) => e.rule))].sort((a, b) => RULES.findIndex((x) => x.id === a) - RULES.findIndex((x) => x.id === b)));
    expect(Number(xml.testsuites.failures)).toBe(failed.length);
    expect(cases.find((c) => c.name.startsWith('VS-002'))!.failure!['#text']).toMatch(/^error VS-002 h3\.vs: /);
  });

  it('writes SARIF 2.1.0 with the rule catalog and results located by element id', () => {
    const r = run('validate', 'problems.json', '--format', 'sarif');
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; properties: { source: string } }[] } }; artifacts: { location: { uri: string } }[]; results: { ruleId: string; level: string; locations: { logicalLocations: { name: string }[]; physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarifShapeProblems(sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
    const [runObj] = sarif.runs;
    expect(runObj!.tool.driver.rules.map((x) => [x.id, x.properties.source])).toEqual(RULES.map((x) => [x.id, x.source]));
    expect(runObj!.artifacts).toEqual([{ location: { uri: 'problems.json' } }]);
    expect(runObj!.results).toHaveLength(expected.length);
    const vs = runObj!.results.find((x) => x.ruleId === 'VS-002')!;
    expect(vs.level).toBe('error');
    expect(vs.locations[0]!.logicalLocations[0]!.name).toBe('h3.vs');
    expect(vs.locations[0]!.physicalLocation.artifactLocation.uri).toBe('problems.json');
  });

  it('names a file outside the working directory by a file:// URI in SARIF', () => {
    const r = rackplane(['validate', join(dir, 'rack.rackplane'), '-f', 'sarif'], { cwd: ROOT });
    const sarif = JSON.parse(r.stdout) as { runs: { artifacts: { location: { uri: string } }[] }[] };
    expect(sarif.runs[0]!.artifacts[0]!.location.uri).toMatch(/^file:\/\/\/.*\/rack\.rackplane$/);
  });

  it('reads topology JSON from standard input', () => {
    const r = rackplane(['validate', '-', '-f', 'json'], { cwd: dir, input: readFileSync(join(dir, 'problems.json')) });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as ValidationJson).summary.error).toBe(countOf('error'));
  });

  it('exits 2 with one line on unusable input and bad arguments', () => {
    writeFileSync(join(dir, 'broken.json'), '{"format": "rackplane-topology", "version": 1, "elements": [');
    expectRefused(run('validate', 'broken.json'), /“broken.json”: not valid JSON/);
    expectRefused(run('validate', 'missing.rackplane'), /cannot open “missing.rackplane”: it does not exist/);
    expectRefused(run('validate', 'rack.rackplane', '--format', 'html'), /Allowed choices are text, json, junit, sarif/);
    expectRefused(run('validate'), /missing required argument 'file'/);
  });
});

describe('rackplane rules', () => {
  it('lists every rule as JSON with id, severity, description and source', () => {
    const r = run('rules', '--format', 'json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const json = JSON.parse(r.stdout) as { rules: { id: string; severity: string; title: string; description: string; source: string; family: string }[] };
    expect(json.rules.map(({ id, severity, title, description, source }) => ({ id, severity, title, description, source }))).toEqual(RULES);
    expect(json.rules.find((x) => x.id === 'MIG-001')!.family).toBe('MIG');
  });

  it('prints a readable block per rule by default', () => {
    const r = run('rules');
    expect(r.code).toBe(0);
    for (const rule of RULES) expect(r.stdout).toMatch(new RegExp(`^${rule.id} +${rule.severity} +${rule.title.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toMatch(/^ +Source: IEEE 802\.1BR-2012/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`${RULES.length} rules`);
  });
});

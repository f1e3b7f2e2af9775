import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import problems from '../../../test/fixtures/validate/problems.topology.json';
import { loadDocument } from '../../formats/topology';
import { summarize, validateDesign, type ValidationResult } from '../engine';
import { ALL_RULES, ruleCatalog } from '../rules';
import type { Diagnostic, RuleMeta } from '../types';
import { diagnosticLine, rulesJson, rulesText, ruleFamily, validationJson, validationJunit, validationSarif, validationText, xmlAttr, xmlText } from './index';
import { expectValidSarif, sarifShapeProblems } from './sarif-shape.test-support';

const catalog: RuleMeta[] = [
  { id: 'PCI-002', severity: 'error', title: 'Single-root tree', description: 'The PCIe graph is a tree.', source: 'PCIe base spec' },
  { id: 'PCI-003', severity: 'warning', title: 'Link training', description: 'Links train to the lower end.', source: 'Linux drivers/pci/pci.c' },
  { id: 'IOV-005', severity: 'info', title: 'VF-to-VF traffic', description: 'VF-to-VF traffic crosses PCIe twice.', source: 'book' },
  { id: 'EVB-001', severity: 'error', title: 'Reflective relay', description: 'VEPA needs hairpin.', source: '802.1Qbg' },
];

// Markup characters, a line break, a control character and a lone surrogate: all must survive or be replaced.
const NASTY = `NIC "a<b>&c" 'q'\nnext\u0001 \uD800 end`;
const diagnostics: Diagnostic[] = [
  { rule: 'PCI-002', severity: 'error', message: NASTY, elements: ['r01.h001.nic0', 'r01.h001.rc0'], links: ['r01.h001.nic0.pcie'], fix: { label: 'Remove the extra link', commands: [] } },
  { rule: 'PCI-002', severity: 'error', message: 'Second tree problem.', elements: ['r01.h002.nic0'], links: [] },
  { rule: 'PCI-003', severity: 'warning', message: 'Gen3 x8 limited by Gen2 x8.', elements: ['r01.h001.nic0'], links: [] },
  { rule: 'IOV-005', severity: 'info', message: 'Counted twice.', elements: ['r01.h001.nic0'], links: [] },
  { rule: 'ZZZ-001', severity: 'warning', message: 'From a rule the catalog lacks.', elements: [], links: [] },
];
const sample: ValidationResult = { diagnostics, summary: summarize(diagnostics) };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
type Junit = {
  testsuites: {
    name: string;
    tests: string;
    failures: string;
    testsuite: { name: string; tests: string; failures: string; testcase: { name: string; classname: string; failure?: { '#text': string; type: string; message: string }; 'system-out'?: string }[] }[];
  };
};

describe('xml escaping', () => {
  it('escapes markup and replaces characters XML cannot carry', () => {
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlText('x\u0000y\u0008z\uFFFE')).toBe('x\uFFFDy\uFFFDz\uFFFD');
    expect(xmlText('lone \uD800 surrogate, pair 😀 kept')).toBe('lone \uFFFD surrogate, pair 😀 kept');
    expect(xmlAttr(`"'\t\n`)).toBe('&quot;&apos;&#9;&#10;');
    expect(xmlText('cr\r')).toBe('cr&#13;');
  });

  it('round-trips through a real parser', () => {
    const text = 'a < b && "c" > \'d\'\nline two\ttab';
    const xml = `<r a="${xmlAttr(text)}">${xmlText(text)}</r>`;
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false }).parse(xml) as { r: { a: string; '#text': string } };
    expect(parsed.r['#text']).toBe(text);
    expect(parsed.r.a).toBe(text);
  });
});

describe('text and JSON', () => {
  it('prints one line per diagnostic and a summary', () => {
    const out = validationText(sample, { rules: 4 });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(diagnostics.length + 1);
    // Controls shown as escapes (issue #17 item 6: a newline or ESC from a file never reaches the terminal raw).
    expect(lines[0]).toMatch(/^error PCI-002 r01\.h001\.nic0: NIC "a<b>&c" 'q'\\nnext\\x01 \uD800 end \[fix: Remove the extra link\]$/);
    expect(lines[2]).toBe('warning PCI-003 r01.h001.nic0: Gen3 x8 limited by Gen2 x8.');
    expect(lines[4]).toBe('warning ZZZ-001: From a rule the catalog lacks.');
    expect(lines.at(-1)).toBe('2 errors, 2 warnings, 1 info (4 rules checked)');
    expect(validationText({ diagnostics: [], summary: summarize([]) }, { rules: 29 })).toBe('0 errors, 0 warnings, 0 info (29 rules checked)\n');
  });

  it('keeps the JSON contract: rule, severity, message, elements (+ links, fix label) and summary', () => {
    const json = validationJson(sample);
    expect(Object.keys(json)).toEqual(['diagnostics', 'summary']);
    expect(json.summary).toEqual({ error: 2, warning: 2, info: 1 });
    expect(json.diagnostics[0]).toEqual({ rule: 'PCI-002', severity: 'error', message: NASTY, elements: ['r01.h001.nic0', 'r01.h001.rc0'], links: ['r01.h001.nic0.pcie'], fix: 'Remove the extra link' });
    expect(Object.keys(json.diagnostics[1]!)).toEqual(['rule', 'severity', 'message', 'elements', 'links']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('JUnit XML', () => {
  const xml = validationJunit(sample, catalog, { name: 'rackplane validate "x&y".rackplane' });
  const junit = parser.parse(xml) as Junit;

  it('is well-formed XML', () => expect(XMLValidator.validate(xml)).toBe(true));

  it('has one suite per family and one test case per rule, unknown rules included', () => {
    const suites = junit.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['PCI: PCIe topology and bandwidth', 'IOV: SR-IOV', 'EVB: Edge virtual bridging (802.1Qbg)', 'ZZZ: ZZZ']);
    expect(suites.map((s) => s.testcase.map((c) => c.name))).toEqual([['PCI-002 Single-root tree', 'PCI-003 Link training'], ['IOV-005 VF-to-VF traffic'], ['EVB-001 Reflective relay'], ['ZZZ-001 (rule not in the catalog)']]);
    expect(suites[0]!.testcase[0]!.classname).toBe('rackplane.PCI');
    expect(junit.testsuites.name).toBe('rackplane validate "x&y".rackplane');
  });

  it('fails rules with errors or warnings, passes clean rules and reports infos as output', () => {
    const [pci, iov, evb, zzz] = junit.testsuites.testsuite;
    const tree = pci!.testcase[0]!.failure!;
    expect(tree.type).toBe('error');
    expect(tree.message).toBe('2 errors, 0 warnings');
    expect(tree['#text'].split('\n')).toEqual([diagnosticLine(diagnostics[0]!).replace('\uD800', '\uFFFD'), 'error PCI-002 r01.h002.nic0: Second tree problem.']);
    expect(pci!.testcase[1]!.failure!.type).toBe('warning');
    expect(iov!.testcase[0]!.failure).toBeUndefined();
    expect(iov!.testcase[0]!['system-out']).toBe('info IOV-005 r01.h001.nic0: Counted twice.');
    expect(evb!.testcase[0]!.failure).toBeUndefined();
    expect(zzz!.testcase[0]!.failure!.type).toBe('warning');
    expect([pci!.failures, iov!.failures, evb!.failures, zzz!.failures]).toEqual(['2', '0', '0', '1']);
    expect([junit.testsuites.tests, junit.testsuites.failures]).toEqual(['5', '3']);
  });
});

describe('SARIF 2.1.0', () => {
  const log = validationSarif(sample, catalog, { toolVersion: '1.2.3', artifactUri: 'designs/rack%20a.rackplane' });

  it('has every required property and no property the schema forbids', () => expectValidSarif(log));

  it('describes every rule with its source', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(catalog.map((r) => r.id));
    expect(rules[0]).toEqual({
      id: 'PCI-002',
      name: 'SingleRootTree',
      shortDescription: { text: 'Single-root tree' },
      fullDescription: { text: 'The PCIe graph is a tree.' },
      help: { text: 'The PCIe graph is a tree. Source: PCIe base spec.' },
      defaultConfiguration: { level: 'error' },
      properties: { source: 'PCIe base spec', family: 'PCI', tags: ['PCIe topology and bandwidth'] },
    });
  });

  it('maps severities, locates results by element ids and points ruleIndex at the rule', () => {
    const results = log.runs[0]!.results;
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'warning']);
    const first = results[0]!;
    expect(first.message.text).toBe(NASTY);
    expect(first.locations).toEqual([
      { logicalLocations: [{ name: 'r01.h001.nic0', fullyQualifiedName: 'elements/r01.h001.nic0', kind: 'object' }], physicalLocation: { artifactLocation: { uri: 'designs/rack%20a.rackplane', index: 0 } } },
    ]);
    expect(first.relatedLocations!.map((l) => [l.id, l.logicalLocations[0]!.fullyQualifiedName])).toEqual([
      [1, 'elements/r01.h001.rc0'],
      [2, 'links/r01.h001.nic0.pcie'],
    ]);
    expect(first.properties).toEqual({ elements: ['r01.h001.nic0', 'r01.h001.rc0'], links: ['r01.h001.nic0.pcie'], fix: 'Remove the extra link' });
    for (const r of results) if (r.ruleIndex !== undefined) expect(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(results[4]).toMatchObject({ ruleId: 'ZZZ-001', locations: [] });
    expect(results[4]!.ruleIndex).toBeUndefined();
    expect(log.runs[0]!.artifacts).toEqual([{ location: { uri: 'designs/rack%20a.rackplane' } }]);
  });

  it('is checked by a shape test that does catch broken logs', () => {
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: Record<string, unknown>[]; tool: { driver: Record<string, unknown> } }[] };
    delete broken.runs[0]!.results[0]!.message;
    broken.runs[0]!.results[1]!.level = 'info';
    broken.runs[0]!.results[2]!.ruleIndex = 0;
    broken.runs[0]!.tool.driver.colour = 'blue';
    expect(sarifShapeProblems(broken)).toEqual([
      '$.runs[0].tool.driver: property "colour" is not allowed',
      '$.runs[0].results[0]: missing required "message"',
      '$.runs[0].results[1].level: must be one of none, note, warning, error',
      '$.runs[0].results[2]: ruleIndex does not point at rule PCI-003',
    ]);
  });

  it('leaves out the artifact when no file is known', () => {
    const bare = validationSarif(sample, catalog, { toolVersion: '0' });
    expectValidSarif(bare);
    expect(bare.runs[0]!.artifacts).toBeUndefined();
    expect(bare.runs[0]!.results[0]!.locations[0]!.physicalLocation).toBeUndefined();
  });
});

describe('reports of a real validation', () => {
  const loaded = loadDocument(problems, { expectFormat: true });
  if (!loaded.ok) throw new Error(loaded.reason);
  const result = validateDesign(loaded.design, ALL_RULES);
  const full = ruleCatalog();

  it('agree on the counts', () => {
    expect(result.summary.error).toBeGreaterThan(0);
    const junit = parser.parse(validationJunit(result, full, { name: 'problems' })) as Junit;
    expect(Number(junit.testsuites.tests)).toBe(full.length);
    const failingRules = new Set(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.rule));
    expect(Number(junit.testsuites.failures)).toBe(failingRules.size);
    const families = new Set(full.map((r) => ruleFamily(r.id)));
    expect(junit.testsuites.testsuite).toHaveLength(families.size);
    const sarif = validationSarif(result, full, { toolVersion: '0.1.0' });
    expectValidSarif(sarif);
    expect(sarif.runs[0]!.results.filter((r) => r.level === 'error')).toHaveLength(result.summary.error);
    expect(validationJson(result).diagnostics.map((d) => d.rule)).toEqual(result.diagnostics.map((d) => d.rule));
  });
});

describe('rule catalog', () => {
  it('lists every rule as JSON with its family', () => {
    const json = rulesJson(ruleCatalog());
    expect(json.rules).toHaveLength(ALL_RULES.length);
    expect(Object.keys(json.rules[0]!)).toEqual(['id', 'severity', 'title', 'description', 'source', 'family']);
    expect(json.rules.find((r) => r.id === 'EVB-001')).toMatchObject({ severity: 'error', family: 'EVB' });
  });

  it('prints a block per rule in text', () => {
    const text = rulesText(catalog);
    expect(text).toContain('PCI-003  warning  Link training\n         Links train to the lower end.\n         Source: Linux drivers/pci/pci.c\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('4 rules');
  });
});

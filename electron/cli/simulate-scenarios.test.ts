// Issue #13: a scenario file checked into a repository drives `rackplane simulate` in a pipeline. Runs the CLI in
// process on the checked-in fixtures: exit 0 and a passing JUnit report when every expectation holds, exit 1 and
// the broken expectation in JUnit and SARIF when one fails, exit 2 with one line and nothing on stdout for a bad file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.test-support';

const FIX = 'test/fixtures/scenarios';
const RACK = `${FIX}/rack.json`;
let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'rackplane-cli-scenarios-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runInProcess;

describe('simulate --scenario-file in a pipeline', () => {
  it('exits 0 with a JUnit report of every expectation when all hold', async () => {
    const r = await run('simulate', RACK, '--scenario-file', `${FIX}/pipeline.json`, '--format', 'junit');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="[^"]*" tests="5" failures="0" errors="0">/);
    expect(r.stdout).toContain('<testsuite name="h001 to h002, one uplink down" tests="3" failures="0"');
    expect(r.stdout).toContain('<testsuite name="evacuate h001" tests="2" failures="0"');
    expect(r.stdout).toContain('<system-out>class app: 12.5 Gb/s (holds ≥ 12 Gb/s)</system-out>');
  });

  it('exits 1 and names the broken expectation in JUnit and SARIF', async () => {
    const j = await run('simulate', RACK, '--scenario-file', `${FIX}/failing.json`, '--format', 'junit');
    expect(j.code).toBe(1);
    expect(j.stdout).toContain('tests="2" failures="1"');
    expect(j.stdout).toContain('<testcase name="app keeps 30G" classname="rackplane.simulate">\n      <failure message="flow app: 25 Gb/s (expected ≥ 30 Gb/s)" type="minRate">');
    const s = await run('simulate', RACK, '--scenario-file', `${FIX}/failing.json`, '--format', 'sarif');
    expect(s.code).toBe(1);
    const log = JSON.parse(s.stdout) as { version: string; runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((x) => [x.ruleId, x.message.text])).toEqual([['SIM-EXPECT-minRate', 'tor-a down: flow app: 25 Gb/s (expected ≥ 30 Gb/s)']]);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation?.artifactLocation.uri).toBe(`${FIX}/failing.json`);
  });

  it('--scenario runs one scenario of the file; text and JSON list the expectations', async () => {
    const t = await run('simulate', RACK, '--scenario-file', `${FIX}/pipeline.json`, '--scenario', 'evacuate h001', '--format', 'text');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^Scenario evacuate h001 on/);
    expect(t.stdout).toContain('Expectations: 2 hold, 0 failed\n  ok    maxDowntime migrations downtime ≤ 0.3 s: migrations: downtime 0.22 s');
    const j = await run('simulate', RACK, '--scenario-file', `${FIX}/pipeline.json`);
    const json = JSON.parse(j.stdout) as { scenarios: { scenario: string; downLinks?: string[]; expectations: { passed: boolean }[] }[] };
    expect(json.scenarios.map((s) => [s.scenario, s.expectations.length, s.downLinks])).toEqual([
      ['h001 to h002, one uplink down', 3, ['r01.h001.nic0.eth0']],
      ['evacuate h001', 2, undefined],
    ]);
    const missing = await run('simulate', RACK, '--scenario-file', `${FIX}/pipeline.json`, '--scenario', 'nope');
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe("rackplane: --scenario nope: “pipeline.json” has no such scenario (it has 'h001 to h002, one uplink down' and 'evacuate h001')\n");
  });

  it.each([
    [{ failures: [{ switch: 'r01.tor-a' }, { host: 'r01.h001' }, { link: 'x' }] }, 'scenarios[0].failures[2].link: no link "x" in the design'],
    [{ expectations: [{ minrate: 3, flow: 'f' }] }, 'scenarios[0].expectations[0]: an expectation needs one of "minRate", "maxUtilisation", "maxDowntime", "maxTotal", "noDrops"'],
  ])('a bad scenario file is one line naming the field, exit 2, nothing written: %j', async (extra, reason) => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ format: 'rackplane-scenarios', version: 1, scenarios: [{ name: 's', ...extra }] }));
    for (const format of ['junit', 'sarif', 'json']) {
      const r = await run('simulate', RACK, '--scenario-file', path, '--format', format);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `rackplane: “bad.json”: ${reason}\n`]);
    }
  });
});

describe('scenario list|export|import and topology JSON scenarios', () => {
  it('imports a scenario file into a project, lists, runs and exports it back unchanged', async () => {
    const project = join(dir, 'p.rackplane');
    const imp = await run('scenario', 'import', RACK, `${FIX}/pipeline.json`, '-o', project);
    expect([imp.code, imp.stderr, imp.stdout]).toEqual([0, '', 'wrote “p.rackplane”: 2 scenarios imported, 2 stored in all\n']);
    const list = await run('scenario', 'list', project);
    expect(list.stdout).toBe('h001 to h002, one uplink down (current): 2 flows, 0 migrations, 1 failure, 3 expectations\nevacuate h001: 0 flows, 1 migration, 0 failures, 2 expectations\n');
    // A stored scenario keeps its failures and expectations: simulate judges them without the file.
    const sim = await run('simulate', project, '--scenario', 'h001 to h002, one uplink down', '--format', 'junit');
    expect(sim.code).toBe(0);
    expect(sim.stdout).toContain('tests="3" failures="0"');
    const out = join(dir, 'out.json');
    expect((await run('scenario', 'export', project, '-o', out)).code).toBe(0);
    const { parseScenarioFile } = await import('../../shared/formats/scenarios');
    const { readFileSync } = await import('node:fs');
    expect(parseScenarioFile(readFileSync(out, 'utf8'))).toEqual(parseScenarioFile(readFileSync(`${FIX}/pipeline.json`, 'utf8')));
    const again = await run('scenario', 'import', project, `${FIX}/pipeline.json`, '-o', project);
    expect([again.code, again.stderr]).toEqual([2, "rackplane: “p.rackplane” already stores a scenario named 'h001 to h002, one uplink down': use --replace to overwrite it\n"]);
    expect((await run('scenario', 'import', project, `${FIX}/pipeline.json`, '-o', project, '--replace')).code).toBe(0);
    const one = await run('scenario', 'export', project, '-o', '-', '--scenario', 'evacuate h001');
    expect((JSON.parse(one.stdout) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual(['evacuate h001']);
  });

  it('a bad scenario file imports nothing and writes nothing', async () => {
    const { existsSync } = await import('node:fs');
    const bad = join(dir, 'bad-import.json');
    writeFileSync(bad, JSON.stringify({ format: 'rackplane-scenarios', version: 1, scenarios: [{ name: 's', migrations: [{ vm: 'r01.h001.vm01', to: 'nowhere' }] }] }));
    const target = join(dir, 'never.rackplane');
    const r = await run('scenario', 'import', RACK, bad, '-o', target);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'rackplane: “bad-import.json”: scenarios[0].migrations[0].to: no host "nowhere" in the design\n']);
    expect(existsSync(target)).toBe(false);
  });

  it('export --format json carries the stored scenarios; import json and simulate read them back', async () => {
    const project = join(dir, 'rt.rackplane');
    await run('scenario', 'import', RACK, `${FIX}/pipeline.json`, '-o', project);
    const json = join(dir, 'rt.json');
    expect((await run('export', project, '--format', 'json', '-o', json)).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { scenarios: { name: string }[] };
    expect(doc.scenarios.map((s) => s.name)).toEqual(['h001 to h002, one uplink down', 'evacuate h001']);
    const sim = await run('simulate', json, '--scenario', 'evacuate h001', '--format', 'junit');
    expect([sim.code, sim.stdout.includes('tests="2" failures="0"')]).toEqual([0, true]);
    const back = join(dir, 'back.rackplane');
    const imp = await run('import', 'json', json, '-o', back);
    expect(imp.code).toBe(0);
    expect((await run('scenario', 'list', back, '--format', 'json')).stdout).toBe((await run('scenario', 'list', project, '--format', 'json')).stdout);
  });
});

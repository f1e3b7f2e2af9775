/**
 * Issue #13, through the built CLI as a pipeline runs it: the checked-in scenario file drives `simulate` with
 * exit codes and JUnit; a bad scenario file is one line, exit 2, and nothing on stdout.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, ROOT, tempDir } from './run-cli';

let dir: string;
let cleanup: () => void;
const FIX = join(ROOT, 'test', 'fixtures', 'scenarios');
const run = (...args: string[]) => rackplane(args, { cwd: dir });

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

describe('rackplane simulate --scenario-file (built CLI)', () => {
  it('exits 0 with a JUnit report when every expectation holds, 1 when one fails', () => {
    const ok = run('simulate', join(FIX, 'rack.json'), '--scenario-file', join(FIX, 'pipeline.json'), '--format', 'junit');
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toContain('tests="5" failures="0"');
    const bad = run('simulate', join(FIX, 'rack.json'), '--scenario-file', join(FIX, 'failing.json'), '--format', 'junit');
    expect([bad.code, bad.stderr]).toEqual([1, '']);
    expect(bad.stdout).toContain('<failure message="flow app: 25 Gb/s (expected ≥ 30 Gb/s)" type="minRate">');
  });

  it('refuses a scenario file naming a missing link: one line, exit 2, nothing written', () => {
    const scenarios = { format: 'rackplane-scenarios', version: 1, scenarios: [{ name: 's', failures: [{ switch: 'r01.tor-a' }, { host: 'r01.h001' }, { link: 'x' }] }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(scenarios));
    const r = run('simulate', join(FIX, 'rack.json'), '--scenario-file', 'bad.json', '--format', 'sarif');
    expect([r.code, r.stdout, r.errLines]).toEqual([2, '', ['rackplane: “bad.json”: scenarios[0].failures[2].link: no link "x" in the design']]);
  });
});

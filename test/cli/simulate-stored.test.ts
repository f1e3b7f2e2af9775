/** The built CLI with scenarios stored in a project: `simulate --scenario NAME` and `info` listing them. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveProject } from '../../electron/project/store';
import { designFingerprint } from '../../shared/sim/persist';
import { evacuate, SCENARIO_DEFAULTS } from '../../shared/sim/scenarios';
import { simulate, type Scenario } from '../../shared/sim/simulate';
import { makeTemplate } from '../../shared/templates';
import { rackplane, requireBuiltCli, tempDir } from './run-cli';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => rackplane(args, { cwd: dir });
const design = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
const evac: Scenario = { name: 'evacuate h1', flows: [], migrations: evacuate(design, 'r01.h001'), ...SCENARIO_DEFAULTS };
// A stored name that shadows a built-in one: the stored scenario wins.
const shadow: Scenario = { name: 'one-per-vm', flows: [{ id: 'only', src: { host: 'r01.h001' }, dst: { host: 'r01.h002' }, demandGbps: 1 }], migrations: [], ...SCENARIO_DEFAULTS };

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  const result = { scenario: evac, result: simulate(design, evac), designFingerprint: designFingerprint(design), runAt: '2025-03-01T12:00:00.000Z' };
  saveProject(join(dir, 'rack.rackplane'), design, {}, { current: 'evacuate h1', scenarios: [evac, shadow], results: [result] });
  const moved = { ...design, elements: { ...design.elements, 'r01.h001': { ...design.elements['r01.h001']!, x: 999 } } };
  saveProject(join(dir, 'edited.rackplane'), moved, {}, { current: null, scenarios: [evac], results: [result] });
  expect(run('new', '--template', 'rack', '--hosts', '2', '-o', 'plain.rackplane').code).toBe(0);
});
afterAll(() => cleanup());

describe('rackplane simulate --scenario NAME (stored)', () => {
  it('runs the stored scenario by name', () => {
    const r = run('simulate', 'rack.rackplane', '--scenario', 'evacuate h1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scenario: string; migrations: { vm: string; to: string }[] };
    expect(out.scenario).toBe('evacuate h1');
    expect(out.migrations.map((m) => [m.vm, m.to])).toEqual(evac.migrations.map((m) => [m.vm, m.to]));
  });

  it('prefers a stored scenario over a built-in of the same name; built-ins still work', () => {
    const stored = JSON.parse(run('simulate', 'rack.rackplane', '--scenario', 'one-per-vm').stdout) as { flows: { id: string }[] };
    expect(stored.flows.map((f) => f.id)).toEqual(['only']);
    const builtin = JSON.parse(run('simulate', 'plain.rackplane', '--scenario', 'one-per-vm').stdout) as { flows: unknown[] };
    expect(builtin.flows.length).toBeGreaterThan(1);
    expect(run('simulate', 'rack.rackplane', '--scenario', 'all-to-all:r01.h001:r01.h002').code).toBe(0);
  });

  it('refuses an unknown name with exit 2, listing the stored ones', () => {
    const r = run('simulate', 'rack.rackplane', '--scenario', 'nightly');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toEqual(["rackplane: unknown scenario 'nightly': use one-per-vm, all-to-all:HOSTA:HOSTB or evacuate:HOSTA, or one stored in the file: 'evacuate h1' and 'one-per-vm'"]);
    expect(run('simulate', 'plain.rackplane', '--scenario', 'nightly').errLines[0]).toMatch(/\(the file stores no scenarios\)$/);
  });
});

describe('rackplane info lists stored scenarios', () => {
  it('as JSON, with the last run and whether it is stale', () => {
    const info = (file: string) => JSON.parse(run('info', file, '--format', 'json').stdout) as { scenarios: unknown[] };
    expect(info('rack.rackplane').scenarios).toEqual([
      { name: 'evacuate h1', current: true, flows: 0, migrations: 2, lastRun: { runAt: '2025-03-01T12:00:00.000Z', stale: false } },
      { name: 'one-per-vm', current: false, flows: 1, migrations: 0, lastRun: null },
    ]);
    expect(info('edited.rackplane').scenarios).toEqual([{ name: 'evacuate h1', current: false, flows: 0, migrations: 2, lastRun: { runAt: '2025-03-01T12:00:00.000Z', stale: true } }]);
    expect(info('plain.rackplane').scenarios).toEqual([]);
  });

  it('as text', () => {
    const out = run('info', 'edited.rackplane').stdout;
    expect(out).toContain('Scenarios: 1 stored (run one with rackplane simulate FILE --scenario NAME)');
    expect(out).toContain('  evacuate h1: 0 flows, 2 migrations; last run 2025-03-01T12:00:00.000Z, stale: the design changed since');
  });
});

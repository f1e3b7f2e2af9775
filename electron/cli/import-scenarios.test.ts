// `rackplane import json` of a topology document that carries scenarios (issue #13 item 1): the project it writes marks
// the document's first scenario as current, as the app does when it opens the file (electron/project/open-job.ts), so
// the project opens with that scenario in the simulation panel instead of an empty one; `scenario import` into a
// design without a current scenario does the same. Runs the CLI in process on the checked-in fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, saveProject } from '../project/store';
import { runInProcess as run } from './run-in-process.test-support';

const FIX = 'test/fixtures/scenarios';
// rack.json stores no scenarios; pipeline.json holds two, in this order.
const RACK = `${FIX}/rack.json`;
const PIPELINE = `${FIX}/pipeline.json`;
const FIRST = 'h001 to h002, one uplink down';
const SECOND = 'evacuate h001';

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'rackplane-import-scenarios-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const current = (path: string) => {
  const p = openProject(path);
  if (!p.ok) throw new Error(p.reason);
  return { current: p.simulation.current, names: p.simulation.scenarios.map((s) => s.name) };
};

describe('the current scenario of an imported design', () => {
  it('import json stores the document\'s first scenario as current', async () => {
    // A topology document with both scenarios, as `scenario import` writes it.
    const json = join(dir, 'with-scenarios.json');
    expect((await run('scenario', 'import', RACK, PIPELINE, '-o', json)).code).toBe(0);
    const project = join(dir, 'imported.rackplane');
    const r = await run('import', 'json', json, '-o', project);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(current(project)).toEqual({ current: FIRST, names: [FIRST, SECOND] });
    const list = JSON.parse((await run('scenario', 'list', project, '--format', 'json')).stdout) as { scenarios: { name: string; current: boolean }[] };
    expect(list.scenarios.map((s) => [s.name, s.current])).toEqual([
      [FIRST, true],
      [SECOND, false],
    ]);
  });

  it('export --format json puts the current scenario first, so it is still current after import json', async () => {
    const plain = join(dir, 'plain-3.rackplane');
    expect((await run('import', 'json', RACK, '-o', plain)).code).toBe(0);
    const both = join(dir, 'both.rackplane');
    expect((await run('scenario', 'import', plain, PIPELINE, '-o', both)).code).toBe(0);
    const p = openProject(both);
    if (!p.ok) throw new Error(p.reason);
    saveProject(both, p.design, {}, { ...p.simulation, current: SECOND });
    const json = join(dir, 'current-second.json');
    expect((await run('export', both, '--format', 'json', '-o', json)).code).toBe(0);
    const back = join(dir, 'current-second.rackplane');
    expect((await run('import', 'json', json, '-o', back)).code).toBe(0);
    expect(current(back)).toEqual({ current: SECOND, names: [SECOND, FIRST] });
  });

  it('a document without scenarios still stores none', async () => {
    const project = join(dir, 'plain.rackplane');
    expect((await run('import', 'json', RACK, '-o', project)).code).toBe(0);
    expect(current(project)).toEqual({ current: null, names: [] });
  });

  it('scenario import into a project without a current scenario makes the first imported one current; an existing current one stays', async () => {
    const plain = join(dir, 'plain-2.rackplane');
    expect((await run('import', 'json', RACK, '-o', plain)).code).toBe(0);
    const withScenarios = join(dir, 'with.rackplane');
    expect((await run('scenario', 'import', plain, PIPELINE, '-o', withScenarios)).code).toBe(0);
    expect(current(withScenarios)).toEqual({ current: FIRST, names: [FIRST, SECOND] });
    // Importing them again (replaced) keeps the current one the project already had.
    const again = join(dir, 'again.rackplane');
    expect((await run('scenario', 'import', withScenarios, PIPELINE, '--replace', '-o', again)).code).toBe(0);
    expect(current(again).current).toBe(FIRST);
  });
});

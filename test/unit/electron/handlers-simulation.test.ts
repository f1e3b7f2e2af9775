// project:save carries the simulation state beside the document; project:openPath returns it. Both sides
// are checked: a malformed payload is refused before anything is written, and bad stored rows come back
// as repair lines.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../../electron/ipc/handlers';
import { openProject } from '../../../electron/project/store';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { designFingerprint, type ProjectSimulation } from '../../../shared/sim/persist';
import { defaultScenario } from '../../../shared/sim/scenarios';
import { simulate } from '../../../shared/sim/simulate';
import { makeTemplate } from '../../../shared/templates';
import { fakeDeps } from './support/fake-deps';
import type { PathTokens } from '../../../electron/ipc/path-tokens';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-ipc-sim-');

function setup(): { h: Handlers; dir: string; tokens: PathTokens } {
  const dir = tempDir();
  const deps = fakeDeps(join(dir, 'userData'));
  // The first save of each test asks where (the window has no file yet): the dialog answers each test's path.
  deps.dialogs.saveProject = async () => deps.answers.shift() ?? null;
  answers = deps.answers;
  return { h: createHandlers(deps), dir, tokens: deps.pathTokens };
}
let answers: (string | null)[] = [];

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const scenario = { ...defaultScenario(design), name: 'every VM' };
const sim: ProjectSimulation = {
  current: 'every VM',
  scenarios: [scenario],
  results: [{ scenario, result: simulate(design, scenario), designFingerprint: designFingerprint(design), runAt: '2025-03-01T12:00:00.000Z' }],
};

describe('project:save and project:openPath with simulation state', () => {
  it('round-trips scenarios and results through the file', async () => {
    const { h, dir, tokens } = setup();
    const path = join(dir, 'rack.rackplane');
    answers.push(path);
    value(await h['project:save']({ document: designToDocument(design), saveAs: false, simulation: sim }));
    const opened = value(await h['project:openPath'](tokens.issue(path)));
    expect(opened.simulation).toEqual(sim);
    expect(opened.repairs).toEqual([]);
  });

  it('saves an empty state when the renderer sends none (older callers)', async () => {
    const { h, dir, tokens } = setup();
    const path = join(dir, 'plain.rackplane');
    answers.push(path);
    value(await h['project:save']({ document: designToDocument(design), saveAs: false }));
    expect(value(await h['project:openPath'](tokens.issue(path))).simulation).toEqual({ current: null, scenarios: [], results: [] });
  });

  it('keeps the first of two scenarios with one name instead of failing the save', async () => {
    const { h, dir } = setup();
    const path = join(dir, 'dup.rackplane');
    answers.push(path);
    value(await h['project:save']({ document: designToDocument(design), saveAs: false, simulation: { ...sim, scenarios: [scenario, { ...scenario, flows: [] }] } }));
    const r = openProject(path);
    expect(r.ok && r.simulation.scenarios).toEqual([scenario]);
  });

  it.each([
    ['a scenario without flows', { ...sim, scenarios: [{ ...scenario, flows: undefined }] }],
    ['a result with a string rate', { ...sim, results: [{ ...sim.results[0]!, result: { ...sim.results[0]!.result, flows: [{ ...sim.results[0]!.result.flows[0]!, rate: 'fast' }] } }] }],
    ['a negative downtime limit', { ...sim, scenarios: [{ ...scenario, downtimeLimitSec: -1 }] }],
  ])('refuses %s as an invalid request and writes nothing', async (_what, simulation) => {
    const { h, dir } = setup();
    const path = join(dir, 'never.rackplane');
    answers.push(path);
    const r = await h['project:save']({ document: designToDocument(design), saveAs: false, simulation });
    expect(r.ok).toBe(false);
    expect(expectOneLine(!r.ok && 'reason' in r ? r.reason : '')).toMatch(/^project:save: invalid request \(argument 0\.simulation\./);
    expect(openProject(path).ok).toBe(false);
  });

  it('reports a damaged stored row as a repair and opens the rest', async () => {
    const { h, dir, tokens } = setup();
    const path = join(dir, 'damaged.rackplane');
    answers.push(path);
    value(await h['project:save']({ document: designToDocument(design), saveAs: false, simulation: sim }));
    const db = new Database(path);
    db.prepare("UPDATE sim_results SET json = 'garbage'").run();
    db.close();
    const opened = value(await h['project:openPath'](tokens.issue(path)));
    expect(opened.repairs).toEqual(['dropped the stored result of “every VM” (not valid JSON)']);
    expect(opened.simulation).toEqual({ ...sim, results: [] });
  });
});

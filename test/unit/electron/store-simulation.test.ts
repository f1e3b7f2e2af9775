// Simulation scenarios and results in project files (layout 2): round trips, the v1 fixture re-saved as
// v2, bad rows dropped with repair lines, and files from a newer layout refused.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../../electron/project/file-format';
import { CURRENT_FILE_VERSION } from '../../../electron/project/file-migrations';
import { openProject, saveProject, type ProjectLoadResult } from '../../../electron/project/store';
import { designFingerprint, type ProjectSimulation } from '../../../shared/sim/persist';
import { allToAll, defaultScenario, evacuate, SCENARIO_DEFAULTS } from '../../../shared/sim/scenarios';
import { simulate, type Scenario } from '../../../shared/sim/simulate';
import { makeTemplate } from '../../../shared/templates';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-simstore-');
const V1 = join(__dirname, '../../fixtures/v1/one-host.rackplane');
const RUN_AT = '2025-03-01T12:00:00.000Z';

function opened(r: ProjectLoadResult): Extract<ProjectLoadResult, { ok: true }> {
  if (!r.ok) throw new Error(r.reason);
  return r;
}

function rackWithSimulation(): { design: ReturnType<typeof makeTemplate>; sim: ProjectSimulation } {
  const design = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
  const busy: Scenario = { ...defaultScenario(design), name: 'busy' };
  const pair: Scenario = { name: 'h1 to h2', flows: allToAll(design, 'r01.h001', 'r01.h002', 5), migrations: [], ...SCENARIO_DEFAULTS };
  const evac: Scenario = { name: 'evacuate h1', flows: [], migrations: evacuate(design, 'r01.h001'), maxPayload: 512, downtimeLimitSec: 0.5 };
  const ran = (s: Scenario) => ({ scenario: s, result: simulate(design, s), designFingerprint: designFingerprint(design), runAt: RUN_AT });
  return { design, sim: { current: 'h1 to h2', scenarios: [busy, pair, evac], results: [ran(pair), ran(evac)] } };
}

describe('simulation state in project files', () => {
  it('round-trips scenarios, results and the current scenario', () => {
    const file = join(tempDir(), 'rack.rackplane');
    const { design, sim } = rackWithSimulation();
    expect(sim.results[0]!.result.flows.length).toBeGreaterThan(0);
    expect(sim.results[1]!.result.migrations[0]!.result).not.toBeNull();
    saveProject(file, design, {}, sim);
    const r = opened(openProject(file));
    expect(r.repairs).toEqual([]);
    expect(r.migrations).toEqual([]);
    expect(r.simulation).toEqual(sim);
    expect(designFingerprint(r.design)).toBe(sim.results[0]!.designFingerprint);
    expect(readHeader(file)).toEqual({ kind: 'rackplane', fileVersion: CURRENT_FILE_VERSION });
  });

  it('keeps unbounded capacities (JSON alone would turn Infinity into null)', () => {
    const file = join(tempDir(), 'inf.rackplane');
    const { design, sim } = rackWithSimulation();
    const first = sim.results[0]!;
    const result = { ...first.result, resources: [{ id: 'copy:x', kind: 'vswitch-copy' as const, ref: 'x', capacity: Infinity, load: 3, utilisation: 0 }] };
    saveProject(file, design, {}, { ...sim, results: [{ ...first, result }] });
    expect(opened(openProject(file)).simulation.results[0]!.result.resources[0]!.capacity).toBe(Infinity);
  });

  it('saves a design without simulation state as empty tables', () => {
    const file = join(tempDir(), 'plain.rackplane');
    saveProject(file, makeTemplate('single-host'));
    expect(opened(openProject(file)).simulation).toEqual({ current: null, scenarios: [], results: [] });
  });

  it('opens the v1 fixture with empty simulation state and re-saves it as the current layout', () => {
    const r = opened(openProject(V1));
    // The file layout's migration, then the document's (shared/model/migrations.ts).
    expect(r.migrations).toEqual(['file format v1→v2: scenarios and sim_results tables', 'v1→v2: VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)', 'v2→v3: virtual switches gained a team policy, standby uplinks, an MTU (1500) and overlay bytes (0); NICs and switches an MTU (1500); VMs NUMA nodes (any); hosts an IOMMU flag (on)']);
    expect(r.simulation).toEqual({ current: null, scenarios: [], results: [] });
    const file = join(tempDir(), 'resaved.rackplane');
    const scenario: Scenario = { ...defaultScenario(r.design), name: 'default' };
    saveProject(file, r.design, {}, { current: 'default', scenarios: [scenario], results: [] });
    expect(readHeader(file)).toEqual({ kind: 'rackplane', fileVersion: 2 });
    const again = opened(openProject(file));
    expect(again.migrations).toEqual([]);
    expect(again.design).toEqual(r.design);
    expect(again.simulation.scenarios).toEqual([scenario]);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT version FROM migrations ORDER BY version').pluck().all()).toEqual([1, 2]);
    } finally {
      db.close();
    }
  });

  it('refuses a file from a newer layout, as before', () => {
    const r = openProject(join(__dirname, '../../fixtures/corrupt/newer-format.rackplane'));
    expect(r.ok ? 'opened' : expectOneLine(r.reason)).toMatch(/was written by a newer Rackplane \(file format 3; this version reads up to 2\)/);
  });

  it('drops bad rows with one repair line each and still opens the design', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.rackplane');
    const { design, sim } = rackWithSimulation();
    saveProject(file, design, {}, sim);
    const db = new Database(file);
    db.prepare("INSERT INTO scenarios (name, json) VALUES ('broken', '{not json')").run();
    db.prepare("INSERT INTO scenarios (name, json) VALUES ('wrong', ?)").run(JSON.stringify({ name: 'wrong', flows: 'all', migrations: [], maxPayload: 256, downtimeLimitSec: 0.3 }));
    db.prepare("INSERT INTO scenarios (name, json) VALUES ('alias', ?)").run(JSON.stringify(sim.scenarios[0]));
    db.prepare("UPDATE sim_results SET json = '{}' WHERE scenario = 'evacuate h1'").run();
    db.prepare("UPDATE meta SET value = 'gone' WHERE key = 'currentScenario'").run();
    db.close();
    const copy = join(dir, 'copy.rackplane');
    copyFileSync(file, copy);
    const r = opened(openProject(copy));
    expect(r.repairs).toEqual([
      'dropped stored scenario “broken” (not valid JSON)',
      'dropped stored scenario “alias” (its name does not match its contents)',
      'dropped stored scenario “wrong” (flows: Invalid input: expected array, received string)',
      'dropped the stored result of scenario “evacuate h1” (scenario.flows: Invalid input: expected array, received undefined)',
    ]);
    r.repairs.forEach(expectOneLine);
    expect(r.simulation.scenarios.map((s) => s.name)).toEqual(['busy', 'h1 to h2', 'evacuate h1']);
    expect(r.simulation.results.map((x) => x.scenario.name)).toEqual(['h1 to h2']);
    expect(r.simulation.current).toBeNull();
    expect(r.design).toEqual(design);
  });
});

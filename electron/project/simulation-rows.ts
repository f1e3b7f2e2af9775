/**
 * The simulation tables of a project file (layout 2): `scenarios(name, json)` and
 * `sim_results(scenario, design_fingerprint, run_at, json)`, plus the `currentScenario` key of `meta`.
 * Rows are checked with the schemas of shared/sim/persist.ts on read; a bad row is dropped with a repair
 * line, never a failed open: the design is what matters and the results can be recomputed.
 */
import type Database from 'better-sqlite3';
import { checkProjectSimulation, decodeJson, encodeJson, type ProjectSimulation } from '../../shared/sim/persist';

/** Key of the `meta` row naming the scenario the app shows on open. */
export const CURRENT_SCENARIO_KEY = 'currentScenario';

/** Writes the simulation state into a database that has the layout-2 tables (inside the caller's transaction). */
export function writeSimulationRows(db: Database.Database, sim: ProjectSimulation): void {
  // Names are primary keys: the first entry of a name wins, as on read.
  const scenarioNames = new Set<string>();
  const putScenario = db.prepare('INSERT INTO scenarios (name, json) VALUES (?, ?)');
  for (const s of sim.scenarios) {
    if (scenarioNames.has(s.name)) continue;
    scenarioNames.add(s.name);
    putScenario.run(s.name, encodeJson(s));
  }
  const resultNames = new Set<string>();
  const putResult = db.prepare('INSERT INTO sim_results (scenario, design_fingerprint, run_at, json) VALUES (?, ?, ?, ?)');
  for (const r of sim.results) {
    if (resultNames.has(r.scenario.name)) continue;
    resultNames.add(r.scenario.name);
    putResult.run(r.scenario.name, r.designFingerprint, r.runAt, encodeJson({ scenario: r.scenario, result: r.result }));
  }
  if (sim.current !== null && scenarioNames.has(sim.current)) {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(CURRENT_SCENARIO_KEY, sim.current);
  }
}

/** Reads and checks the simulation state; `repairs` says what was dropped and why. */
export function readSimulationRows(db: Database.Database): { simulation: ProjectSimulation; repairs: string[] } {
  const repairs: string[] = [];
  const parse = (text: string, what: string): unknown => {
    try {
      return decodeJson(text);
    } catch {
      repairs.push(`dropped ${what} (not valid JSON)`);
      return undefined;
    }
  };
  const scenarios = (db.prepare('SELECT name, json FROM scenarios ORDER BY rowid').all() as { name: string; json: string }[])
    .map((row) => {
      const value = parse(row.json, `stored scenario “${row.name}”`);
      // The key column is the name the CLI and the app look up: a row whose JSON disagrees is damaged.
      if (value !== undefined && (value as { name?: unknown } | null)?.name !== row.name) {
        repairs.push(`dropped stored scenario “${row.name}” (its name does not match its contents)`);
        return undefined;
      }
      return value;
    })
    .filter((v) => v !== undefined);
  const results = (db.prepare('SELECT scenario, design_fingerprint, run_at, json FROM sim_results ORDER BY rowid').all() as {
    scenario: string;
    design_fingerprint: string;
    run_at: string;
    json: string;
  }[])
    .map((row) => {
      const value = parse(row.json, `the stored result of “${row.scenario}”`) as { scenario?: unknown; result?: unknown } | null | undefined;
      if (value === undefined) return undefined;
      // Without its scenario a result cannot be labelled: name it after the row so the repair line can.
      return { scenario: value?.scenario ?? { name: row.scenario }, result: value?.result, designFingerprint: row.design_fingerprint, runAt: row.run_at };
    })
    .filter((v) => v !== undefined);
  const current = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CURRENT_SCENARIO_KEY) ?? null;
  const checked = checkProjectSimulation({ current, scenarios, results });
  return { simulation: checked.simulation, repairs: [...repairs, ...checked.repairs] };
}

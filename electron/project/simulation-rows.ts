/**
 * The simulation tables of a project file (layout 2): `scenarios(name, json)` and
 * `sim_results(scenario, design_fingerprint, run_at, json)`, plus the `currentScenario` key of `meta`.
 * Rows are checked with the schemas of shared/sim/persist.ts on read; a bad row is dropped with a repair
 * line, never a failed open: the design is what matters and the results can be recomputed.
 */
import type Database from 'better-sqlite3';
import { checkProjectSimulation, decodeJson, encodeJson, type ProjectSimulation } from '../../shared/sim/persist';
import type { ContentHasher } from './content-checksum';

/** Key of the `meta` row naming the scenario the app shows on open. */
export const CURRENT_SCENARIO_KEY = 'currentScenario';

/**
 * Writes the simulation state into a database that has the layout-2 tables (inside the caller's transaction),
 * feeding each stored value to the content checksum in the order `readSimulationRows` reads them.
 */
export function writeSimulationRows(db: Database.Database, sim: ProjectSimulation, hasher?: ContentHasher): void {
  // Names are primary keys: the first entry of a name wins, as on read.
  const scenarioNames = new Set<string>();
  const putScenario = db.prepare('INSERT INTO scenarios (name, json) VALUES (?, ?)');
  for (const s of sim.scenarios) {
    if (scenarioNames.has(s.name)) continue;
    scenarioNames.add(s.name);
    const json = encodeJson(s);
    hasher?.row('scenarios', [s.name, json]);
    putScenario.run(s.name, json);
  }
  const resultNames = new Set<string>();
  const putResult = db.prepare('INSERT INTO sim_results (scenario, design_fingerprint, run_at, json) VALUES (?, ?, ?, ?)');
  for (const r of sim.results) {
    if (resultNames.has(r.scenario.name)) continue;
    resultNames.add(r.scenario.name);
    const json = encodeJson({ scenario: r.scenario, result: r.result });
    hasher?.row('sim_results', [r.scenario.name, r.designFingerprint, r.runAt, json]);
    putResult.run(r.scenario.name, r.designFingerprint, r.runAt, json);
  }
  const current = sim.current !== null && scenarioNames.has(sim.current) ? sim.current : null;
  hasher?.row('current', [current]);
  if (current !== null) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(CURRENT_SCENARIO_KEY, current);
}

/** Reads and checks the simulation state; `repairs` says what was dropped and why. Stored values go to `hasher` as written. */
export function readSimulationRows(db: Database.Database, hasher?: ContentHasher): { simulation: ProjectSimulation; repairs: string[] } {
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
      hasher?.row('scenarios', [row.name, row.json]);
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
      hasher?.row('sim_results', [row.scenario, row.design_fingerprint, row.run_at, row.json]);
      const value = parse(row.json, `the stored result of “${row.scenario}”`) as { scenario?: unknown; result?: unknown } | null | undefined;
      if (value === undefined) return undefined;
      // As for scenarios: the key column must name the scenario the JSON holds.
      const named = (value?.scenario as { name?: unknown } | null | undefined)?.name;
      if (named !== undefined && named !== row.scenario) {
        repairs.push(`dropped the stored result of “${row.scenario}” (its scenario name does not match its contents)`);
        return undefined;
      }
      // Without its scenario a result cannot be labelled: name it after the row so the repair line can.
      return { scenario: value?.scenario ?? { name: row.scenario }, result: value?.result, designFingerprint: row.design_fingerprint, runAt: row.run_at };
    })
    .filter((v) => v !== undefined);
  const current = (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CURRENT_SCENARIO_KEY) as string | undefined) ?? null;
  hasher?.row('current', [current]);
  const checked = checkProjectSimulation({ current, scenarios, results });
  return { simulation: checked.simulation, repairs: [...repairs, ...checked.repairs] };
}

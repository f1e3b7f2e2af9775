/**
 * Damaged and hostile variants of one saved project, for the fault-injection test (a few hundred, in
 * `npm test`) and scripts/fault-injection.ts (tens of thousands). A variant is made from a seed and an
 * index, so any failure can be reproduced alone. Each is opened and classified:
 *
 * - refused:   `{ok:false}` with a one-line reason;
 * - flagged:   opened, with the one-line damage warning (read-only);
 * - unchanged: opened without a warning, and the design and simulation are exactly the saved ones;
 * - silent:    opened without a warning but with different content (a defect);
 * - threw:     openProject threw, or its reason was not one line (a defect).
 */
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProject, saveProject, type ProjectLoadResult } from '../../../../electron/project/store';
import type { Design } from '../../../../shared/model/design';
import { designFingerprint, type ProjectSimulation } from '../../../../shared/sim/persist';
import { allToAll, defaultScenario, SCENARIO_DEFAULTS } from '../../../../shared/sim/scenarios';
import { simulate, type Scenario } from '../../../../shared/sim/simulate';
import { makeTemplate } from '../../../../shared/templates';

export type Verdict = 'refused' | 'flagged' | 'unchanged' | 'silent' | 'threw';

/** A small, fast PRNG (mulberry32): the same seed gives the same variants on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Base {
  design: Design;
  simulation: ProjectSimulation;
  bytes: Buffer;
}

/** Saves the project every variant starts from: a rack with links, vNICs, scenarios and a result. */
export function makeBase(dir: string): Base {
  const design = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const pair: Scenario = { name: 'h1 to h2', flows: allToAll(design, 'r01.h001', 'r01.h002', 5), migrations: [], ...SCENARIO_DEFAULTS };
  const busy: Scenario = { ...defaultScenario(design), name: 'busy' };
  const simulation: ProjectSimulation = {
    current: 'h1 to h2',
    scenarios: [busy, pair],
    results: [{ scenario: pair, result: simulate(design, pair), designFingerprint: designFingerprint(design), runAt: '2025-03-01T12:00:00.000Z' }],
  };
  const file = join(dir, 'base.rackplane');
  saveProject(file, design, {}, simulation);
  const loaded = openProject(file);
  if (!loaded.ok) throw new Error(loaded.reason);
  // Compare against what a clean open gives (loading normalises a few optional fields).
  return { design: loaded.design, simulation: loaded.simulation, bytes: readFileSync(file) };
}

/** Schema and content edits made with SQL: what a hostile author or a buggy tool produces. */
export const HOSTILE_EDITS: readonly { name: string; sql: string }[] = [
  {
    name: 'recursive view as elements',
    sql: `ALTER TABLE elements RENAME TO e0; CREATE VIEW elements AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'x' || x AS id, 'vm' AS kind, NULL AS parent, '{}' AS json FROM c;`,
  },
  {
    name: 'recursive view as links',
    sql: `DROP TABLE links; CREATE VIEW links AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'l' || x AS id, 'eth' AS kind, 'a' AS a_element, 'b' AS b_element, '{}' AS json FROM c;`,
  },
  { name: 'recursive view as meta', sql: `DROP TABLE meta; CREATE VIEW meta AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'k' || x AS key, 'v' AS value FROM c;` },
  { name: 'extra view', sql: `CREATE VIEW v AS SELECT * FROM elements;` },
  { name: 'trigger', sql: `CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM elements; END;` },
  { name: 'virtual table', sql: `CREATE VIRTUAL TABLE f USING fts5(x);` },
  { name: 'virtual table as scenarios', sql: `DROP TABLE scenarios; CREATE VIRTUAL TABLE scenarios USING fts5(name, json);` },
  { name: 'extra index', sql: `CREATE INDEX i ON elements(kind);` },
  { name: 'expression index', sql: `CREATE INDEX i ON elements(length(json) * 2);` },
  { name: 'extra table', sql: `CREATE TABLE extra (x);` },
  { name: 'extra column', sql: `ALTER TABLE elements ADD COLUMN extra TEXT;` },
  { name: 'generated column', sql: `ALTER TABLE links ADD COLUMN g TEXT GENERATED ALWAYS AS (json || json) VIRTUAL;` },
  { name: 'missing table', sql: `DROP TABLE sim_results;` },
  { name: 'analyze statistics', sql: `ANALYZE;` },
  { name: 'check constraint', sql: `ALTER TABLE links RENAME TO l0; CREATE TABLE links (id TEXT PRIMARY KEY, kind TEXT NOT NULL, a_element TEXT NOT NULL, b_element TEXT NOT NULL, json TEXT NOT NULL CHECK (length(json) > 0)); INSERT INTO links SELECT * FROM l0; DROP TABLE l0;` },
  { name: 'blob json', sql: `UPDATE elements SET json = CAST(json AS BLOB) WHERE rowid = 1;` },
  { name: 'integer id', sql: `UPDATE links SET id = 42 WHERE rowid = 1;` },
  { name: 'link end renamed in JSON only', sql: `UPDATE links SET json = json_set(json, '$.b.element', json_extract(json, '$.a.element')) WHERE rowid = 1;` },
  { name: 'link id renamed in JSON only', sql: `UPDATE links SET json = json_set(json, '$.id', 'renamed') WHERE rowid = 1;` },
  { name: 'link id renamed in column only', sql: `UPDATE links SET id = 'renamed' WHERE rowid = 1;` },
  { name: 'link dropped', sql: `DELETE FROM links WHERE rowid = (SELECT max(rowid) FROM links);` },
  { name: 'element renamed', sql: `UPDATE elements SET json = json_set(json, '$.name', 'Renamed') WHERE rowid = 2;` },
  { name: 'design description', sql: `UPDATE meta SET value = json_set(value, '$.description', 'edited') WHERE key = 'design';` },
  { name: 'scenario edited', sql: `UPDATE scenarios SET json = json_set(json, '$.maxPayload', 128) WHERE rowid = 1;` },
  { name: 'result dropped', sql: `DELETE FROM sim_results;` },
  { name: 'current scenario changed', sql: `UPDATE meta SET value = 'busy' WHERE key = 'currentScenario';` },
  { name: 'checksum removed', sql: `DELETE FROM meta WHERE key = 'contentChecksum';` },
  { name: 'checksum key renamed', sql: `UPDATE meta SET key = 'contentChecksuM' WHERE key = 'contentChecksum';` },
  { name: 'wal mode', sql: `PRAGMA journal_mode = WAL;` },
];

/** The bytes of variant `index` of `seed`; `label` says what was done (for a failure message). */
export function variant(base: Buffer, seed: number, index: number, scratch: string): { bytes: Buffer; label: string } {
  const r = rng(seed * 1_000_003 + index);
  const bytes = Buffer.from(base);
  const at = () => Math.floor(r() * bytes.length);
  switch (index % 6) {
    case 0:
    case 1: {
      const bit = at();
      bytes[bit] = bytes[bit]! ^ (1 << Math.floor(r() * 8));
      return { bytes, label: `bit flip at byte ${bit}` };
    }
    case 2: {
      const n = 2 + Math.floor(r() * 7);
      for (let i = 0; i < n; i++) {
        const b = at();
        bytes[b] = bytes[b]! ^ (1 << Math.floor(r() * 8));
      }
      return { bytes, label: `${n} bit flips` };
    }
    case 3: {
      const start = at();
      const len = 1 + Math.floor(r() * 64);
      for (let i = start; i < Math.min(bytes.length, start + len); i++) bytes[i] = Math.floor(r() * 256);
      return { bytes, label: `${len} random bytes at ${start}` };
    }
    case 4: {
      const len = Math.floor(r() * bytes.length);
      return { bytes: bytes.subarray(0, len), label: `truncated to ${len} bytes` };
    }
    default: {
      const edit = HOSTILE_EDITS[Math.floor(index / 6) % HOSTILE_EDITS.length]!;
      const file = join(scratch, `edit-${index}.rackplane`);
      writeFileSync(file, base);
      const db = new Database(file);
      try {
        db.exec(edit.sql);
      } finally {
        db.close();
      }
      return { bytes: readFileSync(file), label: `SQL edit “${edit.name}”` };
    }
  }
}

/** Opens `file` and classifies the outcome against the base. */
export function classify(file: string, base: Base): { verdict: Verdict; detail: string } {
  let r: ProjectLoadResult;
  try {
    r = openProject(file);
  } catch (e) {
    return { verdict: 'threw', detail: String(e) };
  }
  if (!r.ok) return /[\r\n]/.test(r.reason) || !r.reason ? { verdict: 'threw', detail: `not one line: ${r.reason}` } : { verdict: 'refused', detail: r.reason };
  if (r.damage) return { verdict: 'flagged', detail: r.damage };
  const same = isDeepStrictEqual(r.design, base.design) && isDeepStrictEqual(r.simulation, base.simulation);
  return same ? { verdict: 'unchanged', detail: '' } : { verdict: 'silent', detail: 'opened with different content and no warning' };
}

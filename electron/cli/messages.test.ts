// Issue #17 item 6: file content (names, port names, ids, importers' reasons) reaches the terminal with its control
// characters escaped, on one line, whichever message quotes it. Runs the CLI in process with captured streams.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeElement } from '../../shared/model/defaults';
import { asElementId } from '../../shared/model/ids';
import { printable } from './io';
import { runInProcess } from './run-in-process.test-support';

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'rackplane-cli-messages-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runInProcess;

const HOSTILE = 'p\u001b[2J\nq';
const docText = (elements: unknown[], links: unknown[] = []) =>
  JSON.stringify({ format: 'rackplane-topology', version: 3, meta: { name: 'n', description: '', revision: 0 }, elements, links });

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('CLI messages quoting file content', () => {
  it('a repair naming a port prints one stderr line with the escapes visible', async () => {
    const host = makeElement('host', { id: asElementId('h'), name: 'h' });
    const link = { id: 'l-1', kind: 'vnic', a: { element: 'h', port: HOSTILE }, b: { element: 'h', port: 'x' } };
    const r = await run('info', file('repaired.json', docText([host], [link])));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('rackplane: warning: “repaired.json” needed 1 repair(s): dropped link: link l-1 ends at port p\\x1b[2J\\nq of h, which has no such port\n');
  });

  it('a refusal quoting the file prints one stderr line with the escapes visible', async () => {
    const r = await run('info', file('refused.json', docText([{ id: 'x', kind: `vm${HOSTILE}` }])));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rackplane: “refused.json”: element #1 (x): unknown element kind "vmp\\x1b[2J\\nq"\n');
  });

  it('validate and simulate text reports show a name’s controls as escapes, one line per finding or drop', async () => {
    // A VM outside every server, named with ESC[2J and a newline: NET-003 quotes it, and so does the simulator's drop.
    const vm = makeElement('vm', { id: asElementId('v'), name: HOSTILE }, { vnics: [] });
    const path = file('vm.json', docText([vm]));
    const v = await run('validate', path);
    expect(v.stdout).not.toContain('\u001b');
    expect(v.stdout).toContain('p\\x1b[2J\\nq');
    const s = await run('simulate', path, '--scenario', 'one-per-vm');
    expect(s.stdout).not.toContain('\u001b');
  });

  it('a topology JSON file with a UTF-8 byte-order mark is read', async () => {
    const host = makeElement('host', { id: asElementId('h'), name: 'h' });
    const r = await run('info', file('bom.json', `\ufeff${docText([host])}`));
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('printable() escapes controls, keeps one line and shows undecodable bytes as ?', () => {
    expect(printable(`a${HOSTILE}\ufffd`)).toBe('ap\\x1b[2J\\nq?');
  });
});

describe('CLI on a project changed after its save (issue #17 item 4)', () => {
  it('warns on one stderr line and still reads what it can; a recursive-view project is refused', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { saveProject } = await import('../project/store');
    const { makeTemplate } = await import('../../shared/templates');
    const changed = join(dir, 'changed.rackplane');
    saveProject(changed, makeTemplate('single-host'));
    const db = new Database(changed);
    db.exec(`UPDATE elements SET json = json_set(json, '$.name', 'X') WHERE rowid = 3`);
    db.close();
    const r = await run('info', changed);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rackplane: warning: “changed\.rackplane” changed after Rackplane saved it/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);

    const view = join(dir, 'view.rackplane');
    saveProject(view, makeTemplate('single-host'));
    const v = new Database(view);
    v.exec(`ALTER TABLE elements RENAME TO e0; CREATE VIEW elements AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'x' || x AS id, 'vm' AS kind, NULL AS parent, '{}' AS json FROM c;`);
    v.close();
    const refused = await run('validate', view);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/was altered outside Rackplane/);
  });
});

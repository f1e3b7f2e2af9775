// The IPC handlers under Node: argument checking, and the open/save/recent/autosave/recover/import/export/
// catalog flows against temp folders with scripted dialogs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, suggestedFileName, withProjectExtension, type Handlers } from '../../../electron/ipc/handlers';
import Database from 'better-sqlite3';
import { openProject, saveProject } from '../../../electron/project/store';
import { BUILTIN_CATALOG, type CatalogEntry } from '../../../shared/catalog';
import { designToDocument, exportTopologyJson, loadDocument } from '../../../shared/formats/topology';
import { INVOKE_CHANNELS } from '../../../shared/ipc/channels';
import type { IpcResult } from '../../../shared/ipc/contract';
import type { Design } from '../../../shared/model/design';
import { fakeDeps, type FakeDeps } from './support/fake-deps';
import { HOSTILE_EDITS } from './support/fault-variants';
import { largeDesign } from './support/large-design';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-ipc-');

function setup(): { h: Handlers; deps: FakeDeps; dir: string; data: string } {
  const dir = tempDir();
  const data = join(dir, 'userData');
  const deps = fakeDeps(data);
  return { h: createHandlers(deps), deps, dir, data };
}

function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}

function reason(r: IpcResult<unknown>): string {
  expect(r.ok).toBe(false);
  return expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
}

const doc = (d: Design) => designToDocument(d);
const designOf = (document: unknown): Design => {
  const r = loadDocument(document);
  if (!r.ok) throw new Error(r.reason);
  return r.design;
};

describe('argument checking', () => {
  const malformed: [string, unknown[]][] = [
    ['app:info', [1]],
    ['project:openPath', [42]],
    ['project:openPath', ['']],
    ['project:save', [{}]],
    ['project:save', [{ document: { format: 'x', version: 1, elements: 'no', links: [] }, saveAs: false }]],
    // The page never names a file: a save or an autosave that carries a path is refused as a whole.
    ['project:save', [{ document: { format: 'rackplane-topology', version: 1, elements: [], links: [] }, path: '/tmp/evil.sh', saveAs: false }]],
    ['project:autosave', [{ document: { format: 'rackplane-topology', version: 1, elements: [], links: [] }, path: '/tmp/x.rackplane' }]],
    ['project:autosave', [null]],
    ['project:recover', []],
    ['project:discardRecovery', ['x'.repeat(500)]],
    ['topology:export', [{ text: 5, suggestedName: 'a' }]],
    ['catalog:add', [{ kind: 'nic', id: 'Bad Id' }]],
    ['catalog:remove', [7]],
    ['window:state', [{ name: 'a', dirty: 'yes' }]],
    ['window:close', ['now']],
  ];
  it.each(malformed)('%s rejects %j with a reason and does nothing', async (channel, args) => {
    const { h, deps, data } = setup();
    const r = await h[channel as keyof Handlers](...args);
    expect(reason(r)).toMatch(new RegExp(`^${channel}: invalid request \\(`));
    expect(deps.shown).toEqual([]);
    expect(deps.states).toEqual([]);
    expect(deps.closed).toBe(0);
    expect(() => readdirSync(data)).toThrow();
  });

  it('has a handler for every channel of the contract', () => {
    const { h } = setup();
    expect(Object.keys(h).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('turns an unexpected exception into a one-line reason', async () => {
    const { h, deps } = setup();
    deps.dialogs.openProject = async () => {
      throw new Error('portal crashed\n  while showing the dialog');
    };
    expect(reason(await h['project:open']())).toBe('project:open failed: portal crashed while showing the dialog');
  });
});

describe('new, save, open, recent', () => {
  it('project:new gives an empty, valid, unsaved design', async () => {
    const { h } = setup();
    const p = value(await h['project:new']());
    expect(p.path).toBeNull();
    expect(designOf(p.document)).toEqual({ meta: { name: 'Untitled design', description: '', revision: 0 }, elements: {}, links: {} });
  });

  it('saves an untitled design where the dialog says, adding the extension and bumping the revision', async () => {
    const { h, deps, dir } = setup();
    const design = largeDesign({ hosts: 2, tag: 'x' });
    deps.answers.push(join(dir, 'my-dc'));
    const saved = value(await h['project:save']({ document: doc(design), saveAs: false }));
    expect(saved).toEqual({ path: join(dir, 'my-dc.rackplane'), revision: 1 });
    expect(deps.shown).toEqual([{ dialog: 'saveProject', suggested: 'DC 2 hosts.rackplane' }]);
    const r = openProject(saved.path);
    expect(r.ok && r.design).toEqual({ ...design, meta: { ...design.meta, revision: 1 } });
    expect(value(await h['project:recent']()).map((r) => r.path)).toEqual([saved.path]);
    expect(deps.osRecent).toEqual([saved.path]);

    // Saving again to the known path asks nothing and bumps the revision again.
    const again = value(await h['project:save']({ document: doc({ ...design, meta: { ...design.meta, revision: 1 } }), saveAs: false }));
    expect(again).toEqual({ path: saved.path, revision: 2 });
    expect(deps.shown).toHaveLength(1);
  });

  it('save as asks even with a path; a canceled dialog changes nothing', async () => {
    const { h, deps, dir } = setup();
    const file = join(dir, 'a.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(file)));
    deps.answers.push(null);
    expect(await h['project:save']({ document: doc(largeDesign({ hosts: 2 })), saveAs: true })).toEqual({ ok: false, canceled: true });
    const r = openProject(file);
    expect(r.ok && Object.keys(r.design.elements).length).toBe(Object.keys(largeDesign({ hosts: 1 }).elements).length);
  });

  it('refuses to save an invalid document, naming the problem', async () => {
    const { h, dir } = setup();
    const bad = { ...doc(largeDesign({ hosts: 1 })), elements: [{ kind: 'vm', id: 'v', vcpus: -1 }] };
    expect(reason(await h['project:save']({ document: bad, saveAs: false }))).toMatch(
      /^cannot save: the design is invalid \(element #1 \(v\): /,
    );
    expect(readdirSync(dir)).not.toContain('x.rackplane');
  });

  it('refuses to save over a file that is not a project', async () => {
    const { h, deps, dir } = setup();
    writeFileSync(join(dir, 'thesis.txt'), 'do not lose me');
    deps.answers.push(join(dir, 'thesis.txt'));
    expect(reason(await h['project:save']({ document: doc(largeDesign({ hosts: 1 })), saveAs: false }))).toMatch(/will not overwrite it/);
    expect(readFileSync(join(dir, 'thesis.txt'), 'utf8')).toBe('do not lose me');
  });

  it('opens through the dialog and by path, keeping ten recent files, most recent first', async () => {
    const { h, deps, dir } = setup();
    const files = Array.from({ length: 12 }, (_, i) => join(dir, `p${i}.rackplane`));
    files.forEach((f, i) => saveProject(f, { ...largeDesign({ hosts: 1 }), meta: { name: `P${i}`, description: '', revision: i } }));
    deps.answers.push(files[0]!);
    const first = value(await h['project:open']());
    expect(first.path).toBe(files[0]);
    expect(designOf(first.document).meta.name).toBe('P0');
    for (const f of files.slice(1)) value(await h['project:openPath'](deps.pathTokens.issue(f)));
    value(await h['project:openPath'](deps.pathTokens.issue(files[3]!)));
    const recent = value(await h['project:recent']()).map((r) => r.path);
    expect(recent).toEqual([files[3], files[11], files[10], files[9], files[8], files[7], files[6], files[5], files[4], files[2]]);
  });

  it('prunes recent files that disappeared, and reports a missing file', async () => {
    const { h, deps, dir } = setup();
    const a = join(dir, 'a.rackplane');
    const b = join(dir, 'b.rackplane');
    saveProject(a, largeDesign({ hosts: 1 }));
    saveProject(b, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(a)));
    value(await h['project:openPath'](deps.pathTokens.issue(b)));
    rmSync(a);
    const [entry, ...rest] = value(await h['project:recent']());
    expect([entry?.path, rest]).toEqual([b, []]);
    rmSync(b);
    // The recent entry's token names the file it stands for, so its failure may say why.
    expect(reason(await h['project:openPath'](entry!.token))).toMatch(/“b.rackplane”: it does not exist/);
    expect(value(await h['project:recent']())).toEqual([]);
  });

  it('a canceled open dialog is reported as canceled', async () => {
    const { h, deps } = setup();
    deps.answers.push(null);
    expect(await h['project:open']()).toEqual({ ok: false, canceled: true });
  });
});

describe('autosave and recovery', () => {
  it('keeps one recovery copy per untitled design, lists it, recovers it, and drops it once saved', async () => {
    const { h, deps, dir, data } = setup();
    const design = largeDesign({ hosts: 1, tag: 'unsaved work' });
    const { id } = value(await h['project:autosave']({ document: doc(design) }));
    expect(value(await h['project:autosave']({ document: doc(design) })).id).toBe(id);
    const listed = value(await h['project:recoverable']());
    expect(listed).toEqual([{ id, path: null, name: 'DC 1 hosts', savedAt: expect.any(String) }]);

    const recovered = value(await h['project:recover'](id));
    expect(recovered.path).toBeNull();
    expect(designOf(recovered.document)).toEqual(design);

    deps.answers.push(join(dir, 'kept.rackplane'));
    value(await h['project:save']({ document: doc(design), saveAs: false }));
    expect(value(await h['project:recoverable']())).toEqual([]);
    expect(readdirSync(join(data, 'recovery'))).toEqual([]);
  });

  it('ties the copy of a saved file to that file, and clears it when the file is saved', async () => {
    const { h, deps, dir } = setup();
    const file = join(dir, 'p.rackplane');
    saveProject(file, largeDesign({ hosts: 1 }));
    value(await h['project:openPath'](deps.pathTokens.issue(file)));
    const edited = largeDesign({ hosts: 2 });
    const { id } = value(await h['project:autosave']({ document: doc(edited) }));
    expect(id).toMatch(/^file-/);
    const [info] = value(await h['project:recoverable']());
    expect(info).toMatchObject({ id, path: file });
    const recovered = value(await h['project:recover'](id));
    expect(recovered.path).toBe(file);
    expect(designOf(recovered.document)).toEqual(edited);
    value(await h['project:save']({ document: recovered.document, saveAs: false }));
    expect(value(await h['project:recoverable']())).toEqual([]);
  });

  it('a new design after project:new gets a new recovery copy; discard removes one', async () => {
    const { h } = setup();
    const first = value(await h['project:autosave']({ document: doc(largeDesign({ hosts: 1 })) })).id;
    value(await h['project:new']());
    const second = value(await h['project:autosave']({ document: doc(largeDesign({ hosts: 1 })) })).id;
    expect(second).not.toBe(first);
    expect(value(await h['project:recoverable']())).toHaveLength(2);
    expect(value(await h['project:discardRecovery'](first))).toBeNull();
    expect(value(await h['project:recoverable']()).map((r) => r.id)).toEqual([second]);
  });

  it('ignores temp files, sidecars without a copy and damaged copies, and refuses ids it did not make', async () => {
    const { h, data } = setup();
    const { id } = value(await h['project:autosave']({ document: doc(largeDesign({ hosts: 1 })) }));
    const dir = join(data, 'recovery');
    writeFileSync(join(dir, `.${id}.rackplane.0a0b0c0d0e0f.tmp`), 'partial');
    writeFileSync(join(dir, 'untitled-00000000000000aa.json'), JSON.stringify({ id: 'untitled-00000000000000aa', path: null, name: 'x', savedAt: 'now' }));
    writeFileSync(join(dir, 'untitled-00000000000000bb.rackplane'), 'x');
    writeFileSync(join(dir, 'untitled-00000000000000bb.json'), '{broken');
    expect(value(await h['project:recoverable']()).map((r) => r.id)).toEqual([id]);
    expect(reason(await h['project:recover']('../../etc/passwd'))).toMatch(/no such recovery copy/);
    expect(reason(await h['project:recover']('untitled-00000000000000aa'))).toMatch(/no such recovery copy/);
    expect(reason(await h['project:discardRecovery']('../x'))).toMatch(/no such recovery copy/);
  });
});

describe('recovering a damaged copy', () => {
  it('reads the copy like any opened file: a hostile copy is refused in one line and autosave goes on', async () => {
    const dir = tempDir();
    const data = join(dir, 'userData');
    const deps = fakeDeps(data);
    let reads = 0;
    // The reader announces each read (the page shows its Opening… panel with Cancel from this).
    const h = createHandlers({ ...deps, readingStarted: () => reads++ });
    const design = largeDesign({ hosts: 1 });
    const { id } = value(await h['project:autosave']({ document: doc(design) }));
    value(await h['project:recoverable']());
    // A program (or an attacker with access to the profile) replaced the copy's elements with a view that never ends.
    const copy = join(data, 'recovery', `${id}.rackplane`);
    const db = new Database(copy);
    db.exec(HOSTILE_EDITS.find((e) => e.name === 'recursive view as elements')!.sql);
    db.close();
    const r = await h['project:recover'](id);
    expect(reason(r)).toMatch(/^the recovery copy of “DC 1 hosts” cannot be opened: .*altered outside Rackplane/);
    expectOneLine(reason(r));
    expect(reads).toBe(1);
    // The damaged copy blocks nothing: this window's next autosave still succeeds.
    expect(value(await h['project:autosave']({ document: doc(design) })).id).toMatch(/^untitled-/);
  });
});

describe('topology JSON import and export', () => {
  it('exports the text atomically and imports it back as an unsaved design', async () => {
    const { h, deps, dir } = setup();
    const design = largeDesign({ hosts: 2 });
    deps.answers.push(join(dir, 'dc.json'));
    const out = value(await h['topology:export']({ text: exportTopologyJson(design), suggestedName: 'DC: 2/hosts' }));
    expect(out.path).toBe(join(dir, 'dc.json'));
    expect(deps.shown[0]).toEqual({ dialog: 'saveTopologyJson', suggested: 'DC- 2-hosts.json' });
    expect(readFileSync(out.path, 'utf8')).toBe(exportTopologyJson(design));
    deps.answers.push(out.path);
    const imported = value(await h['topology:import']());
    expect(imported.path).toBeNull();
    expect(designOf(imported.document)).toEqual(design);
  });

  it('reports a file that is not topology JSON, and refuses to export over a project', async () => {
    const { h, deps, dir } = setup();
    writeFileSync(join(dir, 'x.json'), '{"format": 1');
    deps.answers.push(join(dir, 'x.json'));
    expect(reason(await h['topology:import']())).toMatch(/^“x.json”: not valid JSON/);
    saveProject(join(dir, 'p.rackplane'), largeDesign({ hosts: 1 }));
    deps.answers.push(join(dir, 'p.rackplane'));
    expect(reason(await h['topology:export']({ text: '{}', suggestedName: 'p' }))).toMatch(/is a database/);
    expect(openProject(join(dir, 'p.rackplane')).ok).toBe(true);
    deps.answers.push(null);
    expect(await h['topology:import']()).toEqual({ ok: false, canceled: true });
  });
});

describe('catalog', () => {
  const mine = (id: string): CatalogEntry => ({ ...(BUILTIN_CATALOG[0] as CatalogEntry), id, model: `custom ${id}`, user: false });

  it('lists the built-in entries, then adds, replaces and removes user entries', async () => {
    const { h, data } = setup();
    expect(value(await h['catalog:list']())).toEqual(BUILTIN_CATALOG);
    const added = value(await h['catalog:add'](mine('lab-nic')));
    expect(added.slice(BUILTIN_CATALOG.length)).toEqual([{ ...mine('lab-nic'), user: true }]);
    const replaced = value(await h['catalog:add']({ ...mine('lab-nic'), ports: 4 }));
    expect(replaced.filter((e) => e.user)).toEqual([{ ...mine('lab-nic'), ports: 4, user: true }]);
    expect(JSON.parse(readFileSync(join(data, 'catalog.json'), 'utf8')).entries).toHaveLength(1);
    expect(value(await h['catalog:remove']('lab-nic'))).toEqual(BUILTIN_CATALOG);
  });

  it('refuses built-in ids and unknown ids', async () => {
    const { h } = setup();
    const builtinId = BUILTIN_CATALOG[0]!.id;
    expect(reason(await h['catalog:add'](mine(builtinId)))).toMatch(/belongs to the built-in entry/);
    expect(reason(await h['catalog:remove'](builtinId))).toMatch(/is a built-in entry and cannot be removed/);
    expect(reason(await h['catalog:remove']('nope'))).toMatch(/there is no user catalog entry "nope"/);
  });

  it('reports a damaged catalog file and never overwrites it', async () => {
    const { h, data } = setup();
    mkdirSync(data, { recursive: true });
    const file = join(data, 'catalog.json');
    for (const content of ['{not json', JSON.stringify({ format: 'rackplane-catalog', version: 1, entries: [{ kind: 'nic', id: 'half' }] })]) {
      writeFileSync(file, content);
      expect(reason(await h['catalog:list']())).toMatch(/your catalog file .*catalog.json is damaged/);
      expect(reason(await h['catalog:add'](mine('lab-nic')))).toMatch(/is damaged/);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });
});

describe('app and window', () => {
  it('passes state and close to the window, and returns the app info', async () => {
    const { h, deps } = setup();
    expect(value(await h['window:state']({ name: 'DC', path: null, dirty: true }))).toBeNull();
    expect(deps.states).toEqual([{ name: 'DC', path: null, dirty: true }]);
    expect(value(await h['window:close']())).toBeNull();
    expect(deps.closed).toBe(1);
    expect(value(await h['app:info']())).toEqual(deps.appInfo);
  });
});

describe('file names', () => {
  it('suggests names file systems accept', () => {
    expect(suggestedFileName('Rack A/B: "prod"', '.rackplane')).toBe('Rack A-B- -prod-.rackplane');
    expect(suggestedFileName(' .. ', '.json')).toBe('Untitled design.json');
  });

  it('adds the project extension only when it replaces nothing unasked', () => {
    const dir = tempDir();
    expect(withProjectExtension(join(dir, 'a'))).toBe(join(dir, 'a.rackplane'));
    expect(withProjectExtension(join(dir, 'a.db'))).toBe(join(dir, 'a.db'));
    writeFileSync(join(dir, 'b.rackplane'), '');
    expect(withProjectExtension(join(dir, 'b'))).toBe(join(dir, 'b'));
  });
});

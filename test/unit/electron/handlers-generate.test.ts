// File ▸ Generate Deployment Config… in main: the page sends the design (checked like a save) and the target; the
// folder comes only from main's own dialog; every file is generated before any is written, each written atomically.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import { designToDocument } from '../../../shared/formats/topology';
import type { IpcResult } from '../../../shared/ipc/contract';
import { makeTemplate } from '../../../shared/templates';
import { fakeDeps } from './support/fake-deps';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-generate-');

function setup() {
  const dir = tempDir();
  const deps = fakeDeps(join(dir, 'userData'));
  return { h: createHandlers(deps), deps, dir };
}
const document = designToDocument(makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 }));

describe('generate:write', () => {
  it('writes the target\'s files into the folder the dialog chose and returns what it could not say', async () => {
    const { h, deps, dir } = setup();
    const out = join(dir, 'libvirt');
    deps.answers.push(out);
    const r = await h['generate:write']({ document, target: 'libvirt' });
    expect(r).toEqual({ ok: true, value: { folder: out, files: 4, notes: [] } });
    expect(deps.shown).toEqual([{ dialog: 'chooseGenerateFolder', suggested: 'libvirt' }]);
    expect(readdirSync(join(out, 'kvm-r01-h001')).sort()).toEqual(['r01-h001-vm01.xml', 'r01-h001-vm02.xml']);
    expect(readFileSync(join(out, 'kvm-r01-h001', 'r01-h001-vm01.xml'), 'utf8')).toContain('<source bridge="br-vm"/>');
    deps.answers.push(join(dir, 'sriov'));
    const none = await h['generate:write']({ document, target: 'sriov-device-plugin' });
    expect(none).toEqual({ ok: true, value: { folder: join(dir, 'sriov'), files: 0, notes: ['no VM holds a VF: there is no SR-IOV device plugin pool to configure'] } });
  });

  it('is cancelled by the dialog, and refuses an invalid design or target before asking for a folder', async () => {
    const { h, deps } = setup();
    deps.answers.push(null as unknown as string);
    expect(await h['generate:write']({ document, target: 'netplan' })).toEqual({ ok: false, canceled: true });
    const bad = (r: IpcResult<unknown>) => expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
    expect(bad(await h['generate:write']({ document, target: 'ansible' }))).toMatch(/^generate:write: invalid request \(argument 0\.target/);
    expect(bad(await h['generate:write']({ document: { ...document, elements: [{ kind: 'vm' }] }, target: 'libvirt' }))).toMatch(/^cannot generate: the design is invalid/);
    expect(deps.shown).toHaveLength(1);
  });

  it('says why it cannot write (a file where the folder should be) on one line', async () => {
    const { h, deps, dir } = setup();
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    deps.answers.push(file);
    const r = await h['generate:write']({ document, target: 'switch-intent' });
    expect(!r.ok && 'reason' in r ? expectOneLine(r.reason) : '').toMatch(/^cannot write into “taken”: /);
    expect(existsSync(join(file, 'switch-intent.json'))).toBe(false);
  });
});

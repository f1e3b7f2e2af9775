// File ▸ Import lspci Capture… in main: the dialog picks the capture (and optionally its lspci -tv tree, in either
// order), the reader imports it off the event loop, and the page gets a new unsaved design with the import's notes.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import { loadDocument } from '../../../shared/formats/topology';
import type { IpcResult, OpenedProject } from '../../../shared/ipc/contract';
import { fakeDeps } from './support/fake-deps';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-lspci-');
const FIXTURES = join(__dirname, '../../fixtures/lspci');

function setup() {
  const dir = tempDir();
  const deps = fakeDeps(join(dir, 'userData'));
  copyFileSync(join(FIXTURES, 'switch-sriov-host.lspci-vvvnn.txt'), join(dir, 'host.txt'));
  copyFileSync(join(FIXTURES, 'switch-sriov-host.lspci-nn.txt'), join(dir, 'short.txt'));
  copyFileSync(join(FIXTURES, 'switch-sriov-host.lspci-tv.txt'), join(dir, 'tree.txt'));
  return { h: createHandlers(deps), deps, dir };
}

function value(r: IpcResult<OpenedProject>): OpenedProject {
  if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
  return r.value;
}
const reason = (r: IpcResult<unknown>) => expectOneLine(!r.ok && 'reason' in r ? r.reason : '');
const kinds = (p: OpenedProject) => {
  const r = loadDocument(p.document);
  if (!r.ok) throw new Error(r.reason);
  return Object.values(r.design.elements).map((e) => e.kind).sort();
};

describe('lspci:import', () => {
  it('imports a capture as a new unsaved design, with what the import derived as notes', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(join(dir, 'host.txt'));
    const opened = value(await h['lspci:import']());
    expect(deps.shown).toEqual([{ dialog: 'openLspci' }]);
    expect(opened.path).toBeNull();
    expect(kinds(opened)).toEqual(['endpoint', 'endpoint', 'endpoint', 'host', 'nic', 'nic', 'pcieSwitch', 'rootComplex', 'rootComplex']);
    expect(opened.notes?.[0]).toMatch(/^lspci: 18 function\(s\); 2 root complex\(es\), 1 PCIe switch/);
    // The API's option name is not what an app user can act on.
    expect(opened.notes?.join('\n')).not.toContain("devices: 'all'");
  });

  it('takes the tree picked with the capture, in either order', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(`${join(dir, 'tree.txt')}\n${join(dir, 'short.txt')}`);
    const opened = value(await h['lspci:import']());
    expect(kinds(opened)).toContain('pcieSwitch');
    expect(opened.notes).toContain('7 bridge(s) had no "Bus:" line; their secondary bus was read from the tree.');
  });

  it('refuses a tree alone, garbage, and more than two files with one line; canceling does nothing', async () => {
    const { h, deps, dir } = setup();
    deps.answers.push(join(dir, 'tree.txt'));
    expect(reason(await h['lspci:import']())).toMatch(/^“.*tree\.txt” is an lspci -tv tree: pick it together with the lspci -vvv capture of the same machine$/);
    writeFileSync(join(dir, 'junk.txt'), 'hello\nworld\n');
    deps.answers.push(join(dir, 'junk.txt'));
    expect(reason(await h['lspci:import']())).toMatch(/^“.*junk\.txt”: not an lspci capture: no line names a PCI function/);
    deps.answers.push([1, 2, 3].map((i) => join(dir, `${i}.txt`)).join('\n'));
    expect(reason(await h['lspci:import']())).toBe('pick the lspci -vvv capture and, if you have it, its lspci -tv tree: two files at most');
    deps.answers.push(null);
    expect(await h['lspci:import']()).toEqual({ ok: false, canceled: true });
  });
});

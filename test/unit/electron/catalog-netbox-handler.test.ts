// `catalog:importNetbox` under Node with scripted dialogs: the page sends no argument (never a path), main's picker
// chooses the files, the entries land in the user's catalog.json, messages name files by their library path, and an
// unusable file imports nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc/handlers';
import type { IpcResult } from '../../../shared/ipc/contract';
import { fakeDeps } from './support/fake-deps';
import { expectOneLine, useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs('rackplane-netbox-ipc-');

// Written from the library schema: 2 × SFP28 ("SFP28 (25GE)"), so 25 Gb/s ports.
const NIC = 'manufacturer: Acme\nmodel: Y2\ninterfaces:\n  - name: p1\n    type: 25gbase-x-sfp28\n  - name: p2\n    type: 25gbase-x-sfp28\n';

function setup() {
  const dir = tempDir();
  const data = join(dir, 'userData');
  const deps = fakeDeps(data);
  const write = (rel: string, text: string) => {
    const p = join(dir, 'lib', rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  return { h: createHandlers(deps), deps, data, write };
}

const reason = (r: IpcResult<unknown>): string => expectOneLine(!r.ok && 'reason' in r ? r.reason : '');

describe('catalog:importNetbox', () => {
  it('imports the picked files into the user catalog and reports each', async () => {
    const { h, deps, data, write } = setup();
    deps.answers.push(write('module-types/Acme/Y2.yaml', NIC));
    const r = await h['catalog:importNetbox']();
    if (!r.ok) throw new Error('reason' in r ? r.reason : 'canceled');
    expect(deps.shown).toEqual([{ dialog: 'openNetbox' }]);
    expect(r.value.imported).toEqual(['netbox-acme-y2']);
    expect(r.value.catalog.find((e) => e.id === 'netbox-acme-y2')).toMatchObject({ kind: 'nic', user: true, ports: 2, speedGbps: 25, pcieGen: null, totalVfsPerPf: null });
    // The report names the file by its library path, not where it sits on this machine.
    expect(r.value.lines[0]).toBe('module-types/Acme/Y2.yaml → netbox-acme-y2: NIC Acme Y2, 2 × 25G (25gbase-x-sfp28); PCIe gen/width and TotalVFs unknown');
    expect(r.value.lines.join('\n')).not.toContain(data);
    expect(JSON.parse(readFileSync(join(data, 'catalog.json'), 'utf8')).entries.map((e: { id: string }) => e.id)).toEqual(['netbox-acme-y2']);
  });

  it('refuses an argument from the page: main picks the files', async () => {
    const { h, deps } = setup();
    expect(reason(await h['catalog:importNetbox']('/etc/passwd'))).toMatch(/^catalog:importNetbox: invalid request \(/);
    expect(deps.shown).toEqual([]);
  });

  it('imports nothing when a picked file is unusable, in one line', async () => {
    const { h, deps, data, write } = setup();
    deps.answers.push([write('module-types/Acme/Y2.yaml', NIC), write('module-types/Acme/bad.yaml', 'manufacturer: Acme\n')].join('\n'));
    expect(reason(await h['catalog:importNetbox']())).toBe('nothing was imported: module-types/Acme/bad.yaml: model is missing (the NetBox schema requires it)');
    expect(existsSync(join(data, 'catalog.json'))).toBe(false);
  });

  it('does nothing when the picker is canceled', async () => {
    const { h, deps, data } = setup();
    deps.answers.push(null);
    expect(await h['catalog:importNetbox']()).toEqual({ ok: false, canceled: true });
    expect(existsSync(join(data, 'catalog.json'))).toBe(false);
  });
});

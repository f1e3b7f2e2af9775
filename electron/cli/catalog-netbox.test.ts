// `rackplane catalog import netbox` in process: a library folder into a catalog file, what it prints, the same catalog
// the app reads (UserCatalog), all-or-nothing on unusable input, re-imports, and the default file in the app's
// userData folder. The corpus sample (../shared/corpus/netbox) is imported as a folder when present.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserCatalog } from '../catalog/user-catalog';
import { runInProcess as run } from './run-in-process.test-support';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rackplane-netbox-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Written from the library schema: a 2-port 10G SFP+ NIC ("SFP+ (10GE)") and a 2 × 100G QSFP28 switch ("QSFP28 (100GE)").
const NIC = 'manufacturer: Acme\nmodel: X2\ninterfaces:\n  - name: Ethernet/{module}/1\n    type: 10gbase-x-sfpp\n  - name: Ethernet/{module}/2\n    type: 10gbase-x-sfpp\n';
const SWITCH = 'manufacturer: Acme\nmodel: Spine 2C\nslug: acme-spine-2c\nu_height: 1\nis_full_depth: true\ninterfaces:\n  - name: swp1\n    type: 100gbase-x-qsfp28\n  - name: swp2\n    type: 100gbase-x-qsfp28\n';

function library(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CORPUS = join(__dirname, '../../../shared/corpus/netbox');

describe('rackplane catalog import netbox', () => {
  it('imports a library folder into the catalog file and prints each entry and the notes', async () => {
    const lib = library({ 'module-types/Acme/X2.yaml': NIC, 'device-types/Acme/spine.yml': SWITCH, '.github/workflows/ci.yaml': 'on: push\n', 'rack-types/Acme/r.yaml': 'x: 1\n' });
    const catalogFile = join(tempDir(), 'catalog.json');
    const r = await run('catalog', 'import', 'netbox', lib, '--catalog', catalogFile);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')).toEqual([
      // Files are named by their library path; sorted, so device-types/ comes first.
      'device-types/Acme/spine.yml → netbox-acme-spine-2c: switch Acme Spine 2C, 2 × 100G (100gbase-x-qsfp28)',
      'module-types/Acme/X2.yaml → netbox-acme-x2: NIC Acme X2, 2 × 10G (10gbase-x-sfpp); PCIe gen/width and TotalVFs unknown',
      // rack-types/ is not a device definition; the dot folder is never read.
      `note: 1 YAML file(s) in “${lib.split('/').pop()}” outside device-types/ and module-types/ left out`,
      `imported 2 entries into ${catalogFile}`,
      expect.stringMatching(/^note: NetBox does not give a NIC's PCIe generation and width, TotalVFs/),
      '',
    ]);
    // The app reads the same file: the entries are the user's, with unknown figures null.
    const mine = new UserCatalog(tempDir(), catalogFile).list().filter((e) => e.user);
    expect(mine.map((e) => e.id)).toEqual(['netbox-acme-spine-2c', 'netbox-acme-x2']);
    expect(mine[1]).toMatchObject({ kind: 'nic', ports: 2, speedGbps: 10, pcieGen: null, pcieWidth: null, totalVfsPerPf: null });
  });

  it('writes nothing and exits 2 with one line per unusable file', async () => {
    const lib = library({ 'module-types/Acme/X2.yaml': NIC, 'module-types/Acme/bad.yaml': 'model: NoMaker\n', 'device-types/Acme/s.yaml': SWITCH.replace('u_height: 1\n', '') });
    const catalogFile = join(tempDir(), 'catalog.json');
    const r = await run('catalog', 'import', 'netbox', lib, '--catalog', catalogFile);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `rackplane: ${lib}/device-types/Acme/s.yaml: u_height is missing (the NetBox schema requires it)`,
      `rackplane: ${lib}/module-types/Acme/bad.yaml: manufacturer is missing (the NetBox schema requires it)`,
      '',
    ]);
    expect(existsSync(catalogFile)).toBe(false);
  });

  it('keeps the catalog as it was when a run fails, and replaces an entry in place on re-import', async () => {
    const lib = library({ 'module-types/Acme/X2.yaml': NIC, 'device-types/Acme/spine.yml': SWITCH });
    const catalogFile = join(tempDir(), 'catalog.json');
    expect((await run('catalog', 'import', 'netbox', lib, '--catalog', catalogFile)).code).toBe(0);
    const before = readFileSync(catalogFile, 'utf8');
    const bad = join(lib, 'broken.yaml');
    writeFileSync(bad, 'manufacturer: Acme\nmodel: [\n');
    const failed = await run('catalog', 'import', 'netbox', join(lib, 'module-types/Acme/X2.yaml'), bad, '--catalog', catalogFile);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^rackplane: .*broken\.yaml: not valid YAML at line \d+ \(/);
    expect(readFileSync(catalogFile, 'utf8')).toBe(before);
    // Three ports now: the same id is replaced where it stands, the order of the catalog is kept.
    writeFileSync(join(lib, 'module-types/Acme/X2.yaml'), `${NIC}  - name: Ethernet/{module}/3\n    type: 10gbase-x-sfpp\n`);
    expect((await run('catalog', 'import', 'netbox', join(lib, 'module-types/Acme/X2.yaml'), '--catalog', catalogFile)).code).toBe(0);
    const mine = new UserCatalog(tempDir(), catalogFile).list().filter((e) => e.user);
    expect(mine.map((e) => [e.id, e.kind === 'nic' ? e.ports : null])).toEqual([
      ['netbox-acme-spine-2c', null],
      ['netbox-acme-x2', 3],
    ]);
  });

  it('reads a file named twice once, and refuses a damaged catalog file without touching it', async () => {
    const lib = library({ 'module-types/Acme/X2.yaml': NIC });
    const catalogFile = join(tempDir(), 'catalog.json');
    const twice = await run('catalog', 'import', 'netbox', lib, join(lib, 'module-types/Acme/X2.yaml'), '--catalog', catalogFile);
    expect([twice.code, twice.stderr]).toEqual([0, '']);
    expect(twice.stdout).toContain(`imported 1 entry into ${catalogFile}`);
    writeFileSync(catalogFile, '{"format": "rackplane-catalog", "version": 1, "entries": [');
    const damaged = await run('catalog', 'import', 'netbox', lib, '--catalog', catalogFile);
    expect([damaged.code, damaged.stdout]).toEqual([2, '']);
    expect(damaged.stderr).toBe(`rackplane: your catalog file ${catalogFile} is damaged (not valid JSON): fix it or move it away to use the catalog\n`);
    expect(readFileSync(catalogFile, 'utf8')).toBe('{"format": "rackplane-catalog", "version": 1, "entries": [');
  });

  it('refuses an unknown format, a missing path and a folder without YAML', async () => {
    expect(await run('catalog', 'import', 'racktables', 'x.yaml')).toEqual({ code: 2, stdout: '', stderr: "rackplane: unknown catalog format 'racktables': rackplane catalog import knows netbox\n" });
    const missing = await run('catalog', 'import', 'netbox', join(tempDir(), 'nope.yaml'), '--catalog', join(tempDir(), 'c.json'));
    expect([missing.code, missing.stderr]).toEqual([2, 'rackplane: cannot read “nope.yaml”: it does not exist (it may have been moved or deleted)\n']);
    const empty = tempDir();
    expect((await run('catalog', 'import', 'netbox', empty, '--catalog', join(tempDir(), 'c.json'))).stderr).toMatch(/holds no \.yaml or \.yml file\n$/);
  });

  it.runIf(process.platform === 'linux')('writes the catalog the app uses when --catalog is not given ($XDG_CONFIG_HOME/Rackplane)', async () => {
    const config = tempDir();
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      const lib = library({ 'module-types/Acme/X2.yaml': NIC });
      const r = await run('catalog', 'import', 'netbox', lib);
      expect(r.stdout).toContain(`imported 1 entry into ${join(config, 'Rackplane', 'catalog.json')}`);
      expect(new UserCatalog(join(config, 'Rackplane')).list().some((e) => e.id === 'netbox-acme-x2' && e.user)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it.skipIf(!existsSync(join(CORPUS, 'SOURCES.md')))('imports the corpus sample folder with no error', async () => {
    const catalogFile = join(tempDir(), 'catalog.json');
    const r = await run('catalog', 'import', 'netbox', CORPUS, '--catalog', catalogFile);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`imported 27 entries into ${catalogFile} (4 files imported nothing)`);
  });
});

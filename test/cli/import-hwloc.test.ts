/** The built CLI's `import hwloc`: a real machine's PCIe tree saved as a project, reproducibly, with clear refusals. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, ROOT, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });
const HWLOC = join(ROOT, 'test/fixtures/hwloc');
// Two sockets, two host bridges, four PCIe switches, five NICs with ten SR-IOV VFs (see SOURCES.md there).
const MANY_VFS = join(HWLOC, '16intel64-manyVFs.xml');

function ok(r: CliRun): string {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function expectRefused(r: CliRun, reason: RegExp): void {
  expect(r.errLines, r.stderr).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^rackplane: \S/);
  expect(r.errLines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

interface Info {
  name: string;
  elements: { byKind: Record<string, number> };
  links: { byKind: Record<string, number> };
}

describe('rackplane import hwloc', () => {
  it('saves one host and its PCIe tree as a project, with the importer notes', () => {
    const out = ok(run('import', 'hwloc', MANY_VFS, '-o', 'machine.rackplane'));
    const [first, ...notes] = out.trimEnd().split('\n');
    expect(first).toBe('wrote “machine.rackplane”: 12 elements, 9 links');
    expect(notes[0]).toMatch(/^ {2}hwloc XML format 2\.0: 2 socket\(s\).*5 NIC\(s\).*10 SR-IOV VF\(s\)/);
    const info = JSON.parse(ok(run('info', 'machine.rackplane', '--format', 'json'))) as Info;
    expect(info.elements.byKind).toMatchObject({ host: 1, rootComplex: 2, pcieSwitch: 4, nic: 5 });
    expect(info.links.byKind.pcie).toBe(9);
    // What the importer produces passes the validator's structural rules.
    expect(ok(run('validate', 'machine.rackplane'))).toMatch(/^0 errors/);
  });

  it('gives the same project for the same file (sequential ids), and takes a host name', () => {
    ok(run('import', 'hwloc', MANY_VFS, '-o', 'again.rackplane'));
    const a = ok(run('export', 'machine.rackplane', '-o', '-'));
    expect(ok(run('export', 'again.rackplane', '-o', '-'))).toBe(a);
    expect(a).toContain('"id": "host-1"');
    ok(run('import', 'hwloc', MANY_VFS, '-o', 'named.rackplane', '--host-name', 'db-07'));
    expect((JSON.parse(ok(run('info', 'named.rackplane', '-f', 'json'))) as Info).name).toBe('db-07');
  });

  it('keeps chipset functions with --all-devices', () => {
    const plain = ok(run('import', 'hwloc', join(HWLOC, '40intel64-2g2n4c+pci.xml'), '-o', 'devel.rackplane'));
    const all = ok(run('import', 'hwloc', join(HWLOC, '40intel64-2g2n4c+pci.xml'), '-o', 'devel-all.rackplane', '--all-devices'));
    const count = (s: string) => Number(/: (\d+) elements/.exec(s)![1]);
    expect(plain).toMatch(/Left out 14 chipset\/uncore function\(s\) .*; import with --all-devices to keep them\.\n/);
    expect(count(all)).toBeGreaterThan(count(plain));
  });

  it('reads standard input', () => {
    const r = rackplane(['import', 'hwloc', '-', '-o', 'stdin.rackplane'], { cwd: dir, input: readFileSync(MANY_VFS) });
    expect(ok(r)).toMatch(/^wrote “stdin.rackplane”: 12 elements, 9 links\n/);
  });

  it('refuses what it cannot import, with the reason on one line', () => {
    writeFileSync(join(dir, 'svg.xml'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'broken.xml'), '<topology><object type="Machine">');
    writeFileSync(join(dir, 'empty.xml'), '');
    expectRefused(run('import', 'hwloc', 'svg.xml', '-o', 'x.rackplane'), /^rackplane: “svg.xml”: not an hwloc topology: the root element is <svg>/);
    expectRefused(run('import', 'hwloc', 'broken.xml', '-o', 'x.rackplane'), /“broken.xml”: not well-formed XML/);
    expectRefused(run('import', 'hwloc', 'empty.xml', '-o', 'x.rackplane'), /“empty.xml” is empty: it is not an hwloc XML topology/);
    expectRefused(run('import', 'hwloc', 'missing.xml', '-o', 'x.rackplane'), /cannot read “missing.xml”: it does not exist/);
    expectRefused(run('import', 'hwloc', MANY_VFS, '-o', 'x.json'), /use a name ending in \.rackplane/);
    expectRefused(run('import', 'json', 'a.json', '-o', 'x.rackplane', '--host-name', 'h'), /--host-name applies to import hwloc and import lspci only/);
    expectRefused(run('import', 'hwloc', MANY_VFS, '-o', 'x.rackplane', '--host-name', ' '), /--host-name needs a name/);
    expect(() => readFileSync(join(dir, 'x.rackplane'))).toThrow();
  });
});

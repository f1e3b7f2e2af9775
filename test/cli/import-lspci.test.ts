/** The built CLI's `import lspci`: a real machine's PCIe tree from lspci text, saved as a project that validate reads; clear refusals. */
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
const LSPCI = join(ROOT, 'test/fixtures/lspci');
// Two root buses, a PLX switch with a GPU and an NVMe drive, an X710 with 4 VFs, a ConnectX-5 trained at x8 of x16.
const HOST = join(LSPCI, 'switch-sriov-host.lspci-vvvnn.txt');
const SHORT = join(LSPCI, 'switch-sriov-host.lspci-nn.txt');
const TREE = join(LSPCI, 'switch-sriov-host.lspci-tv.txt');

function ok(r: CliRun): string {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function expectRefused(r: CliRun, reason: RegExp, output = 'x.rackplane'): void {
  expect(r.errLines, r.stderr).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^rackplane: \S/);
  expect(r.errLines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
  // Nothing is written on a refusal, not even a partial file.
  expect(() => readFileSync(join(dir, output))).toThrow();
}

interface Info {
  name: string;
  elements: { byKind: Record<string, number> };
  links: { byKind: Record<string, number> };
}

describe('rackplane import lspci', () => {
  it('saves the host and its PCIe tree as a project that validate reads, printing the notes', () => {
    const out = ok(run('import', 'lspci', HOST, '-o', 'host.rackplane'));
    const [first, ...notes] = out.trimEnd().split('\n');
    // host, 2 root complexes, 1 switch, 2 NICs, 3 endpoints; a PCIe link per device and switch.
    expect(first).toBe('wrote “host.rackplane”: 9 elements, 6 links');
    expect(notes[0]).toBe('  lspci: 18 function(s); 2 root complex(es), 1 PCIe switch(es) or shared bus(es), 2 NIC(s), 3 other endpoint(s); 4 SR-IOV VF(s) enabled, counted on their physical functions.');
    expect(out).toContain('  Left out 1 chipset/uncore function(s) (Host bridge ×1); import with --all-devices to keep them.\n');
    const info = JSON.parse(ok(run('info', 'host.rackplane', '--format', 'json'))) as Info;
    expect(info.elements.byKind).toMatchObject({ host: 1, rootComplex: 2, pcieSwitch: 1, nic: 2, endpoint: 3 });
    // No error; the ConnectX-5's downgraded link is PCI-003's warning.
    const report = ok(run('validate', 'host.rackplane'));
    expect(report).toMatch(/^warning PCI-003 nic-2: 06:00\.0 Mellanox .* trains at Gen3 x8 .* capable of Gen3 x16 /m);
    expect(report).toMatch(/^0 errors, 2 warnings/m);
  });

  it('gives the same project for the same file, takes a host name, and reads the tree with --tree', () => {
    ok(run('import', 'lspci', HOST, '-o', 'again.rackplane'));
    expect(ok(run('export', 'again.rackplane', '-o', '-'))).toBe(ok(run('export', 'host.rackplane', '-o', '-')));
    ok(run('import', 'lspci', HOST, '-o', 'named.rackplane', '--host-name', 'db-07'));
    expect((JSON.parse(ok(run('info', 'named.rackplane', '-f', 'json'))) as Info).name).toBe('db-07');
    const withTree = ok(run('import', 'lspci', SHORT, '--tree', TREE, '-o', 'short.rackplane'));
    expect(withTree).toContain('  7 bridge(s) had no "Bus:" line; their secondary bus was read from the tree.\n');
    expect((JSON.parse(ok(run('info', 'short.rackplane', '-f', 'json'))) as Info).elements.byKind).toMatchObject({ pcieSwitch: 1, rootComplex: 2 });
  });

  it('reads standard input', () => {
    const r = rackplane(['import', 'lspci', '-', '-o', 'stdin.rackplane'], { cwd: dir, input: readFileSync(HOST) });
    expect(ok(r)).toMatch(/^wrote “stdin.rackplane”: 9 elements, 6 links\n/);
  });

  it('refuses what it cannot import with one line, exit 2 and no output file', () => {
    writeFileSync(join(dir, 'garbage.txt'), 'Lorem ipsum dolor sit amet\n\u0000\u0001\u0002\n');
    writeFileSync(join(dir, 'usb.txt'), '00:14.0 USB controller [0c03]: Intel Corporation C620 Series Chipset Family USB 3.0 xHCI Controller [8086:a1af] (rev 09)\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    expectRefused(run('import', 'lspci', 'garbage.txt', '-o', 'x.rackplane'), /^rackplane: “garbage.txt”: not an lspci capture: no line names a PCI function \("00:1f.2 SATA controller: …"\); capture it with lspci -vvv \(or -vvvnn\)$/);
    expectRefused(run('import', 'lspci', 'usb.txt', '-o', 'x.rackplane'), /“usb.txt”: the capture lists 1 PCI function\(s\) but none Rackplane models by default .*; import with --all-devices to keep chipset functions$/);
    expectRefused(run('import', 'lspci', 'empty.txt', '-o', 'x.rackplane'), /“empty.txt” is empty: it is not an lspci capture/);
    expectRefused(run('import', 'lspci', HOST, '--tree', 'garbage.txt', '-o', 'x.rackplane'), /^rackplane: “garbage.txt”: not an lspci -t tree: no root bus such as "-\[0000:00\]-" is drawn$/);
    expectRefused(run('import', 'lspci', HOST, '--tree', 'missing.txt', '-o', 'x.rackplane'), /cannot read “missing.txt”: it does not exist/);
    expectRefused(run('import', 'hwloc', 'a.xml', '--tree', TREE, '-o', 'x.rackplane'), /--tree applies to import lspci only/);
    expectRefused(run('import', 'lspci', HOST, '-o', 'x.json'), /use a name ending in \.rackplane/, 'x.json');
    // The chipset-only capture imports when asked to keep chipset functions.
    expect(ok(run('import', 'lspci', 'usb.txt', '--all-devices', '-o', 'usb.rackplane'))).toMatch(/^wrote “usb.rackplane”: 3 elements, 1 links\n/);
  });
});

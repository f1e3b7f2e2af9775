// `rackplane generate` in process: libvirt XML every file of which Debian's virt-xml-validate accepts (libvirt's own
// RELAX NG schemas; .ci/run installs libvirt-clients and libxml2-utils, the test skips where the tool is absent), the
// SR-IOV device plugin config, notes for what the design does not hold, and exit 2 with nothing written for bad input.
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess as run } from './run-in-process.test-support';

const FIXTURE = 'test/fixtures/generate/kvm-sriov-vepa.json';
const VALIDATOR = '/usr/bin/virt-xml-validate';
const hasValidator = existsSync(VALIDATOR) && existsSync('/usr/bin/xmllint');
// netplan's generator refuses Open vSwitch definitions unless ovs-vsctl is installed (.ci/run installs both).
const NETPLAN = '/usr/sbin/netplan';
const hasNetplan = existsSync(NETPLAN) && existsSync('/usr/bin/ovs-vsctl');

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rackplane-generate-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();

describe('rackplane generate', () => {
  it('--target libvirt: a domain per VM and a hostdev network per PF, each accepted by virt-xml-validate', async () => {
    const out = join(tempDir(), 'libvirt');
    const r = await run('generate', FIXTURE, '--target', 'libvirt', '-o', out);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('wrote 9 files into “libvirt” (libvirt)\n');
    const files = filesUnder(out).map((f) => f.slice(out.length + 1));
    expect(files).toEqual([
      'kvm-r01-h001/networks/nic0-pf0-vfs.xml',
      ...['vm01', 'vm02', 'vm03', 'vm04'].map((v) => `kvm-r01-h001/r01-h001-${v}.xml`),
      ...['vm01', 'vm02', 'vm03', 'vm04'].map((v) => `kvm-r01-h002/r01-h002-${v}.xml`),
    ]);
    // vm01's VF keeps its MAC from the design; libvirt picks the VF from the pool.
    expect(readFileSync(join(out, 'kvm-r01-h001/r01-h001-vm01.xml'), 'utf8')).toContain('<interface type="network">\n      <mac address="52:54:00:12:34:56"/>\n      <source network="nic0-pf0-vfs"/>');
    if (!hasValidator) return;
    for (const f of filesUnder(out)) {
      const v = spawnSync(VALIDATOR, [f], { encoding: 'utf8' });
      // It says "<file> validates" on stderr and exits 0, or names the schema error and exits 1.
      expect([v.status, v.stderr.trim()]).toEqual([0, `${f} validates`]);
    }
  });

  it('--target sriov-device-plugin: one config.json for the host whose VMs hold VFs', async () => {
    const out = join(tempDir(), 'sriov');
    const r = await run('generate', FIXTURE, '--target', 'sriov-device-plugin', '-o', out);
    expect(r.code).toBe(0);
    expect(filesUnder(out).map((f) => f.slice(out.length + 1))).toEqual(['kvm-r01-h001/config.json']);
    const config = JSON.parse(readFileSync(join(out, 'kvm-r01-h001/config.json'), 'utf8')) as { resourceList: { selectors: { pfNames: string[] } }[] };
    expect(config.resourceList.map((x) => x.selectors.pfNames)).toEqual([['PLACEHOLDER-netdev-r01.h001.nic0-eth0#0-1']]);
  });

  it('--target netplan: a file per Linux host that `netplan generate` turns into systemd-networkd units', async () => {
    const out = join(tempDir(), 'netplan');
    const r = await run('generate', FIXTURE, '--target', 'netplan', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'wrote 2 files into “netplan” (netplan)\nnote: kvm-r01-h002: br-vm is a vepa edge: its VMs use macvtap devices on the uplink (libvirt), so netplan only brings up the ports\n',
    );
    if (!hasNetplan) return;
    for (const host of ['kvm-r01-h001', 'kvm-r01-h002']) {
      const root = tempDir();
      mkdirSync(join(root, 'etc/netplan'), { recursive: true });
      const yaml = join(root, 'etc/netplan/50-rackplane.yaml');
      copyFileSync(join(out, host, '50-rackplane.yaml'), yaml);
      // netplan warns about (and future versions refuse) configuration readable by others.
      chmodSync(yaml, 0o600);
      const g = spawnSync(NETPLAN, ['generate', '--root-dir', root], { encoding: 'utf8' });
      expect([g.status, g.stderr]).toEqual([0, '']);
      const units = readdirSync(join(root, 'run/systemd/network'));
      expect(units).toContain('10-netplan-nic0-eth0.network');
    }
  });

  it('--target switch-intent: one JSON document with every switch', async () => {
    const out = join(tempDir(), 'intent');
    const r = await run('generate', FIXTURE, '--target', 'switch-intent', '-o', out);
    expect([r.code, r.stdout]).toEqual([0, 'wrote 1 file into “intent” (switch-intent)\n']);
    const doc = JSON.parse(readFileSync(join(out, 'switch-intent.json'), 'utf8')) as { format: string; switches: { id: string }[] };
    expect([doc.format, doc.switches.map((s) => s.id)]).toEqual(['rackplane-switch-intent', ['r01.tor-a', 'r01.tor-b']]);
  });

  it('lists what it left out as notes', async () => {
    const r = await run('generate', 'test/fixtures/scenarios/rack.json', '--target', 'sriov-device-plugin', '-o', join(tempDir(), 'none'));
    expect(r.stdout).toBe('wrote 0 files into “none” (sriov-device-plugin)\nnote: no VM holds a VF: there is no SR-IOV device plugin pool to configure\n');
  });

  it('exit 2 with one line and nothing written for an unknown target, a file as the folder, or standard output', async () => {
    const dir = tempDir();
    const bad = await run('generate', FIXTURE, '--target', 'ansible', '-o', join(dir, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rackplane: option '-t, --target <target>' argument 'ansible' is invalid\. Allowed choices are libvirt, sriov-device-plugin, netplan, switch-intent\.\n$/);
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    const onFile = await run('generate', FIXTURE, '--target', 'libvirt', '-o', file);
    expect([onFile.code, onFile.stderr]).toEqual([2, 'rackplane: cannot write into “file.txt”: it is a file; name a folder\n']);
    const stdout = await run('generate', FIXTURE, '--target', 'libvirt', '-o', '-');
    expect([stdout.code, stdout.stderr]).toEqual([2, 'rackplane: -o/--output names a folder: generate writes several files\n']);
    expect(readdirSync(dir)).toEqual(['file.txt']);
  });
});

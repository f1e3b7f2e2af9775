// `rackplane advise` in process on the rack-kvm fixture (2 KVM hosts on one MLAG ToR pair, 25G ports, OVS bridges with
// port groups "VM app (VLAN 110)" for vm01/vm03 and "VM db (VLAN 120)" for vm02/vm04). Figures by hand from the paths
// of DOMAIN.md §4; the scenario file test/fixtures/scenarios/placement.json holds the flows.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess as run } from './run-in-process.test-support';

const FIX = 'test/fixtures/scenarios';
const RACK = `${FIX}/rack.json`;
const PLACEMENT = `${FIX}/placement.json`;

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rackplane-advise-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('rackplane advise', () => {
  it('moves the VM of a same-VLAN pair beside its partner; the cross-VLAN flow stays routed at the ToR', async () => {
    const r = await run('advise', RACK, '--scenario-file', PLACEMENT, '--scenario', 'app pair');
    expect([r.code, r.stderr]).toEqual([0, '']);
    // app (5 Gb/s): h001 → ToR → h002, two cable directions = 10; cross-vlan (2 Gb/s) is routed at the ToR's SVI
    // wherever the VMs sit: 4. After the move app is a vSwitch copy inside h002: 4 Gb/s left on cables.
    // Busiest cable: 5 of 25 Gb/s = 20.0 %, then 2 of 25 = 8.0 %.
    expect(r.stdout).toBe(
      [
        'Placement advice for scenario app pair on “rack.json”: 1 move',
        '  move r01.h001.vm01: r01.h001 → r01.h002 (keeps 5.00 Gb/s × hops inside the host)',
        'Ethernet load:',
        '  before  14.00 Gb/s on cables (0.00 Gb/s between switches), busiest cable 20.0 %, 7.00 Gb/s carried',
        '  after   4.00 Gb/s on cables (0.00 Gb/s between switches), busiest cable 8.0 %, 7.00 Gb/s carried',
        '',
      ].join('\n'),
    );
  });

  it('withdraws moves that would slow elastic flows: inside a host they share the vSwitch copy budget', async () => {
    // one-per-vm is elastic: each flow gets 25 Gb/s across its NIC port; inside h002 the moved flows share the host's
    // 30 Gb/s memory-copy budget with the others there, far below what they had.
    const r = await run('advise', RACK, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { moves: unknown[]; withdrawn: { vm: string; reason: string }[]; before: unknown; after: unknown };
    expect(json.moves).toEqual([]);
    expect(json.after).toEqual(json.before);
    expect(json.withdrawn.length).toBeGreaterThan(0);
    for (const w of json.withdrawn) expect(w.reason).toMatch(/^would slow flow .* from 25 Gb\/s to [\d.]+ Gb\/s \(the vSwitch copy budget carries it inside the host\)$/);
  });

  it('--apply writes the design with the moves as the scenario\'s migrations, which simulate then runs', async () => {
    const out = join(tempDir(), 'planned.rackplane');
    const r = await run('advise', RACK, '--scenario-file', PLACEMENT, '--scenario', 'app pair', '--apply', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("wrote “planned.rackplane”: scenario app pair with 1 migration added\n");
    const list = await run('scenario', 'list', out, '--format', 'json');
    expect(JSON.parse(list.stdout)).toEqual({ scenarios: [{ name: 'app pair', current: true, flows: 2, migrations: 1, failures: 0, expectations: 0 }] });
    const sim = await run('simulate', out, '--scenario', 'app pair', '--format', 'json');
    expect(sim.code).toBe(0);
    const result = JSON.parse(sim.stdout) as { migrations: { vm: string; to: string; dropped: string | null }[] };
    expect(result.migrations.map((m) => [m.vm, m.to, m.dropped])).toEqual([['r01.h001.vm01', 'r01.h002', null]]);
  });

  it('exit 2 with one line and nothing written for impossible arguments', async () => {
    const dir = tempDir();
    const bad = await run('advise', RACK, '--max-moves', '-1');
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', "rackplane: --max-moves: expected a whole number ≥ 0, got '-1'\n"]);
    const gain = await run('advise', RACK, '--min-gain', 'lots');
    expect([gain.code, gain.stderr]).toEqual([2, "rackplane: --min-gain: expected a number ≥ 0, got 'lots'\n"]);
    const two = await run('advise', RACK, '--scenario-file', PLACEMENT, '--apply', join(dir, 'x.rackplane'));
    expect([two.code, two.stderr]).toEqual([2, 'rackplane: --apply adds one scenario\'s moves: name it with --scenario (the file has 2)\n']);
    expect(readdirSync(dir)).toEqual([]);
  });
});

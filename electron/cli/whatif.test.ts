// `rackplane whatif` in process on the checked-in scenario fixtures (rack-kvm, 2 hosts, an MLAG ToR pair): exit 0
// when no single failure loses traffic, 1 when one does (the scenario already has a team member down, so losing the
// other drops its flows), 2 with one line naming the bad id and nothing on stdout; text, JSON and JUnit formats.
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { runInProcess } from './run-in-process.test-support';
import { runCli } from './program';

const FIX = 'test/fixtures/scenarios';
const RACK = `${FIX}/rack.json`;

const run = runInProcess;

interface Json {
  scenario: string;
  total: number;
  outcomes: { label: string; dropped: { flow: string }[]; slowed: { beforeGbps: number; afterGbps: number }[]; failedOver: { movedTo: string[] }[]; lost: number }[];
}

describe('rackplane whatif', () => {
  it('each-switch on the MLAG pair: exit 0, flows slowed 25 → 12.5 Gb/s and kept up by failover', async () => {
    const r = await run('whatif', RACK, '--fail', 'each-switch');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^What-if \(N-1\) of scenario one-per-vm on “rack\.json”: 2 of 2 failures \(each-switch\)\n/);
    expect(r.stdout).toContain('0 failures lose traffic that redundancy could have kept');
    expect(r.stdout).toContain('switch r01.tor-a: 4 links down; 0 dropped, 2 slowed, 3 kept up by failover');
    expect(r.stdout).toContain('slowed    r01.h001.vm01->r01.h002.vm01: 25.00 Gb/s → 12.50 Gb/s');
    const j = await run('whatif', RACK, '--fail', 'r01.tor-b,r01.peer0', '--format', 'json');
    expect(j.code).toBe(0);
    const json = JSON.parse(j.stdout) as Json;
    expect(json.outcomes.map((o) => [o.label, o.slowed.length, o.failedOver.length, o.lost])).toEqual([
      ['switch r01.tor-b', 2, 1, 0],
      ['link r01.peer0', 0, 0, 0],
    ]);
  });

  it('each-host: a host takes its own flows with it, which is not a loss (exit 0); JUnit has one testcase per host', async () => {
    const r = await run('whatif', RACK, '--fail', 'each-host', '--format', 'junit');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tests="2" failures="0"');
    expect(r.stdout).toContain('<testcase name="host r01.h001" classname="rackplane.whatif">\n      <system-out>4 dropped, 0 slowed, 0 kept up by failover</system-out>');
  });

  it('exit 1 when a single failure drops a flow the baseline carried; JUnit fails that testcase', async () => {
    const args = ['whatif', RACK, '--scenario-file', `${FIX}/pipeline.json`, '--scenario', 'h001 to h002, one uplink down', '--fail', 'r01.h001.nic0.eth1,r01.tor-a'];
    const t = await run(...args);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain('1 failure loses traffic that redundancy could have kept: link r01.h001.nic0.eth1');
    const j = await run(...args, '--format', 'junit');
    expect(j.code).toBe(1);
    expect(j.stdout).toContain('tests="2" failures="1"');
    expect(j.stdout).toMatch(/<testcase name="link r01\.h001\.nic0\.eth1" classname="rackplane\.whatif">\n {6}<failure message="link r01\.h001\.nic0\.eth1: 2 lost \(flow app dropped \(was 12\.50 Gb\/s\): [^"]*, …\)" type="lost">/);
    const s = await run('whatif', RACK, '--scenario-file', `${FIX}/pipeline.json`, '--fail', 'r01.h001.nic0.eth1', '--format', 'json');
    const all = JSON.parse(s.stdout) as { scenarios: Json[] };
    expect(all.scenarios.map((x) => [x.scenario, x.outcomes[0]!.lost])).toEqual([
      ['h001 to h002, one uplink down', 2],
      ['evacuate h001', 0],
    ]);
  });

  it('exit 2 with one line naming the bad id, nothing on stdout', async () => {
    const r = await run('whatif', RACK, '--fail', 'r01.tor-a,nope');
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'rackplane: --fail: no link, switch or host "nope" in the design\n']);
    const nic = await run('whatif', RACK, '--fail', 'r01.h001.nic0');
    expect([nic.code, nic.stderr]).toEqual([2, 'rackplane: --fail: "r01.h001.nic0" is a nic, not a link, switch or host\n']);
    const empty = await run('whatif', RACK, '--fail', 'r01.tor-a,,x');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^rackplane: --fail: expected each-link, each-switch, each-host or a comma-separated list of ids/);
    const missing = await run('whatif', RACK);
    expect([missing.code, missing.stderr]).toEqual([2, "rackplane: required option '--fail <set|list>' not specified\n"]);
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    let stderr = '';
    const io: CliIo = { stdout: () => {}, stderr: (t) => void (stderr += t), readStdin: () => Buffer.alloc(0), stderrIsTTY: true };
    expect(await runCli(['whatif', RACK, '--fail', 'each-switch'], io)).toBe(0);
    expect(stderr).toBe('\rwhatif: 1/2 switch r01.tor-a\x1b[K\rwhatif: 2/2 switch r01.tor-b\x1b[K\n');
  });
});

/** The built CLI's `simulate` (scenarios, JSON and text, --dump-maxmin) and `solve-maxmin` (peer instances and rates). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, ROOT, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => rackplane(args, { cwd: dir });
const FIXTURES = join(ROOT, 'test/fixtures/maxmin');

beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expect(run('new', '--template', 'rack', '--hosts', '4', '--vms-per-host', '3', '-o', 'rack.rackplane').code).toBe(0);
});
afterAll(() => cleanup());

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

interface SimJson {
  scenario: string;
  summary: Record<string, unknown> & { flows: number; routed: number; dropped: number; totalGbps: number; busiest: { id: string; utilisation: number } | null };
  flows: { id: string; rate: number; demand: number | null; mode: string | null; path: string[]; bottleneck: string | null; dropped: string | null }[];
  resources: { id: string; kind: string; capacity: number; load: number; utilisation: number }[];
  vswitchCpu: { host: string; gbps: number; budget: number }[];
  migrations: { vm: string; to: string; rateGbps: number; result: { converged: boolean; totalSeconds: number; downtimeSeconds: number } | null; dropped: string | null }[];
  protocolEfficiency: number;
}
const simulate = (...args: string[]) => JSON.parse(ok(run('simulate', 'rack.rackplane', ...args))) as SimJson;

interface RatesJson {
  peer: string;
  n_links: number;
  n_flows: number;
  solve_seconds: number;
  rates?: Record<string, number | null>;
}

describe('rackplane simulate', () => {
  it('runs one flow per VM by default and reports flows, busy resources and a summary', () => {
    const r = simulate();
    expect(Object.keys(r)).toEqual(['scenario', 'summary', 'flows', 'resources', 'vswitchCpu', 'migrations', 'protocolEfficiency']);
    expect(r.scenario).toBe('one-per-vm');
    expect(r.summary).toMatchObject({ flows: 12, routed: 12, dropped: 0 });
    expect(r.flows[0]).toMatchObject({ id: 'r01.h001.vm01->r01.h002.vm01', mode: 'fabric', dropped: null });
    for (const f of r.flows) {
      expect(f.rate).toBeGreaterThan(0);
      expect(f.path.length).toBeGreaterThan(2);
    }
    expect(r.summary.totalGbps).toBeCloseTo(r.flows.reduce((s, f) => s + f.rate, 0), 9);
    // Idle resources are left out; every listed one carries load within its capacity.
    for (const res of r.resources) {
      expect(res.load).toBeGreaterThan(0);
      expect(res.load).toBeLessThanOrEqual(res.capacity * (1 + 1e-9));
    }
    expect(r.summary.busiest!.utilisation).toBeCloseTo(Math.max(...r.resources.map((x) => x.utilisation)), 12);
    expect(r.vswitchCpu).toHaveLength(4);
    expect(r.protocolEfficiency).toBeCloseTo(256 / 280, 12);
  });

  it('runs all-to-all between two hosts and inside one host', () => {
    // vm01 and vm03 are on VLAN 110, vm02 on VLAN 120: pairs across VLANs are routed at the ToR.
    const count = (r: SimJson, mode: string) => r.flows.filter((f) => f.mode === mode).length;
    const between = simulate('--scenario', 'all-to-all:r01.h001:r01.h003');
    expect(between.summary.flows).toBe(9);
    // Same VLAN: 2 × 2 on VLAN 110 + 1 on VLAN 120 = 5 bridged; the other 4 routed.
    expect([count(between, 'fabric'), count(between, 'routed')]).toEqual([5, 4]);
    const inside = simulate('--scenario', 'all-to-all:r01.h002:r01.h002');
    expect(inside.summary.flows).toBe(6);
    // vm01 ↔ vm03 stay in the vSwitch; the four flows to or from vm02 leave the host and come back.
    expect([count(inside, 'vswitch-local'), count(inside, 'routed')]).toEqual([2, 4]);
    // The two VM-to-VM copies share the host's memory-copy budget.
    const copy = inside.resources.find((x) => x.kind === 'vswitch-copy')!;
    expect(copy.utilisation).toBeCloseTo(1, 9);
  });

  it('evacuates a host with live migrations on the idle network', () => {
    const r = simulate('--scenario', 'evacuate:r01.h001');
    expect(r.summary.flows).toBe(0);
    expect(r.migrations.map((m) => [m.vm, m.to])).toEqual([
      ['r01.h001.vm01', 'r01.h002'],
      ['r01.h001.vm02', 'r01.h003'],
      ['r01.h001.vm03', 'r01.h004'],
    ]);
    for (const m of r.migrations) {
      expect(m.rateGbps).toBeGreaterThan(0);
      expect(m.result!.converged).toBe(true);
    }
    expect(r.summary).toMatchObject({ migrations: 3, migrationsConverged: 3, migrationsDropped: 0 });
  });

  it('prints the busiest resources and the slowest flows as text', () => {
    const text = ok(run('simulate', 'rack.rackplane', '--format', 'text'));
    expect(text).toMatch(/^Scenario one-per-vm on “rack.rackplane”: 12 flows \(12 routed, 0 dropped\)/);
    expect(text).toMatch(/^Busiest resources \(top \d+\):$/m);
    expect(text).toMatch(/^ {2}resource +kind +capacity +load +use$/m);
    expect(text).toMatch(/^Slowest flows \(10 of 12; mean [\d.]+ Gb\/s\):$/m);
    const evac = ok(run('simulate', 'rack.rackplane', '--scenario', 'evacuate:r01.h001', '-f', 'text'));
    expect(evac).toMatch(/^Migrations: 3 \(3 converged, 0 not possible\)/m);
  });

  it('dumps the max-min instance, which solve-maxmin solves to the rates simulate reported', () => {
    const wrote = ok(run('simulate', 'rack.rackplane', '--dump-maxmin', 'rack.instance.json'));
    expect(wrote).toMatch(/^wrote “rack.instance.json”: \d+ links, 12 flows \(scenario one-per-vm\)\n$/);
    const instance = JSON.parse(readFileSync(join(dir, 'rack.instance.json'), 'utf8')) as { links: { id: string; capacity: number }[]; flows: { id: string; path: string[]; demand?: number }[] };
    const linkIds = new Set(instance.links.map((l) => l.id));
    for (const f of instance.flows) {
      expect(f.path.every((id) => linkIds.has(id))).toBe(true);
      expect('demand' in f).toBe(false);
    }
    const rates = JSON.parse(ok(run('solve-maxmin', 'rack.instance.json'))) as RatesJson;
    const sim = simulate();
    for (const f of sim.flows) expect(rates.rates![f.id]).toBeCloseTo(f.rate, 9);
  });

  it.each([
    [['--scenario', 'bogus'], /unknown scenario 'bogus': use one-per-vm, all-to-all:HOSTA:HOSTB or evacuate:HOSTA/],
    [['--scenario', 'evacuate:r09.h001'], /no host 'r09.h001' in the design \(hosts: r01.h001, r01.h002, r01.h003 and 1 more\)/],
    [['--scenario', 'all-to-all:r01.h001'], /expected all-to-all:HOSTA:HOSTB/],
    [['--scenario', 'all-to-all:r01.h001:nope'], /no host 'nope'/],
    [['--format', 'csv'], /Allowed choices are json, text/],
    [['--dump-maxmin', ''], /--dump-maxmin needs a file name/],
  ])('refuses %j with one line', (args, reason) => expectRefused(run('simulate', 'rack.rackplane', ...args), reason));

  it('refuses an unusable design file', () => expectRefused(run('simulate', 'missing.rackplane'), /cannot open “missing.rackplane”/));
});

describe('rackplane solve-maxmin', () => {
  it('solves the hand-checkable instance, unbounded flows as null', () => {
    const r = JSON.parse(ok(run('solve-maxmin', join(FIXTURES, 'tiny.json')))) as RatesJson;
    expect(Object.keys(r)).toEqual(['peer', 'n_links', 'n_flows', 'solve_seconds', 'rates']);
    expect(r).toMatchObject({ n_links: 3, n_flows: 5, rates: { a: 2, b: 2, c: 7, d: 1, e: null } });
    expect(r.solve_seconds).toBeGreaterThanOrEqual(0);
  });

  it('matches the numpy reference on dc1k to 1e-9 relative', () => {
    const r = JSON.parse(ok(run('solve-maxmin', join(FIXTURES, 'dc1k.json')))) as RatesJson;
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'dc1k.rates.json'), 'utf8')) as RatesJson;
    expect([r.n_links, r.n_flows]).toEqual([ref.n_links, ref.n_flows]);
    expect(Object.keys(r.rates!).sort()).toEqual(Object.keys(ref.rates!).sort());
    let worst = 0;
    for (const [id, want] of Object.entries(ref.rates!)) {
      const got = r.rates![id]!;
      if (want === null) expect(got).toBeNull();
      else worst = Math.max(worst, Math.abs(got - want) / Math.abs(want));
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it('with --out writes the full JSON to the file and the rest to stdout', () => {
    const summary = JSON.parse(ok(run('solve-maxmin', join(FIXTURES, 'tiny.json'), '--out', 'tiny.rates.json'))) as RatesJson;
    expect(Object.keys(summary)).toEqual(['peer', 'n_links', 'n_flows', 'solve_seconds']);
    const full = JSON.parse(readFileSync(join(dir, 'tiny.rates.json'), 'utf8')) as RatesJson;
    expect(full.rates).toEqual({ a: 2, b: 2, c: 7, d: 1, e: null });
    expect(full.solve_seconds).toBe(summary.solve_seconds);
  });

  it('honours demand caps and reads standard input', () => {
    const inst = { links: [{ id: 'L', capacity: 10 }], flows: [{ id: 'capped', path: ['L'], demand: 1 }, { id: 'free', path: ['L'] }] };
    const r = JSON.parse(ok(rackplane(['solve-maxmin', '-'], { cwd: dir, input: JSON.stringify(inst) }))) as RatesJson;
    expect(r.rates).toEqual({ capped: 1, free: 9 });
  });

  it('exits 2 with the reason for a bad instance', () => {
    writeFileSync(join(dir, 'unknown-link.json'), JSON.stringify({ links: [{ id: 'A', capacity: 1 }], flows: [{ id: 'f', path: ['B'] }] }));
    writeFileSync(join(dir, 'negative.json'), JSON.stringify({ links: [{ id: 'A', capacity: -1 }], flows: [] }));
    writeFileSync(join(dir, 'not-json.json'), '{"links": [');
    writeFileSync(join(dir, 'array.json'), '[]');
    expectRefused(run('solve-maxmin', 'unknown-link.json'), /^rackplane: “unknown-link.json”: flow f: unknown link B$/);
    expectRefused(run('solve-maxmin', 'negative.json'), /link A: "capacity" must be a finite number ≥ 0/);
    expectRefused(run('solve-maxmin', 'not-json.json'), /“not-json.json”: not valid JSON/);
    expectRefused(run('solve-maxmin', 'array.json'), /instance must have "links" and "flows" arrays/);
    expectRefused(run('solve-maxmin', 'missing.json'), /cannot read “missing.json”: it does not exist/);
    expectRefused(run('solve-maxmin', join(FIXTURES, 'tiny.json'), '--out', ''), /--out needs a file name/);
  });
});

/** The built CLI's commands on good input: new, info, export, import, round trips, --help and --version. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });

function expectOk(r: CliRun): CliRun {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

interface InfoJson {
  file: string;
  type: string;
  formatVersion: number;
  documentVersion: number;
  name: string;
  elements: { total: number; byKind: Record<string, number> };
  links: { total: number; byKind: Record<string, number> };
  migrations: string[];
  repairs: string[];
}
const infoJson = (file: string): InfoJson => JSON.parse(expectOk(run('info', file, '--format', 'json')).stdout) as InfoJson;

describe('rackplane new → info', () => {
  // [template, extra args, hosts, VMs, switches (leaves + spines), ethernet links]
  const cases: [string, string[], number, number, number, number][] = [
    ['empty', [], 0, 0, 0, 0],
    ['single-host', [], 1, 4, 1, 2],
    ['rack', [], 8, 80, 2, 8 * 2 + 2],
    ['rack', ['--hosts', '3', '--vms-per-host', '2'], 3, 6, 2, 3 * 2 + 2],
    // 90 hosts: racks of 40, 40, 10 → 6 leaves + 4 spines; 2 peer links per rack and 4 spine uplinks per leaf.
    ['fabric', ['--hosts', '90', '--vms-per-host', '2'], 90, 180, 10, 90 * 2 + 3 * 2 + 6 * 4],
  ];
  it.each(cases)('new --template %s %j writes a project whose counts info reports', (template, extra, hosts, vms, switches, ethernet) => {
    const file = `${template}-${extra.join('')}.rackplane`;
    const made = expectOk(run('new', '--template', template, ...extra, '-o', file));
    expect(made.stdout).toMatch(new RegExp(`^wrote “${file}”: ${template} template`));
    const info = infoJson(file);
    expect(info.type).toBe('rackplane-project');
    expect([info.formatVersion, info.documentVersion]).toEqual([2, 3]);
    expect(info.elements.byKind).toMatchObject({ host: hosts, vm: vms, nic: hosts, rootComplex: 2 * hosts, vswitch: hosts, tor: switches });
    expect(info.elements.total).toBe(hosts * 5 + vms + switches);
    expect(info.links.byKind).toEqual({ pcie: hosts, ethernet, vnic: vms, vf: 0, passthrough: 0, uplink: 2 * hosts, sChannel: 0 });
    expect(info.links.total).toBe(hosts * 3 + vms + ethernet);
    expect([info.migrations, info.repairs]).toEqual([[], []]);
  });

  it('keeps the JSON report keys stable and lists every kind', () => {
    const info = infoJson('rack-.rackplane');
    expect(Object.keys(info)).toEqual(['file', 'type', 'formatVersion', 'documentVersion', 'name', 'elements', 'links', 'migrations', 'repairs', 'scenarios']);
    expect(Object.keys(info.elements.byKind)).toEqual(['host', 'rootComplex', 'pcieSwitch', 'nic', 'endpoint', 'vm', 'vswitch', 'tor', 'fex', 'storage']);
    expect(Object.keys(info.links.byKind)).toEqual(['pcie', 'ethernet', 'vnic', 'vf', 'passthrough', 'uplink', 'sChannel']);
    expect(info.name).toBe('Rack: 8 hosts × 10 VMs');
  });

  it('prints a readable text report by default', () => {
    const out = expectOk(run('info', 'single-host-.rackplane')).stdout;
    expect(out).toContain('File:      single-host-.rackplane (Rackplane project, file format 2, document version 3)');
    expect(out).toContain('Design:    Single host');
    expect(out).toMatch(/Elements: +10\n/);
    expect(out).toMatch(/ {2}VM +4\n/);
    expect(out).toMatch(/ {2}Ethernet +2\n/);
  });

  it('writes topology JSON for a .json output and to standard output for -', () => {
    expectOk(run('new', '--template', 'single-host', '--vms-per-host', '2', '-o', 'one.json'));
    const piped = expectOk(run('new', '--template', 'single-host', '--vms-per-host', '2', '-o', '-')).stdout;
    expect(readFileSync(join(dir, 'one.json'), 'utf8')).toBe(piped);
    const info = infoJson('one.json');
    expect([info.type, info.elements.byKind.vm]).toEqual(['rackplane-topology', 2]);
  });
});

describe('rackplane export / import', () => {
  it('new → export json → import json → export json is byte-identical', () => {
    expectOk(run('new', '--template', 'fabric', '--hosts', '45', '--vms-per-host', '3', '-o', 'orig.rackplane'));
    expectOk(run('export', 'orig.rackplane', '--format', 'json', '-o', 'first.json'));
    expectOk(run('import', 'json', 'first.json', '-o', 'copy.rackplane'));
    expectOk(run('export', 'copy.rackplane', '--format', 'json', '-o', 'second.json'));
    const first = readFileSync(join(dir, 'first.json'));
    expect(first.length).toBeGreaterThan(100_000);
    expect(readFileSync(join(dir, 'second.json')).equals(first)).toBe(true);
  });

  it('exports to standard output and imports from standard input', () => {
    const json = expectOk(run('export', 'orig.rackplane', '-o', '-')).stdout;
    expect(json).toBe(readFileSync(join(dir, 'first.json'), 'utf8'));
    const imported = rackplane(['import', 'json', '-', '-o', 'stdin.rackplane'], { cwd: dir, input: json });
    expectOk(imported);
    expect(imported.stdout).toMatch(/^wrote “stdin.rackplane”: \d+ elements, \d+ links\n$/);
    expect(expectOk(run('export', 'stdin.rackplane', '-o', '-')).stdout).toBe(json);
  });

  it('exports topology JSON given as input (a JSON file is recognised by content)', () => {
    expectOk(run('export', 'first.json', '-o', 'again.json'));
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(readFileSync(join(dir, 'first.json'), 'utf8'));
  });

  it('fills defaults in hand-written JSON and says so on stderr', () => {
    const doc = {
      format: 'rackplane-topology',
      version: 1,
      meta: { name: 'hand', description: '', revision: 0 },
      elements: [{ id: 'h1', kind: 'host', name: 'h1' }],
      links: [],
    };
    writeFileSync(join(dir, 'hand.json'), JSON.stringify(doc));
    const r = run('import', 'json', 'hand.json', '-o', 'hand.rackplane');
    expect(r.code).toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^rackplane: warning: “hand.json” needed 1 repair\(s\): h1: filled missing/);
    expect(infoJson('hand.rackplane').elements.byKind.host).toBe(1);
  });
});

describe('--help and --version', () => {
  it('prints the package version', () => {
    expect(expectOk(run('--version')).stdout).toBe(`${packageJson.version}\n`);
  });

  it('lists the commands and exit codes', () => {
    const out = expectOk(run('--help')).stdout;
    for (const cmd of ['new', 'info', 'export', 'import']) expect(out).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    expect(out).toContain('Exit codes:');
  });

  it.each([
    ['new', '--template <name>'],
    ['info', '--format <format>'],
    ['export', '--output <file>'],
    ['import', '<format> <input>'],
  ])('%s --help shows its usage', (cmd, fragment) => {
    const viaFlag = expectOk(run(cmd, '--help')).stdout;
    expect(viaFlag).toMatch(new RegExp(`^Usage: rackplane ${cmd} `));
    expect(viaFlag).toContain(fragment);
    expect(viaFlag).toContain('Examples:');
    expect(expectOk(run('help', cmd)).stdout).toBe(viaFlag);
  });
});

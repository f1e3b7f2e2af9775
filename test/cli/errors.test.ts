/** The built CLI on unusable input and bad arguments: exit 2 and exactly one line on stderr, never a stack trace. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  const made = rackplane(['new', '--template', 'rack', '--hosts', '12', '-o', 'good.rackplane'], { cwd: dir });
  expect(made.code).toBe(0);
  const good = readFileSync(join(dir, 'good.rackplane'));
  // Deterministic "random" bytes: a failure must be reproducible.
  let seed = 0x2545f491;
  const noise = Buffer.from(
    Array.from({ length: 8192 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    }),
  );
  const files: Record<string, Buffer> = {
    'empty.rackplane': Buffer.alloc(0),
    'random.rackplane': noise,
    'header-only.rackplane': good.subarray(0, 16),
    'truncated-page.rackplane': good.subarray(0, 4096),
    'truncated-half.rackplane': good.subarray(0, Math.floor(good.length / 2)),
    'truncated-last-byte.rackplane': good.subarray(0, good.length - 1),
    'empty.json': Buffer.alloc(0),
    'random.json': noise,
    'not-topology.json': Buffer.from('{"hello": "world"}'),
    'newer.json': Buffer.from('{"format":"rackplane-topology","version":999,"elements":[],"links":[]}'),
    'bad-element.json': Buffer.from('{"format":"rackplane-topology","version":1,"elements":[{"id":"x","kind":"host","sockets":"two"}],"links":[]}'),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  mkdirSync(join(dir, 'folder.rackplane'));
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });

/** Exit 2, one `rackplane: …` line on stderr, nothing on stdout, no trace. */
function expectRefused(r: CliRun, reason?: RegExp): void {
  expect(r.errLines, r.stderr).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^rackplane: \S/);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  if (reason) expect(r.errLines[0]).toMatch(reason);
  expect(r.stdout).toBe('');
  expect(r.code).toBe(2);
}

describe('unusable input files', () => {
  const inputs: [string, RegExp][] = [
    ['empty.rackplane', /“empty.rackplane” is empty/],
    ['random.rackplane', /is not a Rackplane project/],
    ['header-only.rackplane', /is not a Rackplane project/],
    ['truncated-page.rackplane', /“truncated-page.rackplane” is damaged|not a Rackplane project/],
    ['truncated-half.rackplane', /is damaged/],
    ['truncated-last-byte.rackplane', /is damaged/],
    ['folder.rackplane', /is a folder/],
    ['missing.rackplane', /cannot open “missing.rackplane”: it does not exist/],
    ['empty.json', /“empty.json” is empty/],
    ['random.json', /“random.json”: not valid JSON/],
    ['not-topology.json', /"format" must be "rackplane-topology"/],
    ['newer.json', /written by a newer Rackplane/],
    ['bad-element.json', /element #1 \(x\)/],
  ];
  it.each(inputs)('info %s exits 2 with one line', (file, reason) => expectRefused(run('info', file), reason));
  it.each(inputs)('export %s exits 2 with one line', (file, reason) => expectRefused(run('export', file, '-o', 'out.json'), reason));

  it.each([
    ['empty.rackplane', /is empty/],
    ['random.rackplane', /not valid JSON/],
    ['truncated-half.rackplane', /looks like a Rackplane project/],
    ['random.json', /not valid JSON/],
    ['missing.json', /cannot read “missing.json”: it does not exist/],
  ])('import json %s exits 2 with one line and writes nothing', (file, reason) => {
    expectRefused(run('import', 'json', file, '-o', 'never.rackplane'), reason);
    expect(() => readFileSync(join(dir, 'never.rackplane'))).toThrow();
  });

  it('refuses empty standard input', () => {
    expectRefused(rackplane(['import', 'json', '-', '-o', 'never.rackplane'], { cwd: dir, input: '' }), /standard input is empty/);
  });
});

describe('bad arguments', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['exprot', 'good.rackplane'], /Did you mean export\?/],
    [['new'], /required option '-o, --output <file>' not specified/],
    [['new', '-o', ''], /-o\/--output needs a file name/],
    [['new', '--template', 'leaf', '-o', 'x.rackplane'], /argument 'leaf' is invalid. Allowed choices are empty, single-host, rack, rack-kvm, fabric/],
    [['new', '--template', 'rack', '--hosts', '0', '-o', 'x.rackplane'], /hosts must be a whole number from 1 to 10000 \(got 0\)/],
    [['new', '--template', 'rack', '--hosts', '-4', '-o', 'x.rackplane'], /\(got -4\)/],
    [['new', '--template', 'fabric', '--hosts', '1e9', '-o', 'x.rackplane'], /--hosts must be a whole number \(got '1e9'\)/],
    [['new', '--template', 'fabric', '--hosts', '99999999999', '-o', 'x.rackplane'], /from 1 to 10000/],
    [['new', '--template', 'fabric', '--hosts', '10000', '--vms-per-host', '500', '-o', 'x.rackplane'], /the limit is 200000/],
    [['new', '--template', 'rack', '--vms-per-host', 'lots', '-o', 'x.rackplane'], /--vms-per-host must be a whole number/],
    [['new', '--template', 'single-host', '--hosts', '2', '-o', 'x.rackplane'], /exactly 1 host/],
    [['new', '--template', 'empty', '--vms-per-host', '2', '-o', 'x.rackplane'], /takes no hosts or VMs/],
    [['new', '-o', 'design.txt'], /use a name ending in \.rackplane or a name ending in \.json/],
    [['new', '-o', 'folder.rackplane'], /cannot write “folder.rackplane”: it is a folder/],
    [['export', 'good.rackplane', '-o', 'folder.rackplane'], /it is a folder/],
    [['info'], /missing required argument 'file'/],
    [['info', 'good.rackplane', 'extra'], /too many arguments/],
    [['info', 'good.rackplane', '--format', 'xml'], /Allowed choices are text, json/],
    [['info', 'good.rackplane', '--bogus'], /unknown option '--bogus'/],
    [['export', 'good.rackplane'], /required option '-o, --output <file>'/],
    [['export', 'good.rackplane', '--format', 'png', '--scale', '0', '-o', 'x.png'], /--scale must be a number from 1 to 4, not '0'/],
    [['import', 'xml', 'good.rackplane', '-o', 'x.rackplane'], /value 'xml' is invalid for argument 'format'. Allowed choices are json/],
    [['import', 'json', '-o', 'x.rackplane'], /missing required argument 'input'/],
    [['import', 'json', 'a.json', '-o', 'x.json'], /use a name ending in \.rackplane/],
    [['help', 'nothing'], /unknown command 'nothing'/],
  ];
  it.each(cases)('rackplane %j exits 2 with one line', (args, reason) => expectRefused(run(...args), reason));

  it('never overwrites a file that is not a project', () => {
    writeFileSync(join(dir, 'notes.rackplane'), 'my notes');
    const r = run('new', '-o', 'notes.rackplane');
    expect(r.errLines).toEqual(['rackplane: “notes.rackplane” already exists and is not a Rackplane project: Rackplane will not overwrite it; choose another name']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'notes.rackplane'), 'utf8')).toBe('my notes');
  });
});

describe('bin/rackplane.cjs', () => {
  it('says to build when out/main/cli.js is missing', () => {
    const bin = join(dir, 'unbuilt', 'bin', 'rackplane.cjs');
    mkdirSync(join(dir, 'unbuilt', 'bin'), { recursive: true });
    copyFileSync(BIN, bin);
    const r = rackplane(['--version'], { cwd: dir, bin });
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^rackplane: the CLI is not built yet: run npm run build in /);
    expect(r.code).toBe(2);
  });
});

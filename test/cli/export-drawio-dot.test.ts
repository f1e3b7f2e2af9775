/**
 * The built CLI's draw.io and Graphviz DOT exports: `export --format drawio|dot` writes the file (exit 0) with every
 * element of the design in it, honours --layers, and refuses flags the formats do not take with one line, exit 2 and
 * no file written. The contents are checked in depth by shared/export/drawio.test.ts, dot.test.ts and
 * test/unit/export/drawio-codec.test.ts; here a user's command line is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rackplane, requireBuiltCli, tempDir, type CliRun } from './run-cli';

let dir: string;
let cleanup: () => void;
let elements: { id: string; kind: string; name: string; parent: string | null }[] = [];
beforeAll(() => {
  requireBuiltCli();
  ({ dir, cleanup } = tempDir());
  expectOk(run('new', '--template', 'rack', '--hosts', '2', '--vms-per-host', '2', '-o', 'rack.rackplane'));
  expectOk(run('export', 'rack.rackplane', '-o', 'rack.json'));
  elements = (JSON.parse(read('rack.json')) as { elements: typeof elements }).elements;
});
afterAll(() => cleanup());

const run = (...args: string[]) => rackplane(args, { cwd: dir });
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

function expectOk(r: CliRun): CliRun {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** The <object> cells of a .drawio file: id, parent cell and shape data. */
function drawioObjects(xml: string): { id: string; parent: string; kind: string; rackplaneId: string }[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'object' }).parse(xml) as {
    mxfile: { diagram: { mxGraphModel: { root: { object: ({ id: string; kind: string; rackplaneId: string; mxCell: { parent: string } })[] } } } };
  };
  return doc.mxfile.diagram.mxGraphModel.root.object.map((o) => ({ id: o.id, parent: o.mxCell.parent, kind: o.kind, rackplaneId: o.rackplaneId }));
}

describe('export --format drawio', () => {
  it('writes an uncompressed mxfile holding every element, contents inside their server', () => {
    const r = expectOk(run('export', 'rack.rackplane', '--format', 'drawio', '-o', 'rack.drawio'));
    expect(r.stdout).toMatch(/^wrote .rack\.drawio.: drawio\n$/);
    const xml = read('rack.drawio');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<mxfile host="Rackplane" compressed="false">/);
    const cells = new Map(drawioObjects(xml).map((o) => [o.rackplaneId, o]));
    for (const el of elements) {
      const c = cells.get(el.id);
      expect(c, el.id).toBeDefined();
      if (el.parent !== null) expect(c!.parent).toBe(`e:${el.parent}`);
    }
  });

  it('draws only the chosen layers and writes to standard output with -o -', () => {
    const r = expectOk(run('export', 'rack.rackplane', '--format', 'DrawIO', '--layers', 'pcie', '-o', '-'));
    const kinds = new Set(drawioObjects(r.stdout).map((o) => o.kind));
    expect(kinds.has('rootComplex')).toBe(true);
    for (const k of ['vm', 'vswitch', 'tor', 'ethernet', 'vnic']) expect(kinds.has(k), k).toBe(false);
  });
});

describe('export --format dot', () => {
  it('writes a DOT graph with a cluster per server and a node per element', () => {
    const r = expectOk(run('export', 'rack.rackplane', '--format', 'dot', '-o', 'rack.dot'));
    expect(r.stdout).toMatch(/^wrote .rack\.dot.: dot\n$/);
    const dot = read('rack.dot');
    expect(dot.startsWith('graph "')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    for (const el of elements) {
      if (el.kind === 'host') expect(dot).toContain(`subgraph "cluster_${el.id}" {`);
      else expect(dot).toContain(`"${el.id}" [label=`);
    }
    expect(dot).toMatch(/ -- .*label="Ethernet 25G"/);
  });
});

describe('refusals leave nothing behind', () => {
  const cases: [string[], RegExp][] = [
    [['export', 'rack.rackplane', '--format', 'drawio', '--no-problems', '-o', 'bad.drawio'], /^rackplane: --no-problems applies to svg, png, pdf and html export only$/],
    [['export', 'rack.rackplane', '--format', 'dot', '--scale', '2', '-o', 'bad.dot'], /^rackplane: --scale applies to png output only, not dot$/],
    [['export', 'rack.rackplane', '--format', 'dot', '--layers', 'storage', '-o', 'bad.dot'], /^rackplane: unknown layer 'storage' in --layers: use pcie, ethernet, virtual$/],
    [['export', 'rack.rackplane', '--format', 'csv', '--layers', 'pcie', '-o', 'bad.csv'], /^rackplane: --layers applies to svg, png, pdf, html, drawio and dot export only$/],
    [['export', 'rack.rackplane', '--format', 'draw.io', '-o', 'bad.drawio'], /^rackplane: unknown --format 'draw\.io': use json, svg, png, pdf, drawio, dot, csv, html$/],
  ];
  it.each(cases)('rackplane %j exits 2 with one line', (args, reason) => {
    const r = run(...args);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(reason);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, args[args.length - 1]!))).toBe(false);
  });

  it('does not write a DOT file for a design it cannot read', () => {
    const r = run('export', 'missing.rackplane', '--format', 'dot', '-o', 'missing.dot');
    expect(r.code).not.toBe(0);
    expect(r.errLines).toHaveLength(1);
    expect(existsSync(join(dir, 'missing.dot'))).toBe(false);
  });

  it('lists both formats in --help', () => {
    const help = expectOk(run('export', '--help')).stdout;
    expect(help).toMatch(/^ {2}drawio .*draw\.io/m);
    expect(help).toMatch(/^ {2}dot +.*Graphviz/m);
  });
});

/**
 * Import benchmark (issue #17 item 5): the inputs that used to block the UI thread for seconds to minutes, each timed
 * through the importer the app and the CLI call. Peer: the figure issue #17 measured before the imports were made
 * linear. Targets (verdicts on the median): the duplicate-id cases and the SVG well under a second, the hwloc cases
 * under two seconds, the million-VM file (run first, so the peak RSS is its own) under 15 s and 1.5 GiB of heap.
 * Run: node --import tsx test/bench/import.bench.ts (or npm run bench -- import). Asserts nothing on time;
 * exits 1 only when an importer gives an unexpected result (a correctness failure, not a slow one).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { svgToDesign } from '../../shared/export/svg';
import { importHwloc } from '../../shared/formats/hwloc';
import { importTopologyJson, type LoadResult } from '../../shared/formats/topology';
import { makeElement } from '../../shared/model/defaults';
import { asElementId, sequentialIds } from '../../shared/model/ids';
import { mib, ms, table, time } from './timing';

const HEAD = '{"format":"rackplane-topology","version":3,"meta":{"name":"bench","description":"","revision":0}';
const vm = (id: string) => JSON.stringify(makeElement('vm', { id: asElementId(id), name: id }));
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const pciDev = (bus: number, dev: number, fn: number, device: string) =>
  `<object type="PCIDev" pci_busid="0000:${hex(bus, 2)}:${hex(dev, 2)}.${fn}" pci_type="0200 [8086:${device}] [0000:0000] 01" pci_link_speed="0"/>`;
const topology = (body: string) => `<?xml version="1.0"?><topology version="2.0"><object type="Machine" os_index="0"><object type="NUMANode" local_memory="1073741824"/>${body}</object></topology>`;

function duplicateElements(n: number): string {
  return `${HEAD},"elements":[${Array(n).fill(vm('vm-1')).join(',')}],"links":[]}`;
}

function duplicateLinks(n: number): string {
  const host = JSON.stringify(makeElement('host', { id: asElementId('h'), name: 'h' }));
  const link = JSON.stringify({ id: 'l-1', kind: 'vnic', a: { element: 'h', port: 'none' }, b: { element: 'h', port: 'none' } });
  return `${HEAD},"elements":[${host}],"links":[${Array(n).fill(link).join(',')}]}`;
}

/** Host bridges straight under the Machine, with no CPU package anywhere: each used to walk the whole machine. */
function hostBridgesWithoutPackage(n: number): string {
  const bridges: string[] = [];
  for (let i = 0; i < n; i++) {
    const bus = (i % 250) + 1;
    bridges.push(`<object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[${hex(bus, 2)}-${hex(bus, 2)}]">${pciDev(bus, 0, 0, '1521')}</object>`);
  }
  return topology(bridges.join(''));
}

/** One 82599 card per bus, each followed by its VFs (82599 VF id 10ed), `vfs` in all. */
function manyVfs(cards: number, vfs: number): string {
  const perCard = Math.ceil(vfs / cards);
  const fns: string[] = [];
  for (let c = 0; c < cards; c++) {
    const bus = 2 + 2 * c;
    fns.push(pciDev(bus, 0, 0, '10fb'), pciDev(bus, 0, 1, '10fb'));
    for (let v = 0; v < perCard && c * perCard + v < vfs; v++) fns.push(pciDev(bus + 1 + (v >> 8), (v >> 3) & 31, v & 7, '10ed'));
  }
  const pkg = '<object type="Package" os_index="0"><object type="Core"><object type="PU"/></object></object>';
  const port = `<object type="Bridge" bridge_type="1-1" depth="1" bridge_pci="0000:[01-ff]" pci_busid="0000:00:01.0" pci_type="0604 [8086:3c02] [0000:0000] 07" pci_link_speed="0">${fns.join('')}</object>`;
  return topology(`${pkg}<object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[00-ff]">${port}</object>`);
}

function millionVms(n: number): string {
  const parts: string[] = [];
  const template = makeElement('vm', { id: asElementId('vm-0'), name: 'vm-0' });
  for (let i = 0; i < n; i++) parts.push(JSON.stringify({ ...template, id: `vm-${i}`, name: `vm-${i}` }));
  return `${HEAD},"elements":[${parts.join(',')}],"links":[]}`;
}

interface Case {
  name: string;
  make: () => string;
  load: (text: string) => LoadResult | ReturnType<typeof importHwloc>;
  /** What the result must be: a correctness check, so a fast wrong answer is not reported as a win. */
  expect: (r: LoadResult | ReturnType<typeof importHwloc>) => string | null;
  peer: string;
  targetMs: number;
  runs: number;
}

const firstLine = (r: { ok: boolean }) => ('repairs' in r && r.ok ? (r.repairs as string[])[0] : 'reason' in r ? (r as { reason: string }).reason : '');
const loaded = (count: number) => (r: LoadResult | ReturnType<typeof importHwloc>) =>
  r.ok ? (Object.keys(r.design.elements).length === count ? null : `loaded ${Object.keys(r.design.elements).length} elements, expected ${count}`) : r.reason;

const CASES: Case[] = [
  {
    name: 'topology JSON, 50,000 copies of one element id',
    make: () => duplicateElements(50_000),
    load: importTopologyJson,
    expect: (r) => loaded(50_000)(r) ?? (firstLine(r) === 'duplicate element id vm-1 renamed to vm-1-2' ? null : `first repair: ${firstLine(r)}`),
    peer: '> 90 s',
    targetMs: 1000,
    runs: 3,
  },
  {
    name: 'topology JSON, 20,000 copies of one link id',
    make: () => duplicateLinks(20_000),
    load: importTopologyJson,
    expect: (r) => loaded(1)(r) ?? (firstLine(r) === 'duplicate link id l-1 renamed to l-1-2' ? null : `first repair: ${firstLine(r)}`),
    peer: '57 s',
    targetMs: 1000,
    runs: 3,
  },
  {
    name: 'SVG, 200,000 unclosed <rackplane-design>',
    make: () => `<svg xmlns="http://www.w3.org/2000/svg"><metadata>${'<rackplane-design>'.repeat(200_000)}`,
    load: svgToDesign,
    expect: (r) => (r.ok ? 'loaded' : null),
    peer: '> 90 s',
    targetMs: 100,
    runs: 5,
  },
  {
    name: 'hwloc, 10,000 host bridges, no package',
    make: () => hostBridgesWithoutPackage(10_000),
    load: (t) => importHwloc(t, { ids: sequentialIds() }),
    expect: loaded(20_001),
    peer: '29 s',
    targetMs: 2000,
    runs: 3,
  },
  {
    name: 'hwloc, 100,000 VFs on 100 cards',
    make: () => manyVfs(100, 100_000),
    load: (t) => importHwloc(t, { ids: sequentialIds() }),
    // The host, its root complex, a switch for the shared bus of 100 cards, and the 100 NICs (VFs are counted, not drawn).
    expect: loaded(103),
    peer: '47 s',
    targetMs: 2000,
    runs: 3,
  },
];

const MILLION = 1_000_000;
const MILLION_TARGET = { ms: 15_000, heapBytes: 1.5 * 2 ** 30 };
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
// A full collection before each heap reading, without asking run.mjs for --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The million-VM row. Its own function, so the design and the text are released before the other cases run. */
function millionRow(failures: string[]): string[] {
  // One run: the file is 260 MiB of text, and a second copy of the design would measure the collector, not the load.
  const text = millionVms(MILLION);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const r = importTopologyJson(text);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  gc();
  // The design the load returned (the text was alive before and after, so it cancels out).
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const wrong = loaded(MILLION)(r);
  if (wrong) failures.push(`1M VMs: ${wrong}`);
  return [
    'topology JSON, 1,000,000 VMs',
    mib(text.length),
    `${ms(elapsed)}, heap +${mib(heapGrowth)}, peak RSS ${mib(peakRss)}`,
    '53 s, 2.4 GB',
    `< ${MILLION_TARGET.ms} ms, heap < ${mib(MILLION_TARGET.heapBytes)}`,
    wrong ? 'WRONG' : pass(elapsed < MILLION_TARGET.ms && heapGrowth < MILLION_TARGET.heapBytes),
  ];
}

function main(): number {
  const failures: string[] = [];
  const rows: string[][] = [millionRow(failures)];
  for (const c of CASES) {
    const text = c.make();
    let result: ReturnType<Case['load']> | null = null;
    const t = time(() => void (result = c.load(text)), c.runs);
    const wrongCase = c.expect(result!);
    if (wrongCase) failures.push(`${c.name}: ${wrongCase}`);
    rows.push([c.name, mib(text.length), ms(t.medianMs), c.peer, `< ${c.targetMs} ms`, wrongCase ? 'WRONG' : pass(t.medianMs < c.targetMs)]);
  }

  console.log(table(['input', 'size', 'time (median)', 'peer (issue #17, before)', 'target', 'verdict'], rows));
  if (failures.length) {
    console.error(`import bench: unexpected results: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

process.exit(main());

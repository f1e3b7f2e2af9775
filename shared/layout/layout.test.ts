import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { applyCommand, type Command } from '../history/commands';
import { History } from '../history/history';
import type { Design } from '../model/design';
import type { ElementId } from '../model/ids';
import { importHwloc } from '../formats/hwloc';
import { sequentialIds } from '../model/ids';
import { makeTemplate } from '../templates';
import { arrange, arrangeCommand, ArrangeCancelled, needsLayout, topBoxes, type LayoutEngine } from '.';
import { childrenByHost, interiorGraph, topGraph } from './graph';
import { rackGroups } from './groups';

const elk = new ELK();
const engine: LayoutEngine = (g) => elk.layout(g);

/** Every element at 0,0: what a scripted topology JSON often looks like. */
function scrambled(d: Design): Design {
  const moves = Object.values(d.elements).map((el) => ({ id: el.id, x: 0, y: 0 }));
  return applyCommand(d, { type: 'move', moves }).design;
}

async function arranged(d: Design, selection?: string[]): Promise<{ design: Design; cmd: Command }> {
  const cmd = arrangeCommand(d, await arrange(d, engine, { selection }))!;
  expect(cmd).not.toBeNull();
  return { design: applyCommand(d, cmd).design, cmd };
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function expectNoTopOverlap(d: Design): void {
  const boxes = topBoxes(d);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
  }
}

function expectContained(d: Design, hosts?: ReadonlySet<string>): void {
  for (const el of Object.values(d.elements)) {
    if (el.parent === null || (hosts && !hosts.has(el.parent))) continue;
    const host = d.elements[el.parent]!;
    if (host.kind !== 'host') throw new Error('parent is not a host');
    const size = el.kind === 'vm' ? { w: 100, h: 50 } : { w: 148, h: 56 };
    expect(el.x, `${el.id} left`).toBeGreaterThanOrEqual(0);
    expect(el.y, `${el.id} below the title bar`).toBeGreaterThanOrEqual(30);
    expect(el.x + size.w, `${el.id} right`).toBeLessThanOrEqual(host.width);
    expect(el.y + size.h, `${el.id} bottom`).toBeLessThanOrEqual(host.height);
  }
}

function expectNoSiblingOverlap(d: Design): void {
  for (const [host, kids] of childrenByHost(d)) {
    const boxes = kids.map((k) => ({ id: k.id, x: k.x, y: k.y, w: k.kind === 'vm' ? 100 : 148, h: k.kind === 'vm' ? 50 : 56 }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} overlaps ${boxes[j]!.id} in ${host}`).toBe(false);
    }
  }
}

describe('graph building', () => {
  const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 4 });
  const kids = childrenByHost(d);

  test("a server's graph has one node per child, fixed ports at the drawn anchors, and edges for its internal links", () => {
    const host = 'r01.h001';
    const built = interiorGraph(d, kids.get(host)!, Object.values(d.links));
    expect([...built.nodeIds].sort()).toEqual(kids.get(host)!.map((k) => k.id).sort());
    const nodes = built.graph.children!;
    expect(nodes.every((n) => n.layoutOptions?.['elk.portConstraints'] === 'FIXED_POS')).toBe(true);
    // NIC→vSwitch uplinks, vSwitch→VM vNICs and the NIC's PCIe link all stay inside the server.
    expect(built.graph.edges!.length).toBeGreaterThanOrEqual(4 + 2 + 1);
    const vm = nodes[built.nodeIds.indexOf(`${host}.vm01`)]!;
    expect(vm.width).toBe(100);
    expect(vm.ports!.every((p) => p.y === 0 && p.layoutOptions?.['elk.port.side'] === 'NORTH')).toBe(true);
  });

  test('servers with the same structure give the same graph text (laid out once)', () => {
    const a = interiorGraph(d, kids.get('r01.h001')!, Object.values(d.links));
    const b = interiorGraph(d, kids.get('r01.h002')!, Object.values(d.links));
    expect(JSON.stringify(a.graph)).toBe(JSON.stringify(b.graph));
  });

  test('top level: cables run from a switch down into the server face above the NIC; the ToR peer link is left out', () => {
    const tops = Object.values(d.elements).filter((e) => e.parent === null);
    const built = topGraph(d, tops, new Map());
    const node = (id: string) => built.graph.children![built.nodeIds.indexOf(id)]!;
    const tor = node('r01.tor-a');
    const host = node('r01.h001');
    const edges = built.graph.edges!;
    const hostPorts = new Set(host.ports!.map((p) => p.id));
    const torPorts = new Set(tor.ports!.map((p) => p.id));
    expect(edges.some((e) => torPorts.has(e.sources[0]!) && hostPorts.has(e.targets[0]!))).toBe(true);
    expect(host.ports!.every((p) => p.y === 0)).toBe(true);
    const torB = new Set(node('r01.tor-b').ports!.map((p) => p.id));
    expect(edges.some((e) => (torPorts.has(e.sources[0]!) && torB.has(e.targets[0]!)) || (torB.has(e.sources[0]!) && torPorts.has(e.targets[0]!)))).toBe(false);
  });
});

describe('arrange', () => {
  test('a scrambled rack comes out with every child inside its server and no overlapping boxes', async () => {
    const d = scrambled(makeTemplate('rack', { hosts: 4, vmsPerHost: 6 }));
    expect(needsLayout(d)).toBe(true);
    const { design } = await arranged(d);
    expectContained(design);
    expectNoSiblingOverlap(design);
    expectNoTopOverlap(design);
    expect(needsLayout(design)).toBe(false);
    // Switches above the servers they serve: the diagram reads top-down.
    const torY = design.elements['r01.tor-a']!.y;
    for (const el of Object.values(design.elements)) if (el.kind === 'host') expect(el.y).toBeGreaterThan(torY);
  });

  test('the arrangement keeps the origin of what it arranged', async () => {
    const d = scrambled(makeTemplate('rack', { hosts: 2, vmsPerHost: 2 }));
    const moved = applyCommand(d, { type: 'move', moves: Object.values(d.elements).filter((e) => e.parent === null).map((e) => ({ id: e.id, x: 400, y: -200 })) }).design;
    const { design } = await arranged(moved);
    const tops = topBoxes(design);
    expect(Math.min(...tops.map((b) => b.x))).toBe(400);
    expect(Math.min(...tops.map((b) => b.y))).toBe(-200);
  });

  test('is one undo step, and undo restores every position and size', async () => {
    const d = scrambled(makeTemplate('rack', { hosts: 3, vmsPerHost: 3 }));
    const h = new History(d);
    const { cmd } = await arranged(d);
    h.execute(cmd, 'Arrange design');
    expect(h.undoLabel()).toBe('Arrange design');
    expect(h.design).not.toBe(d);
    h.undo();
    expect(h.design).toEqual(d);
    expect(h.canUndo()).toBe(false);
  });

  test('selection layout moves only the selected top-level elements and their contents', async () => {
    const d = scrambled(makeTemplate('rack', { hosts: 4, vmsPerHost: 2 }));
    // A VM selects its server; the ToR is selected itself.
    const { design } = await arranged(d, ['r01.h002.vm01', 'r01.h003', 'r01.tor-a']);
    const moving = new Set(['r01.h002', 'r01.h003', 'r01.tor-a']);
    for (const el of Object.values(d.elements)) {
      const top = el.parent ?? el.id;
      if (moving.has(top)) continue;
      expect(design.elements[el.id], el.id).toBe(el);
    }
    const boxes = topBoxes(design).filter((b) => moving.has(b.id));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    expect(Math.min(...boxes.map((b) => b.x))).toBe(0);
    expectContained(design, moving);
  });

  test('a collapsed server is placed as its small box but its contents are still arranged to fit', async () => {
    let d = scrambled(makeTemplate('rack', { hosts: 2, vmsPerHost: 3 }));
    d = applyCommand(d, { type: 'updateElement', id: 'r01.h001' as ElementId, changes: { collapsed: true } }).design;
    const r = await arrange(d, engine);
    expect(r.interiors.get('r01.h001')).toBeDefined();
    const design = applyCommand(d, arrangeCommand(d, r)!).design;
    expectNoTopOverlap(design);
    expectContained(design);
  });

  test('identical servers cost one ELK run, racks none; progress counts servers, racks and the top level', async () => {
    const d = makeTemplate('fabric', { hosts: 120, vmsPerHost: 2 });
    const seen: [number, number][] = [];
    const r = await arrange(d, engine, { onProgress: (done, total) => seen.push([done, total]) });
    // 120 servers in 3 racks of 40: one run for a server; the racks and the spines over them are placed as racks
    // (rack-blocks.ts), without ELK.
    expect(r.elkRuns).toBe(1);
    expect(seen[0]).toEqual([0, 124]);
    expect(seen.at(-1)).toEqual([124, 124]);
    const design = applyCommand(d, arrangeCommand(d, r)!).design;
    expectNoTopOverlap(design);
    // Spines above the leaves, leaves above their servers.
    const y = (id: string) => design.elements[id]!.y;
    const spine = Object.values(design.elements).find((e) => e.kind === 'tor' && e.tier === 'spine')!;
    expect(y(spine.id)).toBeLessThan(y('r01.tor-a'));
    expect(y('r03.tor-b')).toBeLessThan(y('r03.h040'));
  });

  test('racks are the groups cabled together below the spines', () => {
    const d = makeTemplate('fabric', { hosts: 80, vmsPerHost: 1 });
    const groups = rackGroups(d, Object.values(d.elements).filter((e) => e.parent === null));
    const racks = groups.filter((g) => g.length > 1);
    expect(racks).toHaveLength(2);
    expect(racks[0]!.map((e) => e.id)).toContain('r01.tor-a');
    expect(racks[0]!.map((e) => e.id)).toContain('r01.h040');
    expect(groups.filter((g) => g.length === 1).every((g) => g[0]!.kind === 'tor' && g[0]!.tier === 'spine')).toBe(true);
  });

  test('cancel stops between servers with ArrangeCancelled', async () => {
    const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 2 });
    let calls = 0;
    const counting: LayoutEngine = (g) => {
      calls++;
      return engine(g);
    };
    await expect(arrange(d, counting, { shouldCancel: () => calls >= 1 })).rejects.toBeInstanceOf(ArrangeCancelled);
    expect(calls).toBe(1);
  });

  test('an empty design arranges to nothing', async () => {
    const d = makeTemplate('empty', {});
    expect(arrangeCommand(d, await arrange(d, engine))).toBeNull();
  });
});

const HWLOC = import.meta.glob<string>('../../test/fixtures/hwloc/*.xml', { query: '?raw', import: 'default', eager: true });

describe('needsLayout', () => {
  test('hwloc imports come placed (their PCIe forest is laid out on import), so they open as they are', () => {
    const files = Object.entries(HWLOC).filter(([f]) => f.endsWith('-pci.xml') || f.endsWith('wholeio.xml'));
    expect(files.length).toBeGreaterThan(0);
    for (const [file, text] of files) {
      const r = importHwloc(text, { ids: sequentialIds() });
      if (!r.ok) throw new Error(`${file}: ${r.reason}`);
      expect(needsLayout(r.design), file).toBe(false);
    }
  });

  test('templates are placed; a pile at one spot is not', () => {
    expect(needsLayout(makeTemplate('fabric', { hosts: 40, vmsPerHost: 2 }))).toBe(false);
    expect(needsLayout(makeTemplate('single-host', {}))).toBe(false);
    expect(needsLayout(scrambled(makeTemplate('single-host', {})))).toBe(true);
  });
});

describe('move with a size', () => {
  const d = makeTemplate('rack', { hosts: 1, vmsPerHost: 1 });
  test('resizes a server in the same command', () => {
    const next = applyCommand(d, { type: 'move', moves: [{ id: 'r01.h001' as ElementId, x: 5, y: 6, width: 700, height: 300 }] }).design;
    expect(next.elements['r01.h001']).toMatchObject({ x: 5, y: 6, width: 700, height: 300 });
  });
  test('refuses a size for anything but a server, and a size that is not positive', () => {
    expect(() => applyCommand(d, { type: 'move', moves: [{ id: 'r01.tor-a' as ElementId, x: 0, y: 0, width: 10, height: 10 }] })).toThrow(/not a server/);
    expect(() => applyCommand(d, { type: 'move', moves: [{ id: 'r01.h001' as ElementId, x: 0, y: 0, width: 0, height: 10 }] })).toThrow(/positive/);
  });
});

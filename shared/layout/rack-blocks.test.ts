// Arrange Design on designs it recognises as racks (servers cabled to ToRs): the rack structure the templates draw,
// not ELK's one row of servers under the ToRs.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { applyCommand } from '../history/commands';
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { KIND_SIZES } from '../scene/describe';
import { makeTemplate } from '../templates';
import { arrange, arrangeCommand, topBoxes, type LayoutEngine } from '.';
import { rackGroups } from './groups';
import { rackBlock } from './rack-blocks';

const elk = new ELK();
const engine: LayoutEngine = (g) => elk.layout(g);

/** Every element at 0,0, as a scripted topology JSON often has it. */
function scrambled(d: Design): Design {
  return applyCommand(d, { type: 'move', moves: Object.values(d.elements).map((el) => ({ id: el.id, x: 0, y: 0 })) }).design;
}

async function arranged(d: Design): Promise<Design> {
  return applyCommand(d, arrangeCommand(d, await arrange(d, engine))!).design;
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const hosts = (d: Design, rack: string) => Object.values(d.elements).filter((e) => e.kind === 'host' && e.id.startsWith(`${rack}.`));

describe('Arrange Design on racks', () => {
  test('a rack of 8 comes out as a rack: ToRs on top, servers 2-4 per row beneath, nothing overlapping', async () => {
    const d = await arranged(scrambled(makeTemplate('rack', { hosts: 8, vmsPerHost: 10 })));
    const boxes = topBoxes(d);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`).toBe(false);
    const torBottom = Math.max(d.elements['r01.tor-a']!.y, d.elements['r01.tor-b']!.y) + KIND_SIZES.switch.h;
    const servers = hosts(d, 'r01');
    for (const h of servers) expect(h.y).toBeGreaterThan(torBottom);
    const perRow = new Map<number, number>();
    for (const h of servers) perRow.set(h.y, (perRow.get(h.y) ?? 0) + 1);
    // Not one row of 8 (ELK's layered layout put every server of a ToR pair in one layer).
    expect(perRow.size).toBeGreaterThan(1);
    for (const n of perRow.values()) expect(n).toBeLessThanOrEqual(4);
    expect(Math.max(...perRow.values())).toBeGreaterThanOrEqual(2);
  });

  test('a fabric: racks side by side under the spines', async () => {
    const d = await arranged(scrambled(makeTemplate('fabric', { hosts: 120, vmsPerHost: 2 })));
    const spines = Object.values(d.elements).filter((e) => e.kind === 'tor' && e.tier === 'spine');
    const spineBottom = Math.max(...spines.map((s) => s.y)) + KIND_SIZES.switch.h;
    for (const r of ['r01', 'r02', 'r03']) {
      const tor = d.elements[`${r}.tor-a`]!;
      expect(tor.y).toBeGreaterThan(spineBottom);
      for (const h of hosts(d, r)) expect(h.y).toBeGreaterThan(tor.y);
    }
    const right = (r: string) => Math.max(...hosts(d, r).map((h) => h.x + (h.kind === 'host' ? h.width : 0)));
    const left = (r: string) => Math.min(...hosts(d, r).map((h) => h.x));
    expect(left('r02')).toBeGreaterThan(right('r01'));
    expect(left('r03')).toBeGreaterThan(right('r02'));
  });

  test('only groups with a server and a ToR or extender are racks', () => {
    const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 1 });
    const tops = Object.values(d.elements).filter((e) => e.parent === null);
    const [rack] = rackGroups(d, tops);
    expect(rackBlock(rack!, new Map())).not.toBeNull();
    const only = (kind: Element['kind']) => rack!.filter((e) => e.kind === kind);
    expect(rackBlock(only('host'), new Map())).toBeNull();
    expect(rackBlock(only('tor'), new Map())).toBeNull();
  });
});

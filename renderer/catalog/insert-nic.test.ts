import { describe, expect, test } from 'vitest';
import { findCatalogEntry, type NicCatalogEntry } from '../../shared/catalog';
import { History } from '../../shared/history/history';
import { makeElement } from '../../shared/model/defaults';
import type { Design } from '../../shared/model/design';
import type { Host } from '../../shared/model/elements';
import { asElementId } from '../../shared/model/ids';
import { makeTemplate } from '../../shared/templates';
import { EMPTY_SELECTION, type Selection } from '../state/store';
import { freeSpot, insertTarget, planNicInsert } from './insert-nic';

const e810 = findCatalogEntry('intel-e810-xxv-2x25g') as NicCatalogEntry;
const HOST = 'r01.h001';
const sel = (...ids: string[]): Selection => ({ elements: new Set(ids), links: new Set() });
const host = (d: Design) => d.elements[HOST] as Host;

describe('insertTarget', () => {
  const d = makeTemplate('single-host', {});
  test('the selected server, or the server of a selected device', () => {
    expect(insertTarget(d, sel(HOST))).toMatchObject({ ok: true, host: { id: HOST } });
    expect(insertTarget(d, sel(`${HOST}.vs0`))).toMatchObject({ ok: true, host: { id: HOST } });
  });
  test('says why when nothing suitable is selected', () => {
    expect(insertTarget(d, EMPTY_SELECTION)).toEqual({ ok: false, reason: 'Select a server (in the outline or on the canvas) to insert a NIC into it' });
    expect(insertTarget(d, sel(HOST, 'r01.tor'))).toEqual({ ok: false, reason: 'Select exactly one server to insert a NIC into' });
    expect(insertTarget(d, sel('r01.tor'))).toEqual({ ok: false, reason: 'A NIC goes inside a server; the selection (r01-tor) is not in one' });
  });
});

describe('planNicInsert', () => {
  test('one add command: the NIC in a free cell of the server, linked to the narrowest free root port it fits', () => {
    const d = makeTemplate('single-host', {});
    const plan = planNicInsert(d, host(d), e810);
    expect(plan.commands).toHaveLength(1);
    expect(plan.nicId).toBe(`${HOST}.nic1`);
    expect(plan.linkedTo).toBe('CPU0 root complex rp4');
    const h = new History(d);
    h.execute(plan.commands, plan.label);
    const nic = h.design.elements[plan.nicId]!;
    expect(nic).toMatchObject({ kind: 'nic', parent: HOST, catalogId: e810.id, name: 'nic1', x: 176, y: 104, pcieGen: 4, pcieWidth: 8 });
    expect(h.design.links[`${plan.nicId}.pcie`]).toMatchObject({ kind: 'pcie', a: { element: `${HOST}.rc0`, port: 'rp4' }, b: { element: plan.nicId, port: 'pcie' } });
    // One undo step removes both.
    expect(h.undoLabel()).toBe('Insert Intel E810-XXV (2 × 25GbE)');
    h.undo();
    expect(h.design).toEqual(d);
    expect(h.canUndo()).toBe(false);
  });

  test('repeated inserts take the next cell, name and root port until the root complex is full', () => {
    const h = new History(makeTemplate('single-host', {}));
    const linked: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const plan = planNicInsert(h.design, host(h.design), e810);
      linked.push(plan.linkedTo);
      h.execute(plan.commands, plan.label);
    }
    // rp3 holds the template's NIC; then x8 rp4, then the x16 ports, then none is left.
    expect(linked).toEqual(['CPU0 root complex rp4', 'CPU0 root complex rp0', 'CPU0 root complex rp1', 'CPU0 root complex rp2', null]);
    const nics = Object.values(h.design.elements).filter((e) => e.kind === 'nic' && e.parent === HOST);
    expect(new Set(nics.map((n) => n.name)).size).toBe(6);
    // No two devices overlap.
    const boxes = nics.map((n) => `${n.x},${n.y}`);
    expect(new Set(boxes).size).toBe(boxes.length);
  });

  test('a full server grows to hold the NIC, in the same undo step', () => {
    const tiny = makeElement('host', { id: asElementId('h'), name: 'h' }, { width: 200, height: 120 });
    const rc = makeElement('rootComplex', { id: asElementId('h.rc0'), name: 'rc', parent: tiny.id, x: 16, y: 32 }, { rootPortWidths: [16] });
    const d: Design = { meta: makeTemplate('empty', {}).meta, elements: { h: tiny, 'h.rc0': rc }, links: {} };
    expect(freeSpot(tiny, [rc])).toEqual({ x: 16, y: 104, grow: 176 });
    const plan = planNicInsert(d, tiny, e810);
    expect(plan.commands.map((c) => c.type)).toEqual(['add', 'updateElement']);
    const h = new History(d);
    h.execute(plan.commands, plan.label);
    expect((h.design.elements.h as Host).height).toBe(176);
    h.undo();
    expect(h.design).toEqual(d);
    expect(h.canUndo()).toBe(false);
  });

  test('a server without a root complex gets the NIC unlinked', () => {
    const lone = makeElement('host', { id: asElementId('h'), name: 'h' }, { width: 600, height: 300 });
    const d: Design = { meta: makeTemplate('empty', {}).meta, elements: { h: lone }, links: {} };
    const plan = planNicInsert(d, lone, e810);
    expect(plan.linkedTo).toBeNull();
    expect(plan.commands).toEqual([expect.objectContaining({ type: 'add', links: [] })]);
  });
});

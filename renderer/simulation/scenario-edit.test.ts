// Hand-entered flows and migrations: added, edited in place, refused with one line; their demand is their
// own (the panel's cap applies to preset flows only), and a saved scenario reopens with the same demands.
import { describe, expect, test } from 'vitest';
import { makeTemplate } from '../../shared/templates';
import { makeElement } from '../../shared/model/defaults';
import { asElementId } from '../../shared/model/ids';
import type { Design } from '../../shared/model/design';
import type { MigrationResult } from '../../shared/sim/migration';
import { timelineSegments } from '../../shared/sim/charts';
import { draftFromScenario, scenarioForSaving } from './persistence';
import { applyPreset, EMPTY_DRAFT, toScenario } from './scenario-draft';
import { groupOf, pickerGroups, putFlow, putMigration, type FlowForm } from './scenario-edit';

const base = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
const st = makeElement('storage', { id: asElementId('san-1'), name: 'san', parent: null, x: 0, y: 0 });
const rack: Design = { ...base, elements: { ...base.elements, [st.id]: st } };
const A1 = 'r01.h001.vm01';
const B1 = 'r01.h002.vm01';
const form = (src: string, dst: string, demandText = ''): FlowForm => ({ src, dst, demandText });

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error((r as unknown as { reason: string }).reason);
  return r as Extract<T, { ok: true }>;
}

describe('a hand-entered flow', () => {
  test('is added with its own demand; the panel cap leaves it alone', () => {
    const preset = ok(applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' })).draft;
    const a = ok(putFlow(rack, preset, form(`vm:${A1}`, 'storage:san-1', ' 2.5 ')));
    expect(a.message).toBe(`Added flow ${A1}->san-1 (2.5 Gb/s)`);
    const b = ok(putFlow(rack, a.draft, form('external', `vm:${B1}`, 'unlimited')));
    const s = ok(toScenario({ ...b.draft, demandText: '7' })).scenario;
    const byId = new Map(s.flows.map((f) => [f.id, f]));
    expect(byId.get(`${A1}->san-1`)).toEqual({ id: `${A1}->san-1`, src: { vm: A1 }, dst: { storage: 'san-1' }, demandGbps: 2.5 });
    expect(byId.get(`outside->${B1}`)!.demandGbps).toBeNull();
    // Preset flows take the cap.
    expect(s.flows.filter((f) => !f.id.includes('san') && !f.id.startsWith('outside')).every((f) => f.demandGbps === 7)).toBe(true);
  });

  test('between the same ends twice gets a distinct id; editing replaces the row in place', () => {
    const one = ok(putFlow(rack, EMPTY_DRAFT, form(`vm:${A1}`, `vm:${B1}`))).draft;
    const two = ok(putFlow(rack, one, form(`vm:${A1}`, `vm:${B1}`, '1'))).draft;
    expect(two.flows.map((f) => f.id)).toEqual([`${A1}->${B1}`, `${A1}->${B1}#2`]);
    const edited = ok(putFlow(rack, two, form(`vm:${B1}`, 'external', '3'), 0));
    expect(edited.message).toBe(`Changed flow ${B1}->outside (3 Gb/s)`);
    expect(edited.draft.flows.map((f) => f.id)).toEqual([`${B1}->outside`, `${A1}->${B1}#2`]);
  });

  test.each([
    [form('', 'external'), 'Choose where the flow comes from'],
    [form(`vm:${A1}`, ''), 'Choose where the flow goes to'],
    [form(`vm:${A1}`, `vm:${A1}`), 'A flow needs two different ends: choose another destination'],
    [form('external', 'external'), 'A flow from outside must go to a VM or storage target'],
    [form(`vm:${A1}`, 'external', '0'), 'Demand must be a number of Gb/s above 0, or empty for unlimited (got “0”)'],
    [form(`vm:${A1}`, 'external', 'fast'), 'Demand must be a number of Gb/s above 0, or empty for unlimited (got “fast”)'],
    [form('vm:gone', 'external'), 'From: VM gone is no longer in the design'],
    [form(`vm:${A1}`, 'storage:nope'), 'To: storage target nope is no longer in the design'],
  ])('%j is refused: %s', (f, reason) => {
    expect(putFlow(rack, EMPTY_DRAFT, f)).toEqual({ ok: false, reason });
  });

  test('keeps its demand through save and reopen, beside preset flows of another demand', () => {
    const preset = ok(applyPreset(rack, EMPTY_DRAFT, { kind: 'onePerVm' })).draft;
    const withHand = ok(putFlow(rack, { ...preset, demandText: '5' }, form(`vm:${A1}`, 'external', '1'))).draft;
    const saved = scenarioForSaving(withHand)!;
    const reopened = ok(toScenario(draftFromScenario(saved))).scenario;
    expect(reopened.flows).toEqual(saved.flows);
  });
});

describe('a hand-entered migration', () => {
  test('is added, edited, and one per VM', () => {
    const a = ok(putMigration(rack, EMPTY_DRAFT, A1, 'r01.h002'));
    expect(a.message).toBe('Added migration of r01-h001-vm01 to esx-r01-h002');
    expect(putMigration(rack, a.draft, A1, 'r01.h002')).toEqual({ ok: false, reason: 'r01-h001-vm01 already migrates in this scenario: edit or remove that row' });
    const b = ok(putMigration(rack, a.draft, B1, 'r01.h001', 0));
    expect(b.draft.migrations).toEqual([{ vm: B1, to: 'r01.h001' }]);
  });

  test.each([
    ['', 'r01.h002', 'Choose the VM to migrate'],
    [A1, '', 'Choose the host r01-h001-vm01 moves to'],
    [A1, 'r01.h001', 'r01-h001-vm01 is already on esx-r01-h001: choose another host'],
    [A1, 'nope', 'Host nope is no longer in the design'],
    ['gone', 'r01.h002', 'VM gone is no longer in the design'],
  ])('%s → %s is refused: %s', (vm, to, reason) => {
    expect(putMigration(rack, EMPTY_DRAFT, vm, to)).toEqual({ ok: false, reason });
  });
});

describe('flow-end pickers', () => {
  test('group VMs by host, then storage targets, then the outside world', () => {
    const groups = pickerGroups(rack);
    expect(groups.map((g) => g.id)).toEqual(['r01.h001', 'r01.h002', 'storage', 'external']);
    expect(groups[0]!.items.map((i) => i.key)).toEqual([`vm:${A1}`, 'vm:r01.h001.vm02']);
    expect([groupOf(rack, `vm:${B1}`), groupOf(rack, 'storage:san-1'), groupOf(rack, 'external'), groupOf(rack, '')]).toEqual(['r01.h002', 'storage', 'external', '']);
  });
});

describe('migration timeline', () => {
  test('puts the disk copy first, leftover disk blocks in the stop-and-copy, and the edge update last', () => {
    const r: MigrationResult = {
      converged: false,
      stopReason: 'downtime-limit',
      rounds: [
        { sentBytes: 4e9, seconds: 3.2, throttle: 0, stopAndCopy: false },
        { sentBytes: 1e8, seconds: 0.08, throttle: 0, stopAndCopy: true },
      ],
      transferredBytes: 4.1e9,
      totalSeconds: 0,
      downtimeSeconds: 0,
      lambda: 0.1,
      storageRounds: [
        { sentBytes: 1e10, seconds: 8 },
        { sentBytes: 2e9, seconds: 1.6 },
      ],
      storageBytes: 1.2e10,
      storageSeconds: 9.6,
      storageConverged: false,
      resumeSeconds: 0.05,
      networkUpdateSeconds: 0.01,
      networkUpdateInDowntime: false,
    };
    const segs = timelineSegments(r);
    expect(segs.map((s) => `${s.kind}:${s.data}`)).toEqual(['storage-copy:disk', 'pre-copy:memory', 'stop-and-copy:memory', 'stop-and-copy:disk', 'resume:null', 'network-update:null']);
    expect(segs[1]!.start).toBe(8);
    expect(segs[3]!.seconds).toBe(1.6);
    expect(segs[5]!.start).toBeCloseTo(8 + 3.28 + 1.6 + 0.05, 12);
  });
});

describe('migration parameters of the scenario', () => {
  const draft = ok(putMigration(rack, EMPTY_DRAFT, A1, 'r01.h002')).draft;
  test('empty fields follow the defaults and are not stored; typed ones are, and reopen as typed', () => {
    const plain = ok(toScenario(draft)).scenario;
    expect('diskWriteGbps' in plain || 'networkUpdateSec' in plain).toBe(false);
    const typed = ok(toScenario({ ...draft, diskWriteText: '0.8', networkUpdateText: '25' })).scenario;
    expect(typed).toMatchObject({ diskWriteGbps: 0.8, networkUpdateSec: 0.025 });
    expect(draftFromScenario(typed)).toMatchObject({ diskWriteText: '0.8', networkUpdateText: '25' });
    expect(ok(toScenario(draftFromScenario(typed))).scenario).toEqual(typed);
  });
  test('a stop policy and a bandwidth limit chosen in the panel reach the scenario and reopen as chosen', () => {
    const plain = ok(toScenario(draft)).scenario;
    expect('migrationPolicy' in plain || 'migrationBandwidthGbps' in plain).toBe(false);
    const chosen = ok(toScenario({ ...draft, policy: 'xen-legacy', migrationBandwidthText: '1.07' })).scenario;
    expect(chosen).toMatchObject({ migrationPolicy: 'xen-legacy', migrationBandwidthGbps: 1.07 });
    expect(draftFromScenario(chosen)).toMatchObject({ policy: 'xen-legacy', migrationBandwidthText: '1.07' });
    expect(ok(toScenario(draftFromScenario(chosen))).scenario).toEqual(chosen);
    expect(toScenario({ ...draft, migrationBandwidthText: '0' })).toEqual({ ok: false, reason: 'Migration bandwidth limit must be a number of Gb/s above 0, or empty for no limit' });
  });
  test('bad values are refused with one line', () => {
    expect(toScenario({ ...draft, diskWriteText: '-1' })).toEqual({ ok: false, reason: 'Disk write rate must be a number of Gb/s ≥ 0, or empty for the default' });
    expect(toScenario({ ...draft, networkUpdateText: 'soon' })).toEqual({ ok: false, reason: 'Edge update must be a number of milliseconds ≥ 0, or empty for the default' });
  });
});

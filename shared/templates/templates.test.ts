import { describe, expect, it } from 'vitest';
import { checkIntegrity, countByKind, type Design } from '../model/design';
import { elementSchema } from '../model/elements';
import { LINK_KINDS, linkSchema, type LinkKind } from '../model/links';
import { exportTopologyJson, importTopologyJson } from '../formats/topology';
import { stableStringify } from '../formats/stable-json';
import { makeTemplate, resolveTemplateOptions, TEMPLATE_NAMES, type TemplateName, type TemplateOptions } from '.';

function linkCounts(d: Design): Record<LinkKind, number> {
  const counts = Object.fromEntries(LINK_KINDS.map((k) => [k, 0])) as Record<LinkKind, number>;
  for (const l of Object.values(d.links)) counts[l.kind]++;
  return counts;
}

/** Every element and link parses with its schema and comes back unchanged (no field the schema would strip). */
function expectSchemaValid(d: Design): void {
  // Collected and asserted once: one expect() per record would dominate the run time at 100k records.
  const problems: string[] = [];
  const check = (id: string, value: unknown, parsed: { success: boolean; data?: unknown; error?: { message: string } }) => {
    if (!parsed.success) problems.push(`${id}: ${parsed.error?.message}`);
    else if (stableStringify(parsed.data) !== stableStringify(value)) problems.push(`${id}: changed by parsing`);
  };
  for (const el of Object.values(d.elements)) check(el.id, el, elementSchema.safeParse(el));
  for (const l of Object.values(d.links)) check(l.id, l, linkSchema.safeParse(l));
  expect(problems.slice(0, 5)).toEqual([]);
}

/** Expected counts for `hosts` hosts of `vms` VMs in `racks` racks with `tors` leaves and `spines` spines. */
function expected(hosts: number, vms: number, tors: number, spines: number, peerLinks: number, spineLinks: number) {
  return {
    elements: { host: hosts, rootComplex: 2 * hosts, pcieSwitch: 0, nic: hosts, endpoint: 0, vm: hosts * vms, vswitch: hosts, tor: tors + spines, fex: 0, storage: 0 },
    links: { pcie: hosts, ethernet: 2 * hosts + peerLinks + spineLinks, vnic: hosts * vms, vf: 0, passthrough: 0, uplink: 2 * hosts, sChannel: 0 },
  };
}

describe('templates', () => {
  it.each(TEMPLATE_NAMES)('%s (defaults) has no integrity issues and every record passes its schema', (name) => {
    const d = makeTemplate(name);
    expect(checkIntegrity(d)).toEqual([]);
    expectSchemaValid(d);
  });

  const cases: [TemplateName, TemplateOptions, ReturnType<typeof expected>][] = [
    ['empty', {}, expected(0, 0, 0, 0, 0, 0)],
    ['single-host', {}, expected(1, 4, 1, 0, 0, 0)],
    ['single-host', { vmsPerHost: 7 }, expected(1, 7, 1, 0, 0, 0)],
    ['rack', {}, expected(8, 10, 2, 0, 2, 0)],
    // 50 hosts do not fit one 48-port pair: a second rack with its own pair.
    ['rack', { hosts: 50, vmsPerHost: 3 }, expected(50, 3, 4, 0, 4, 0)],
    ['rack', { hosts: 2, vmsPerHost: 0 }, expected(2, 0, 2, 0, 2, 0)],
    // 100 hosts = racks of 40, 40 and 20: 6 leaves, each with one uplink to each of 4 spines.
    ['fabric', { hosts: 100, vmsPerHost: 3 }, expected(100, 3, 6, 4, 6, 6 * 4)],
    ['fabric', {}, expected(160, 10, 8, 4, 8, 8 * 4)],
  ];
  it.each(cases)('%s %j has the expected counts by kind', (name, opts, want) => {
    const d = makeTemplate(name, opts);
    expect(countByKind(d)).toEqual(want.elements);
    expect(linkCounts(d)).toEqual(want.links);
    expect(checkIntegrity(d)).toEqual([]);
    expectSchemaValid(d);
  });

  it('builds the 2,000-host fabric with 20 VMs per host intact', () => {
    const d = makeTemplate('fabric', { hosts: 2000, vmsPerHost: 20 });
    const want = expected(2000, 20, 100, 4, 100, 100 * 4);
    expect(countByKind(d)).toEqual(want.elements);
    expect(linkCounts(d)).toEqual(want.links);
    expect(checkIntegrity(d)).toEqual([]);
    expectSchemaValid(d);
    // Spines are sized in 32-port blocks to fit 100 leaves.
    expect((d.elements['spine1'] as { ports: unknown[] }).ports).toHaveLength(128);
  });

  it.each([
    ['single-host', {}],
    ['rack', { hosts: 12, vmsPerHost: 5 }],
    ['fabric', { hosts: 90, vmsPerHost: 2 }],
  ] as [TemplateName, TemplateOptions][])('%s %j gives the same JSON every time and survives a JSON round trip', (name, opts) => {
    const first = exportTopologyJson(makeTemplate(name, opts));
    expect(exportTopologyJson(makeTemplate(name, opts))).toBe(first);
    const back = importTopologyJson(first);
    if (!back.ok) throw new Error(back.reason);
    expect(back.repairs).toEqual([]);
    expect(exportTopologyJson(back.design)).toBe(first);
  });

  it('uses readable ids', () => {
    const d = makeTemplate('fabric', { hosts: 41, vmsPerHost: 2 });
    for (const id of ['r01.h001', 'r01.h001.rc0', 'r01.h001.rc1', 'r01.h001.nic0', 'r01.h001.vs0', 'r01.h001.vm01', 'r01.h040', 'r02.h001', 'r01.tor-a', 'r02.tor-b', 'spine1', 'spine4']) {
      expect(d.elements[id], id).toBeDefined();
    }
    for (const id of ['r01.h001.nic0.pcie', 'r01.h001.vs0.up0', 'r01.h001.vm02.vnic0', 'r01.h001.nic0.eth1', 'r01.peer0', 'r02.tor-a.spine3']) {
      expect(d.links[id], id).toBeDefined();
    }
    const single = makeTemplate('single-host');
    expect(Object.keys(single.elements).sort()).toEqual(
      ['r01.h001', 'r01.h001.nic0', 'r01.h001.rc0', 'r01.h001.rc1', 'r01.h001.vm01', 'r01.h001.vm02', 'r01.h001.vm03', 'r01.h001.vm04', 'r01.h001.vs0', 'r01.tor'].sort(),
    );
  });

  it('pads numbers so ids sort in layout order', () => {
    const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 120 });
    expect(d.elements['r01.h001.vm001']).toBeDefined();
    expect(d.elements['r01.h001.vm120']).toBeDefined();
  });
});

describe('template options', () => {
  it.each([
    ['rack', { hosts: 0 }, /hosts must be a whole number from 1 to 10000 \(got 0\)/],
    ['rack', { hosts: -3 }, /got -3/],
    ['fabric', { hosts: 2.5 }, /got 2.5/],
    ['fabric', { hosts: 10_001 }, /from 1 to 10000/],
    ['fabric', { hosts: Number.NaN }, /got NaN/],
    ['rack', { vmsPerHost: -1 }, /VMs per host must be a whole number from 0 to 1024/],
    ['rack', { vmsPerHost: 2000 }, /from 0 to 1024/],
    ['fabric', { hosts: 10_000, vmsPerHost: 1000 }, /10000000 VMs; the limit is 200000/],
    ['single-host', { hosts: 2 }, /exactly 1 host \(got 2\)/],
    ['empty', { hosts: 1 }, /takes no hosts or VMs/],
  ] as [TemplateName, TemplateOptions, RegExp][])('refuses %s %j with a reason', (name, opts, reason) => {
    const r = resolveTemplateOptions(name, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
    expect(() => makeTemplate(name, opts)).toThrow(reason);
  });

  it('refuses an unknown template name', () => {
    expect(() => makeTemplate('leaf' as TemplateName)).toThrow(/unknown template "leaf"/);
  });

  it('fills defaults', () => {
    expect(resolveTemplateOptions('rack', {})).toEqual({ ok: true, hosts: 8, vmsPerHost: 10 });
    expect(resolveTemplateOptions('single-host', { vmsPerHost: 2 })).toEqual({ ok: true, hosts: 1, vmsPerHost: 2 });
  });
});

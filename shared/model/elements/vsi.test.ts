// VSI profiles (802.1Qbg VDP, rule EVB-003): libvirt's ranges, and the fields survive topology JSON and SVG unchanged.
import { describe, expect, it } from 'vitest';
import { exportTopologyJson, importTopologyJson } from '../../formats/topology';
import { designToSvg, svgToDesign } from '../../export/svg';
import { makeTemplate } from '../../templates';
import type { Design } from '../design';
import type { Element } from './index';
import { holdsVsiType, vsiSchema, vsiTypeKey } from './vsi';

const TYPE = { managerId: 11, typeId: 1193047, typeVersion: 2 };

/** A rack whose first VM's vnic0 has a VSI and whose every switch holds its type and one more. */
function withVsis(): Design {
  const d = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  const elements: Record<string, Element> = { ...d.elements };
  const vm = Object.values(elements).find((e) => e.kind === 'vm')!;
  if (vm.kind === 'vm') elements[vm.id] = { ...vm, vnics: vm.vnics.map((n) => ({ ...n, vsi: { ...TYPE, instanceId: '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' } })) };
  for (const e of Object.values(elements)) if (e.kind === 'tor') elements[e.id] = { ...e, vsiTypes: [TYPE, { managerId: 11, typeId: 1193048, typeVersion: 0 }] };
  return { ...d, elements };
}

describe('VSI profiles', () => {
  it('take libvirt’s ranges: manager 1-255, type 24 bits, version 0-255, a UUID or null', () => {
    expect(vsiSchema.safeParse({ ...TYPE, instanceId: null }).success).toBe(true);
    expect(vsiSchema.safeParse({ ...TYPE, managerId: 0, instanceId: null }).success).toBe(false);
    expect(vsiSchema.safeParse({ ...TYPE, typeId: 0x1000000, instanceId: null }).success).toBe(false);
    expect(vsiSchema.safeParse({ ...TYPE, typeVersion: 256, instanceId: null }).success).toBe(false);
    expect(vsiSchema.safeParse({ ...TYPE, instanceId: 'not-a-uuid' }).success).toBe(false);
  });

  it('match a bridge’s type by manager, type and version', () => {
    expect(vsiTypeKey(TYPE)).toBe('11/1193047/2');
    expect(holdsVsiType([TYPE], { ...TYPE })).toBe(true);
    expect(holdsVsiType([{ ...TYPE, managerId: 12 }], TYPE)).toBe(false);
    expect(holdsVsiType(undefined, TYPE)).toBe(false);
  });

  it('round-trip through topology JSON and SVG unchanged', () => {
    const d = withVsis();
    const json = exportTopologyJson(d);
    expect(json).toContain('"vsiTypes"');
    expect(json).toMatch(/"instanceId": "09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f"/);
    const back = importTopologyJson(json);
    if (!back.ok) throw new Error(back.reason);
    expect(back.repairs).toEqual([]);
    expect(exportTopologyJson(back.design)).toBe(json);
    const svg = svgToDesign(designToSvg(d));
    if (!svg.ok) throw new Error(svg.reason);
    expect(exportTopologyJson(svg.design)).toBe(json);
  });

  it('refuse an out-of-range type on import instead of keeping it', () => {
    const doc = JSON.parse(exportTopologyJson(withVsis())) as { elements: Record<string, unknown>[] };
    const tor = doc.elements.find((e) => e.kind === 'tor')!;
    tor.vsiTypes = [{ managerId: 0, typeId: 1, typeVersion: 1 }];
    const r = importTopologyJson(JSON.stringify(doc));
    expect(r.ok && r.repairs.length === 0).toBe(false);
  });
});

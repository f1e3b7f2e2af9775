/**
 * Properties of document version 3's fields (issue #12): random edits of team policies, standby uplinks, MTUs, overlay
 * bytes, NUMA nodes, IOMMU flags and switch-port breakouts, each one undo step, undone all together give back the original design; and a
 * version-2 topology document imports, migrates and exports deterministically (the same text every time, and a
 * second round trip changes nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History } from '../history/history';
import type { Command } from '../history/commands';
import { exportTopologyJson, importTopologyJson } from '../formats/topology';
import { makeTemplate } from '../templates';
import type { Design } from './design';
import type { ElementKind, ElementOf } from './elements';
import { TEAM_POLICIES } from './teaming';
import { arbDesign } from './arbitraries.test-support';
import { canConnect } from './connect';
import { sequentialIds } from './ids';

const RUNS = Number(process.env.RACKPLANE_PROPERTY_RUNS ?? 100);

const ofKind = <K extends ElementKind>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

type Edit = [op: number, a: number, b: number];

/** A vNIC with its VSI profile cleared (the field unset, as the inspector writes it). */
const withoutVsi = <T extends { vsi?: unknown }>(n: T): Omit<T, 'vsi'> => {
  const out = { ...n };
  delete out.vsi;
  return out;
};

/** One edit of a version-3 field, or null when the design has nothing it applies to. */
function commandFor(d: Design, [op, a, b]: Edit): Command | null {
  const upd = (id: string | undefined, changes: Record<string, unknown>): Command | null => (id ? { type: 'updateElement', id: id as never, changes } : null);
  const vs = pick(ofKind(d, 'vswitch'), a);
  switch (op % 11) {
    case 0:
      return upd(vs?.id, { teamPolicy: TEAM_POLICIES[b % TEAM_POLICIES.length] });
    case 1:
      return upd(vs?.id, { standbyUplinks: b % 3 === 0 ? [] : [b % 4] });
    case 2:
      return upd(vs?.id, { mtu: [1500, 9000, 9216, 1280][b % 4], overlayBytes: [0, 50, 100][b % 3] });
    case 3:
      return vs ? upd(vs.id, { portGroups: vs.portGroups.map((g, i) => (i === b % Math.max(1, vs.portGroups.length) ? { ...g, mtu: [9000, 1500][b % 2] } : g)) }) : null;
    case 4:
      return upd(pick(ofKind(d, 'nic'), a)?.id, { mtu: [1500, 9000][b % 2] });
    case 5:
      return upd(pick(ofKind(d, 'tor'), a)?.id, { mtu: [1500, 9216][b % 2] });
    case 6:
      return upd(pick(ofKind(d, 'vm'), a)?.id, { numaNodes: [[], [0], [1], [0, 1]][b % 4] });
    case 7: {
      // VSI profiles (EVB-003): a vNIC's VSI set or cleared, or a switch's VSI types set or cleared.
      const vm = pick(ofKind(d, 'vm'), a);
      const type = { managerId: 1 + (b % 255), typeId: (b * 7919) % 0x1000000, typeVersion: b % 256 };
      if (b % 2 === 0 && vm?.vnics.length) {
        const k = (b >> 1) % vm.vnics.length;
        return upd(vm.id, { vnics: vm.vnics.map((n, i) => (i !== k ? n : n.vsi ? withoutVsi(n) : { ...n, vsi: { ...type, instanceId: b % 3 ? null : '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' } })) });
      }
      return upd(pick(ofKind(d, 'tor'), a)?.id, { vsiTypes: b % 3 === 0 ? undefined : [type] });
    }
    case 8: {
      // Switch-port breakout (ETH-002): one port's allowed modes and configured breakout set, changed or cleared. Cables
      // on the port or its sub-ports stay (ETH-002 reports them), so undo has nothing to restore but the port.
      const t = pick(ofKind(d, 'tor'), a);
      if (!t?.ports.length) return null;
      const k = b % t.ports.length;
      const { breakout: _b, breakoutModes: _m, ...plain } = t.ports[k]!;
      const MODES = [{ lanes: 4 as const, speedGbps: 25 }, { lanes: 4 as const, speedGbps: 10 }];
      const next = [plain, { ...plain, breakoutModes: MODES }, { ...plain, breakoutModes: MODES, breakout: MODES[(b >> 2) % 2]! }, { ...t.ports[k]!, breakout: { lanes: 2 as const, speedGbps: 50 } }][(b >> 4) % 4]!;
      return upd(t.id, { ports: t.ports.map((p, i) => (i === k ? next : p)) });
    }
    case 9: {
      // Passthrough (PCI-007, IOV-003): a device's whole function given to a VM of its server, or taken back.
      const devices = [...ofKind(d, 'endpoint'), ...ofKind(d, 'nic')].filter((x) => x.parent !== null);
      const dev = pick(devices, a);
      if (!dev) return null;
      const fn = dev.kind === 'endpoint' ? 'dev' : `pf${b % Math.max(1, dev.physicalFunctions.length)}`;
      const held = Object.values(d.links).find((l) => l.kind === 'passthrough' && l.b.element === dev.id && l.b.port === fn);
      if (held) return { type: 'remove', elements: [], links: [held.id] };
      const vm = pick(ofKind(d, 'vm').filter((v) => v.parent === dev.parent), b);
      const vmPort = dev.kind === 'endpoint' ? 'pci.hostdev' : vm?.vnics[b % Math.max(1, vm.vnics.length)]?.id;
      if (!vm || !vmPort) return null;
      const r = canConnect(d, { element: vm.id, port: vmPort }, { element: dev.id, port: fn }, sequentialIds());
      return r.ok ? { type: 'add', elements: [], links: [r.link] } : null;
    }
    default: {
      const host = pick(ofKind(d, 'host'), a);
      return host ? upd(host.id, { iommu: !host.iommu }) : null;
    }
  }
}

describe('version 3 fields', () => {
  it('random edits of the new fields, each one step, undone all give back the original design', () => {
    const templates = [() => makeTemplate('single-host'), () => makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 })];
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(templates.length - 1).map((i) => templates[i]!()), arbDesign({ maxElements: 10, maxLinks: 10 })),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
        (original, edits) => {
          const h = new History(original);
          let steps = 0;
          for (const e of edits) {
            const cmd = commandFor(h.design, e);
            if (!cmd) continue;
            h.execute(cmd);
            steps++;
          }
          for (let i = 0; i < steps; i++) h.undo();
          expect(h.design).toEqual(original);
          expect(h.canUndo()).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a version-2 topology document imports, migrates and exports deterministically', () => {
    fc.assert(
      fc.property(arbDesign({ maxElements: 10, maxLinks: 10 }), (d) => {
        // The design as version 2 wrote it: no version-3 field anywhere.
        const v2 = JSON.parse(exportTopologyJson(d)) as { version: number; elements: Record<string, unknown>[] };
        v2.version = 2;
        const V3_FIELDS = ['teamPolicy', 'standbyUplinks', 'mtu', 'overlayBytes', 'numaNodes', 'iommu'];
        for (const e of v2.elements) {
          for (const k of V3_FIELDS) delete e[k];
          if (Array.isArray(e.portGroups)) for (const g of e.portGroups as Record<string, unknown>[]) delete g.mtu;
        }
        const text = JSON.stringify(v2);
        const first = importTopologyJson(text);
        const second = importTopologyJson(text);
        if (!first.ok || !second.ok) throw new Error(first.ok ? (second as { reason: string }).reason : first.reason);
        expect(first.migrations.some((m) => m.startsWith('v2→v3'))).toBe(true);
        expect(first.repairs).toEqual([]);
        const out = exportTopologyJson(first.design);
        expect(exportTopologyJson(second.design)).toBe(out);
        // The migrated document is current: another round trip migrates nothing and changes nothing.
        const again = importTopologyJson(out);
        if (!again.ok) throw new Error(again.reason);
        expect(again.migrations).toEqual([]);
        expect(exportTopologyJson(again.design)).toBe(out);
      }),
      { numRuns: RUNS },
    );
  });
});

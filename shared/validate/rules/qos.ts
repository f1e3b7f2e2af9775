/** vSwitch QoS that cannot hold (docs/rules.md QOS-001; model: shared/model/elements/qos.ts). */
import { effectiveQos, type ElementOf, type Qos } from '../../model/elements';
import { TEAM_FACTS } from '../../model/teaming';
import { diag, type Diagnostic, type HostContext, type HostRule } from '../types';
import { listNames, nameOf } from '../format';

const gbps = (x: number) => `${Number(x.toPrecision(6))} Gb/s`;
const limitBelow = (q: Qos) => q.limitGbps !== undefined && q.reservationGbps !== undefined && q.limitGbps < q.reservationGbps;

/**
 * The Gb/s a virtual switch's traffic can leave by: its cabled uplinks not on standby (all cabled ones when every one
 * is on standby), the first of them only for an active-backup policy, each at its cable's speed (else the NIC's).
 */
function uplinkCapacity(ctx: HostContext, vs: ElementOf<'vswitch'>): { gbps: number; largest: number; links: string[] } | null {
  const members: { uplink: number | null; gbps: number; link: string }[] = [];
  for (const l of ctx.linksOf(vs.id)) {
    if ((l.kind !== 'uplink' && l.kind !== 'sChannel') || l.a.element !== vs.id) continue;
    const nic = ctx.element(l.b.element);
    if (nic?.kind !== 'nic') continue;
    const cable = ctx.linksOf(nic.id).find((c) => c.kind === 'ethernet' && ((c.a.element === nic.id && c.a.port === l.b.port) || (c.b.element === nic.id && c.b.port === l.b.port)));
    if (cable?.kind !== 'ethernet') continue;
    const up = /^up(0|[1-9][0-9]*)$/.exec(l.a.port);
    members.push({ uplink: up ? Number(up[1]) : null, gbps: cable.speedGbps ?? nic.speedGbps, link: l.id });
  }
  if (members.length === 0) return null;
  const standby = new Set(vs.standbyUplinks);
  const active = members.filter((m) => m.uplink === null || !standby.has(m.uplink));
  let usable = active.length ? active : members;
  if (TEAM_FACTS[vs.teamPolicy].spread !== 'hash') usable = usable.slice(0, 1);
  return { gbps: usable.reduce((s, m) => s + m.gbps, 0), largest: Math.max(...usable.map((m) => m.gbps)), links: usable.map((m) => m.link) };
}

export const QOS_001: HostRule = {
  id: 'QOS-001',
  severity: 'error',
  scope: 'host',
  title: 'vSwitch QoS that cannot hold',
  description:
    'A port group or vNIC reserves no more than its limit, and the reservations of a virtual switch\'s vNICs fit in the uplinks its teaming lets them use (one vNIC\'s in its largest uplink): otherwise the guaranteed minimums cannot all be given.',
  source:
    'vSphere API VirtualEthernetCardResourceAllocation ("Reservation is not allowed to exceed the value of limit if limit is set"; reservation is guaranteed bandwidth); Hyper-V Set-VMNetworkAdapter -MinimumBandwidthAbsolute / -MaximumBandwidth',
  check(ctx) {
    const out: Diagnostic[] = [];
    const vnicLinks = ctx.hostLinks('vnic');
    for (const vs of ctx.children('vswitch')) {
      vs.portGroups.forEach((g, i) => {
        if (!g.qos || !limitBelow(g.qos)) return;
        const fixed = vs.portGroups.map((x, k) => (k === i ? { ...x, qos: { ...x.qos, reservationGbps: g.qos!.limitGbps } } : x));
        out.push(
          diag(
            this,
            `Port group ${g.name || g.id} on ${nameOf(vs)} reserves ${gbps(g.qos.reservationGbps!)} but is limited to ${gbps(g.qos.limitGbps!)}: a guarantee above the limit can never be given (vSphere refuses it); lower the reservation or raise the limit.`,
            [vs.id],
            [],
            { label: `Reserve ${gbps(g.qos.limitGbps!)} (the limit) on ${g.name || g.id}`, commands: [{ type: 'updateElement', id: vs.id, changes: { portGroups: fixed } }] },
          ),
        );
      });

      // The vNICs on this switch and their effective reservations.
      let reserved = 0;
      let biggest: { vm: ElementOf<'vm'>; gbps: number } | null = null;
      const vms: string[] = [];
      const names: string[] = [];
      for (const l of vnicLinks) {
        if (l.b.element !== vs.id || !l.b.port.startsWith('pg.')) continue;
        const vm = ctx.element(l.a.element);
        if (vm?.kind !== 'vm') continue;
        const vnic = vm.vnics.find((n) => n.id === l.a.port);
        const pg = vs.portGroups.find((g) => g.id === l.b.port.slice(3));
        // Almost every vNIC of a large design has no QoS at all: skip it before building its effective settings.
        if (!pg?.qos && !vnic?.qos) continue;
        const q = effectiveQos(pg?.qos, vnic?.qos);
        if (vnic?.qos && limitBelow(q) && (vnic.qos.limitGbps !== undefined || vnic.qos.reservationGbps !== undefined)) {
          const vnics = vm.vnics.map((n) => (n.id === vnic.id ? { ...n, qos: { ...n.qos, reservationGbps: q.limitGbps } } : n));
          out.push(
            diag(
              this,
              `${nameOf(vm)} ${vnic.id} reserves ${gbps(q.reservationGbps!)} but is limited to ${gbps(q.limitGbps!)} (its own settings over port group ${pg?.name || pg?.id || l.b.port}): a guarantee above the limit can never be given; lower the reservation or raise the limit.`,
              [vm.id, vs.id],
              [l.id],
              { label: `Reserve ${gbps(q.limitGbps!)} (the limit) on ${vm.name || vm.id} ${vnic.id}`, commands: [{ type: 'updateElement', id: vm.id, changes: { vnics } }] },
            ),
          );
        }
        const r = Math.min(q.reservationGbps ?? 0, q.limitGbps ?? Infinity);
        if (r <= 0) continue;
        reserved += r;
        vms.push(vm.id);
        names.push(nameOf(vm));
        if (!biggest || r > biggest.gbps) biggest = { vm, gbps: r };
      }
      if (reserved === 0) continue;
      const cap = uplinkCapacity(ctx, vs);
      if (!cap) continue;
      if (biggest && biggest.gbps > cap.largest) {
        out.push(
          diag(
            this,
            `${nameOf(biggest.vm)} reserves ${gbps(biggest.gbps)} on ${nameOf(vs)}, more than its largest usable uplink carries (${gbps(cap.largest)}): a vNIC sends through one uplink, so the guarantee cannot hold; lower the reservation or use faster uplinks.`,
            [biggest.vm.id, vs.id],
            cap.links,
          ),
        );
      } else if (reserved > cap.gbps * (1 + 1e-9)) {
        out.push(
          diag(
            this,
            `The vNICs of ${listNames(names)} on ${nameOf(vs)} reserve ${gbps(reserved)} in all, but the uplinks its teaming uses carry ${gbps(cap.gbps)}: the guarantees cannot all hold (the simulator scales them down); lower the reservations or add an active uplink.`,
            [vs.id, ...vms],
            cap.links,
          ),
        );
      }
    }
    return out;
  },
};

export const QOS_RULES: readonly HostRule[] = [QOS_001];

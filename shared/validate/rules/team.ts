/** Uplink teaming rules: the physical switches match the team, and the platform offers the policy (DOMAIN.md §1, §3 TEAM-*). */
import type { Command } from '../../history/commands';
import type { ElementOf, Lag, VswitchKind } from '../../model/elements';
import { numberedPortIndex } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import { defaultTeamPolicy, TEAM_FACTS, type TeamPolicy } from '../../model/teaming';
import { cablePeer, ethernetLinksAt, sameLogicalSwitch } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type DesignView, type Diagnostic, type HostContext, type HostRule, type QuickFix } from '../types';

/** One member of a virtual switch's team: a NIC port its uplinks or S-channels land on (S-channels of one port are one member). */
export interface TeamMember {
  nic: ElementOf<'nic'>;
  port: string;
  /** Lowest uplink index (`up<i>`) on this port, or null when the vSwitch end is not an uplink port. */
  uplink: number | null;
  /** The uplink and S-channel links landing on the port. */
  links: string[];
}

/** The NIC ports a virtual switch's uplinks and S-channels land on, in uplink order (links drawn either way count). */
export function teamMembers(view: DesignView, vs: ElementOf<'vswitch'>): TeamMember[] {
  const byPort = new Map<string, TeamMember>();
  for (const l of view.linksOf(vs.id)) {
    if (l.kind !== 'uplink' && l.kind !== 'sChannel') continue;
    const [own, far] = l.a.element === vs.id ? [l.a, l.b] : [l.b, l.a];
    const nic = view.element(far.element);
    if (nic?.kind !== 'nic') continue;
    const uplink = numberedPortIndex(own.port, 'up', vs.uplinks);
    const key = `${nic.id}\u0000${far.port}`;
    const m = byPort.get(key);
    if (!m) byPort.set(key, { nic, port: far.port, uplink, links: [l.id] });
    else {
      m.links.push(l.id);
      if (uplink !== null && (m.uplink === null || uplink < m.uplink)) m.uplink = uplink;
    }
  }
  return [...byPort.values()].sort((a, b) => (a.uplink ?? Infinity) - (b.uplink ?? Infinity));
}

/**
 * The members a policy sends on, as the simulator picks them (shared/sim/access.ts): the cabled ones (every policy fails
 * over on link state; all of them when none is cabled), of those the ones not on standby (all when every one is), and
 * for an active-backup policy only the first. VMware's active/standby lists apply to every load-balancing policy.
 */
export function activeMembers(view: DesignView, vs: ElementOf<'vswitch'>, members: readonly TeamMember[]): TeamMember[] {
  const cabled = members.filter((m) => ethernetLinksAt(view, m.nic.id, m.port).length > 0);
  const up = cabled.length ? cabled : members;
  const standby = new Set(vs.standbyUplinks);
  const active = up.filter((m) => m.uplink === null || !standby.has(m.uplink));
  const usable = active.length ? active : [...up];
  return TEAM_FACTS[vs.teamPolicy].spread === 'active-backup' ? usable.slice(0, 1) : usable;
}

/**
 * Each platform's LACP and static-LAG policy (null where it has none: Hyper-V SET is switch independent only, and an
 * OVS bond has no static-LAG mode of its own, so OVS takes a Linux bond for one).
 */
const LACP_POLICY: Readonly<Record<VswitchKind, TeamPolicy | null>> = { vds: 'vmware-lacp', ovs: 'ovs-balance-tcp', 'linux-bridge': 'linux-802.3ad', hyperv: null };
const STATIC_POLICY: Readonly<Record<VswitchKind, TeamPolicy | null>> = { vds: 'vmware-ip-hash', ovs: 'linux-balance-xor', 'linux-bridge': 'linux-balance-xor', hyperv: null };

/** A policy by the platform's own name (the labels are distinct, and the inspector shows them). */
const label = (p: TeamPolicy) => TEAM_FACTS[p].label;

/** One member cabled to a switch, with the LAG its cable is in as the switch declares it. */
interface Cabled extends TeamMember {
  cable: LinkOf<'ethernet'>;
  tor: ElementOf<'tor'>;
  lag: Lag | null;
}

const portName = (m: TeamMember) => `${nameOf(m.nic)} ${m.port}`;
const ports = (ms: readonly TeamMember[]) => listNames(ms.map(portName), 4);
const switchNames = (ms: readonly Cabled[]) => listNames([...new Set(ms.map((m) => nameOf(m.tor)))]);
/** `"po1" on t1 and t2`: each LAG id with the switches declaring it. */
function lagNames(ms: readonly Cabled[]): string {
  const byId = new Map<string, Set<string>>();
  for (const m of ms) (byId.get(m.lag!.id) ?? byId.set(m.lag!.id, new Set()).get(m.lag!.id)!).add(nameOf(m.tor));
  return listNames([...byId].map(([id, tors]) => `"${id}" on ${listNames([...tors])}`));
}

/**
 * The members cabled to a switch. A member whose cable names a LAG its switch does not declare is left out: the switch
 * runs that port on its own, and L2-003 reports the missing declaration. Members on a FEX, storage or another NIC are
 * left out too (a LAG is declared on a switch end).
 */
function cabledMembers(ctx: HostContext, members: readonly TeamMember[]): Cabled[] {
  const out: Cabled[] = [];
  for (const m of members) {
    const peer = cablePeer(ctx, m.nic.id, m.port);
    if (peer?.element.kind !== 'tor') continue;
    const lagId = peer.link.lag;
    const lag = lagId === null ? null : (peer.element.lags.find((g) => g.id === lagId) ?? undefined);
    if (lag === undefined) continue;
    out.push({ ...m, cable: peer.link, tor: peer.element, lag });
  }
  return out;
}

const usePolicy = (vs: ElementOf<'vswitch'>, p: TeamPolicy, extra: Command[] = [], also = ''): QuickFix => ({
  label: `Use ${label(p)}${also}`,
  commands: [{ type: 'updateElement', id: vs.id, changes: { teamPolicy: p } }, ...extra],
});
const clearLags = (ms: readonly Cabled[]): Command[] => ms.map((m) => ({ type: 'updateLink' as const, id: m.cable.id, changes: { lag: null } }));

/** A switch-independent team must face no LAG. */
function independentSide(rule: HostRule, view: DesignView, vs: ElementOf<'vswitch'>, cabled: readonly Cabled[], out: Diagnostic[]): void {
  const lagged = cabled.filter((m) => m.lag !== null);
  if (lagged.length === 0) return;
  const policy = vs.teamPolicy;
  // The switch side is whole and consistent (every member in one LAG of one switch or MLAG pair): the host is the
  // odd one out, so offer the platform's policy for that LAG; otherwise take the ports out of their LAGs.
  const whole = lagged.length === cabled.length && new Set(lagged.map((m) => m.lag!.id)).size === 1 && onOneSwitch(view, cabled);
  const allLacp = lagged.every((m) => m.lag!.lacp);
  const allStatic = lagged.every((m) => !m.lag!.lacp);
  const match = whole ? (allLacp ? LACP_POLICY[vs.switchKind] : allStatic ? STATIC_POLICY[vs.switchKind] : null) : null;
  const fix: QuickFix = match ? usePolicy(vs, match) : { label: `Take ${ports(lagged)} out of ${lagged.length === 1 ? 'its LAG' : 'their LAGs'}`, commands: clearLags(lagged) };
  const why = allLacp
    ? 'the switch gets no LACPDUs from a switch-independent team, so it suspends those ports or runs them unbundled'
    : 'the switch treats the ports as one link and sends a VM’s frames down any of them, which a switch-independent team does not expect (floods come back, MAC addresses flap)';
  const what = policy === 'none' ? `${nameOf(vs)} runs its uplinks as independent bridge ports (no bond)` : `${nameOf(vs)} teams with ${label(policy)}, which is switch independent`;
  out.push(
    diag(rule, `${what}, but ${ports(lagged)} sit${lagged.length === 1 ? 's' : ''} in LAG ${lagNames(lagged)}: ${why}; take the ports out of the LAG${match ? ` or use ${label(match)}` : ''}.`, [vs.id, ...new Set(lagged.map((m) => m.tor.id))], lagged.map((m) => m.cable.id), fix),
  );
}

/** True when the members' switches act as one: a single switch, or the two switches of a declared MLAG pair. */
function onOneSwitch(view: DesignView, cabled: readonly Cabled[]): boolean {
  const tors = [...new Set(cabled.map((m) => m.tor.id))];
  return tors.length === 1 || (tors.length === 2 && sameLogicalSwitch(view, tors[0]!, tors[1]!));
}

/** A LAG policy (static or LACP) needs every cabled member in one LAG of the right kind, on one switch or one MLAG pair. */
function lagSide(rule: HostRule, view: DesignView, vs: ElementOf<'vswitch'>, cabled: readonly Cabled[], out: Diagnostic[]): void {
  const policy = vs.teamPolicy;
  const lacp = TEAM_FACTS[policy].side === 'lacp';
  const need = lacp ? 'an LACP LAG' : 'a static LAG (LACP off)';
  const head = `${nameOf(vs)} teams ${cabled.length} uplinks with ${label(policy)}, which needs ${need} on the switch side`;
  const independent = defaultTeamPolicy(vs.switchKind);
  const lagged = cabled.filter((m) => m.lag !== null);
  const unlagged = cabled.filter((m) => m.lag === null);
  const tors = [...new Set(cabled.map((m) => m.tor.id))];
  const links = cabled.map((m) => m.cable.id);
  if (!onOneSwitch(view, cabled)) {
    const also = lagged.length ? ' and take the ports out of their LAGs' : '';
    out.push(
      diag(rule, `${head}, but its members go to ${switchNames(cabled)}, which are not one switch or a declared MLAG pair, and a LAG ends on one of those; declare the switches an MLAG pair or use a switch-independent policy.`, [vs.id, ...tors], links, usePolicy(vs, independent, clearLags(lagged), also)),
    );
    return;
  }
  if (lagged.length === 0) {
    out.push(diag(rule, `${head}, but ${ports(cabled)} face no LAG on ${switchNames(cabled)}; declare ${need} with these ports there or use a switch-independent policy.`, [vs.id, ...tors], links, usePolicy(vs, independent)));
    return;
  }
  const ids = [...new Set(lagged.map((m) => m.lag!.id))];
  if (ids.length > 1) {
    out.push(diag(rule, `${head}, but its members sit in different LAGs (${lagNames(lagged)}); put them in one LAG.`, [vs.id, ...tors], links));
    return;
  }
  const lagId = ids[0]!;
  if (unlagged.length > 0) {
    // Mechanical only where each missing port's switch already declares the LAG (one switch, or both of an MLAG pair).
    const canJoin = unlagged.every((m) => m.tor.lags.some((g) => g.id === lagId));
    const fix: QuickFix | undefined = canJoin ? { label: `Add ${ports(unlagged)} to LAG "${lagId}"`, commands: unlagged.map((m) => ({ type: 'updateLink' as const, id: m.cable.id, changes: { lag: lagId } })) } : undefined;
    out.push(diag(rule, `${head}, but ${ports(unlagged)} ${unlagged.length === 1 ? 'is' : 'are'} not in LAG "${lagId}" with ${ports(lagged)}; every member of the team belongs in the one LAG.`, [vs.id, ...tors], unlagged.map((m) => m.cable.id), fix));
    return;
  }
  const wrong = cabled.filter((m) => m.lag!.lacp !== lacp);
  if (wrong.length === 0) return;
  const wrongTors = [...new Set(wrong.map((m) => m.tor))];
  if (lacp) {
    // The switch side is the odd one out: LACP detects miscabling that a static LAG does not, so turn it on there.
    const commands: Command[] = wrongTors.map((t) => ({ type: 'updateElement', id: t.id, changes: { lags: t.lags.map((g) => (g.id === lagId ? { ...g, lacp: true } : g)) } }));
    out.push(
      diag(rule, `${head}, but LAG "${lagId}" on ${listNames(wrongTors.map((t) => nameOf(t)))} is static (LACP off), so the two sides never negotiate and the team's LACP ports stay down; turn LACP on for the LAG.`, [vs.id, ...tors], links, {
        label: `Turn on LACP for LAG "${lagId}" on ${listNames(wrongTors.map((t) => nameOf(t)))}`,
        commands,
      }),
    );
    return;
  }
  const toLacp = LACP_POLICY[vs.switchKind];
  const vmware = policy === 'vmware-ip-hash' ? ' (an ESXi host runs IP hash over a static EtherChannel only; LACP is a LAG of the distributed switch)' : '';
  out.push(
    diag(rule, `${head}, but LAG "${lagId}" on ${listNames(wrongTors.map((t) => nameOf(t)))} runs LACP, which a static team does not speak${vmware}; ${toLacp ? `use ${label(toLacp)} or ` : ''}turn LACP off for the LAG.`, [vs.id, ...tors], links, toLacp ? usePolicy(vs, toLacp) : undefined),
  );
}

/** A LAG policy uses every member: a standby list contradicts it. */
function standbyWithLag(rule: HostRule, vs: ElementOf<'vswitch'>, members: readonly TeamMember[], out: Diagnostic[]): void {
  const standby = members.filter((m) => m.uplink !== null && vs.standbyUplinks.includes(m.uplink));
  if (standby.length === 0) return;
  out.push(
    diag(rule, `${nameOf(vs)} teams with ${label(vs.teamPolicy)}, a LAG whose every member carries traffic (the switch hashes onto all its ports), but lists ${listNames(standby.map((m) => `up${m.uplink}`))} on standby; clear the standby list.`, [vs.id], standby.flatMap((m) => m.links), {
      label: 'Clear the standby uplinks',
      commands: [{ type: 'updateElement', id: vs.id, changes: { standbyUplinks: [] } }],
    }),
  );
}

export const TEAM_001: HostRule = {
  id: 'TEAM-001',
  severity: 'error',
  scope: 'host',
  title: 'Teaming matches the switch side',
  description:
    'A virtual switch with two or more uplinks cabled to switches faces what its teaming policy needs: IP hash and Linux balance-rr/xor/broadcast a static LAG, LACP policies (VDS LAG, OVS balance-tcp, Linux 802.3ad) an LACP LAG, each on one switch or a declared MLAG pair with no member on standby, and a switch-independent policy (originating port, MAC hash, load-based, failover order, active-backup, SLB, TLB/ALB, SET, or unbonded bridge ports) no LAG at all.',
  source:
    'VMware vSphere Networking, "Teaming and Failover Policy" (IP hash: static EtherChannel, LACP not supported on a standard switch, all uplinks active) and "LACP Support on a vSphere Distributed Switch"; ovs-vswitchd.conf.db(5) Port bond_mode and lacp (balance-tcp requires LACP); Linux Documentation/networking/bonding.rst, "Switch Configuration"; Microsoft Learn, "Switch Embedded Teaming (SET)" (switch independent only)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const vs of ctx.children('vswitch')) {
      const members = teamMembers(ctx, vs);
      // One member is one link, not a team: there is nothing to aggregate or to spread, so no LAG requirement.
      if (members.length < 2) continue;
      const side = TEAM_FACTS[vs.teamPolicy].side;
      if (side !== 'independent') standbyWithLag(this, vs, members, out);
      const cabled = cabledMembers(ctx, members);
      if (cabled.length < 2) continue;
      if (side === 'independent') independentSide(this, ctx, vs, cabled, out);
      else lagSide(this, ctx, vs, cabled, out);
    }
    return out;
  },
};

/**
 * The policy a switch of `kind` offers that asks the same of the physical switches as `policy` (so TEAM-001's verdict
 * stands), else the platform's default.
 */
export function nearestPolicy(kind: VswitchKind, policy: TeamPolicy): TeamPolicy {
  const side = TEAM_FACTS[policy].side;
  const same = side === 'lacp' ? LACP_POLICY[kind] : side === 'static-lag' ? STATIC_POLICY[kind] : null;
  return same ?? defaultTeamPolicy(kind);
}

const KIND_NAMES: Readonly<Record<VswitchKind, string>> = { vds: 'a vSphere switch', ovs: 'an Open vSwitch bridge', 'linux-bridge': 'a Linux bridge', hyperv: 'a Hyper-V switch' };

export const TEAM_002: HostRule = {
  id: 'TEAM-002',
  severity: 'error',
  scope: 'host',
  title: 'Teaming policy of the platform',
  description:
    "A virtual switch's teaming policy is one its platform offers (VDS: VMware's policies and LACP LAGs; OVS: its bond modes, unbonded ports or a Linux bond; Linux bridge: bonding modes 0-6 or unbonded ports; Hyper-V: SET); it is an error once two uplinks make the policy decide loops and LAGs, a warning before that.",
  source:
    'VMware vSphere Networking, "Teaming and Failover Policy"; ovs-vswitchd.conf.db(5) Port bond_mode; Linux Documentation/networking/bonding.rst (modes 0-6); Microsoft Learn, "Switch Embedded Teaming (SET)" (a Hyper-V switch teams only with SET; LBFO under a virtual switch is deprecated)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const vs of ctx.children('vswitch')) {
      const facts = TEAM_FACTS[vs.teamPolicy];
      if (facts.platforms.includes(vs.switchKind)) continue;
      const to = nearestPolicy(vs.switchKind, vs.teamPolicy);
      const offeredBy = listNames(facts.platforms.map((k) => KIND_NAMES[k]));
      // With one uplink the policy decides nothing yet (no team, no loop through the switch): a warning until it does.
      const members = teamMembers(ctx, vs).length;
      out.push(
        diag(this, `${nameOf(vs)} is ${KIND_NAMES[vs.switchKind]} but teams with ${label(vs.teamPolicy)}, which only ${offeredBy} offer${facts.platforms.length === 1 ? 's' : ''}, so its loops and LAGs are judged on a team it cannot run; use ${label(to)}.`, [vs.id], [], {
          label: `Use ${label(to)}`,
          commands: [{ type: 'updateElement', id: vs.id, changes: { teamPolicy: to } }],
        }, members >= 2 ? 'error' : 'warning'),
      );
    }
    return out;
  },
};

export const TEAM_RULES: readonly HostRule[] = [TEAM_001, TEAM_002];

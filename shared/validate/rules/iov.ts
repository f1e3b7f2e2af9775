/** SR-IOV and VMDq rules (DOMAIN.md §3 IOV-*, VMDQ-001). */
import { exhaustive, HOSTDEV_PORT, numberedPortIndex, parseVfPort, type ElementOf, type Vm } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import { diag, type Diagnostic, type HostContext, type HostRule } from '../types';
import { listNames, nameOf } from '../format';
import { TEAM_FACTS } from '../../model/teaming';
import { activeMembers, teamMembers } from './team';

type VfDevice = ElementOf<'nic'> | ElementOf<'endpoint'>;

/** VF links of the host grouped by device. */
function vfLinksByDevice(ctx: HostContext): Map<string, LinkOf<'vf'>[]> {
  return ctx.memo('vf-links-by-device', () => {
    const m = new Map<string, LinkOf<'vf'>[]>();
    for (const l of ctx.hostLinks('vf')) {
      const list = m.get(l.b.element);
      if (list) list.push(l);
      else m.set(l.b.element, [l]);
    }
    return m;
  });
}

export const IOV_001: HostRule = {
  id: 'IOV-001',
  severity: 'error',
  scope: 'host',
  title: 'VF budget',
  description: "Enabled VFs stay within each PF's TotalVFs and the device's own maximum (per-device caps such as i40e 128 and ice 256; per-PF caps such as ixgbe 63).",
  source: 'PCI-SIG SR-IOV 1.1 (TotalVFs); Linux i40e I40E_MAX_VF_COUNT, ice ICE_MAX_SRIOV_VFS, ixgbe max_vfs (corpus/nics.md)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const nic of ctx.children('nic')) {
      nic.physicalFunctions.forEach((pf, i) => {
        if (pf.totalVfs !== null && pf.enabledVfs > pf.totalVfs) {
          const pfs = nic.physicalFunctions.map((p, j) => (j === i ? { ...p, enabledVfs: p.totalVfs! } : p));
          out.push(diag(this, `${nameOf(nic)} PF${i} enables ${pf.enabledVfs} VFs but its TotalVFs is ${pf.totalVfs}; lower the enabled VFs to at most ${pf.totalVfs}.`, [nic.id], [], {
            label: `Set PF${i} VFs to ${pf.totalVfs}`,
            commands: [{ type: 'updateElement', id: nic.id, changes: { physicalFunctions: pfs } }],
          }));
        }
      });
      const total = nic.physicalFunctions.reduce((s, pf) => s + pf.enabledVfs, 0);
      if (nic.maxVfsPerDevice !== null && total > nic.maxVfsPerDevice) {
        out.push(diag(this, `${nameOf(nic)} enables ${total} VFs across its PFs but the device supports at most ${nic.maxVfsPerDevice}; spread fewer VFs over the PFs.`, [nic.id]));
      }
    }
    for (const ep of ctx.children('endpoint')) {
      const s = ep.sriov;
      if (s && s.totalVfs !== null && s.enabledVfs > s.totalVfs) {
        out.push(diag(this, `${nameOf(ep)} enables ${s.enabledVfs} VFs but its TotalVFs is ${s.totalVfs}; lower the enabled VFs.`, [ep.id], [], {
          label: `Set VFs to ${s.totalVfs}`,
          commands: [{ type: 'updateElement', id: ep.id, changes: { sriov: { ...s, enabledVfs: s.totalVfs } } }],
        }));
      }
    }
    return out;
  },
};

export const IOV_002: HostRule = {
  id: 'IOV-002',
  severity: 'error',
  scope: 'host',
  title: 'VF assignment',
  description: "A VF is assigned to at most one VM, and a VM's VF belongs to a device in the VM's own host.",
  source: 'PCI-SIG SR-IOV (a VF is a function assigned to one system image)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const byPort = new Map<string, LinkOf<'vf'>[]>();
    for (const l of ctx.hostLinks('vf')) {
      const vm = ctx.element(l.a.element);
      const dev = ctx.element(l.b.element);
      if (vm?.kind !== 'vm' || (dev?.kind !== 'nic' && dev?.kind !== 'endpoint')) {
        out.push(diag(this, `VF link ${l.id} must run from a VM vNIC to a NIC or device VF; reconnect it.`, [l.a.element, l.b.element], [l.id]));
        continue;
      }
      // Reported once, by the VM's host (the link is also seen from the device's host).
      if (vm.parent !== dev.parent && vm.parent === ctx.host.id) {
        out.push(diag(this, `${nameOf(vm)} uses a VF of ${nameOf(dev)}, which is in another host; a VM can only use VFs of its own host's devices.`, [vm.id, dev.id], [l.id]));
      }
      const key = `${dev.id}\u0000${l.b.port}`;
      const list = byPort.get(key);
      if (list) list.push(l);
      else byPort.set(key, [l]);
    }
    for (const [key, list] of byPort) {
      if (list.length < 2) continue;
      const [dev, port] = key.split('\u0000') as [string, string];
      const vms = [...new Set(list.map((l) => l.a.element))];
      const vf = parseVfPort(port);
      out.push(diag(this, `${vf ? `VF ${vf.vf} of PF${vf.pf}` : port} on ${nameOf(ctx.element(dev))} is assigned ${list.length} times (${listNames(vms.map((v) => nameOf(ctx.element(v), v)))}); give each VM its own VF.`, [dev, ...vms], list.map((l) => l.id)));
    }
    return out;
  },
};

/** vNIC ids of a VM attached to a virtual switch port group. */
function vswitchVnics(ctx: HostContext, vm: Vm): Set<string> {
  const s = new Set<string>();
  for (const l of ctx.linksOf(vm.id)) if (l.kind === 'vnic' && l.a.element === vm.id) s.add(l.a.port);
  return s;
}

export const IOV_003: HostRule = {
  id: 'IOV-003',
  severity: 'warning',
  scope: 'host',
  title: 'Passthrough blocks live migration',
  description:
    'A VM holding a VF or a whole passthrough device (a NIC physical function, GPU, HBA/NVMe controller, accelerator) cannot live-migrate; a VF or NIC function is excused when its vNIC is teamed with a virtual-switch vNIC that carries the traffic during the move, a whole GPU, HBA or accelerator never is.',
  source:
    'VMware vSphere SR-IOV and DirectPath I/O limitations (vMotion unsupported); QEMU VFIO devices are not migratable by default (hw/vfio migration needs device support); Linux net_failover / virtio failover',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const vm of ctx.children('vm')) {
      const held = ctx.linksOf(vm.id).filter((l): l is LinkOf<'vf'> | LinkOf<'passthrough'> => (l.kind === 'vf' || l.kind === 'passthrough') && l.a.element === vm.id);
      if (held.length === 0) continue;
      const onSwitch = vswitchVnics(ctx, vm);
      const unprotected = held.filter((l) => {
        if (l.a.port === HOSTDEV_PORT) return true;
        const team = vm.vnics.find((v) => v.id === l.a.port)?.team ?? null;
        return team === null || !vm.vnics.some((v) => v.team === team && v.id !== l.a.port && onSwitch.has(v.id));
      });
      if (unprotected.length === 0) continue;
      const vfs = unprotected.filter((l) => l.kind === 'vf');
      const nicFns = unprotected.filter((l) => l.kind === 'passthrough' && l.a.port !== HOSTDEV_PORT);
      const devices = unprotected.filter((l) => l.a.port === HOSTDEV_PORT);
      const parts = [
        ...(vfs.length ? [`a VF on ${listNames(vfs.map((l) => l.a.port))}`] : []),
        ...(nicFns.length ? [`a whole NIC function on ${listNames(nicFns.map((l) => `${l.a.port} (${nameOf(ctx.element(l.b.element), l.b.element)} ${l.b.port})`))}`] : []),
        ...(devices.length ? [`the whole of ${listNames(devices.map((l) => nameOf(ctx.element(l.b.element), l.b.element)))}`] : []),
      ];
      const advice = devices.length
        ? vfs.length + nicFns.length
          ? 'give the network functions a teamed failover vNIC on a port group, and plan the devices\' VM to stay on this host (or shut it down to move it)'
          : 'plan it to stay on this host, or shut it down to move it'
        : 'add a failover vNIC on a port group in the same team, or accept that it stays on this host';
      const teamNote = devices.length === 0 ? ' with no teamed virtual-switch vNIC' : '';
      out.push(diag(this, `${nameOf(vm)} uses ${parts.join(' and ')}${teamNote}, so it cannot live-migrate; ${advice}.`, [vm.id], unprotected.map((l) => l.id)));
    }
    return out;
  },
};

/** A virtual switch's uplink or S-channel landing on a NIC port. */
interface Attachment {
  vs: ElementOf<'vswitch'>;
  link: LinkOf<'uplink'> | LinkOf<'sChannel'>;
}

/** Uplinks and S-channels of the host's virtual switches that land on a NIC. */
function attachmentsOnNic(ctx: HostContext, nicId: string): Attachment[] {
  const out: Attachment[] = [];
  for (const l of ctx.linksOf(nicId)) {
    if (l.kind !== 'uplink' && l.kind !== 'sChannel') continue;
    const vs = ctx.element(l.a.element);
    if (vs?.kind === 'vswitch') out.push({ vs, link: l });
  }
  return out;
}

/**
 * The bridging an attachment asks of the NIC: an S-channel carries its own mode (802.1Qbg: each S-channel is a VEB or
 * a VEPA), a plain uplink the switch's EVB mode; VN-Tag asks nothing of the embedded bridge.
 */
function attachmentMode({ vs, link }: Attachment): 'veb' | 'vepa' | null {
  if (link.kind === 'sChannel') return link.mode;
  switch (vs.evbMode) {
    case 'veb':
      return 'veb';
    case 'vepa':
    case 'vepa-multichannel':
      return 'vepa';
    case 'vntag':
      return null;
    default:
      return exhaustive(vs.evbMode);
  }
}

/** "vs1" or "vs1 (S-channel 10)" for an attachment, as messages name it. */
const attachmentName = ({ vs, link }: Attachment) => (link.kind === 'sChannel' ? `${nameOf(vs)} (S-channel ${link.svid})` : nameOf(vs));

export const IOV_004: HostRule = {
  id: 'IOV-004',
  severity: 'error',
  scope: 'host',
  title: 'Embedded bridge mode',
  description:
    "A NIC's embedded bridge mode (VEB or VEPA) matches the EVB design of the virtual switches on it, judged per S-channel where channels are used; otherwise VF-to-VF traffic is switched where the design says it must not be.",
  source: 'IEEE 802.1Qbg (VEB vs VEPA; each S-channel is bridged as VEB or VEPA); Linux bridge hwmode (ip link set … hwmode vepa)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const nic of ctx.children('nic')) {
      const vfs = nic.physicalFunctions.reduce((s, pf) => s + pf.enabledVfs, 0);
      if (vfs === 0) continue;
      const attachments = attachmentsOnNic(ctx, nic.id);
      const wantVepa = attachments.filter((a) => attachmentMode(a) === 'vepa');
      const wantVeb = attachments.filter((a) => attachmentMode(a) === 'veb');
      const ids = (list: Attachment[]) => [...new Set(list.map((a) => a.vs.id))];
      const names = (list: Attachment[]) => listNames([...new Set(list.map(attachmentName))]);
      const channels = (list: Attachment[]) => list.filter((a) => a.link.kind === 'sChannel').map((a) => a.link.id);
      if (nic.embeddedBridge === 'veb' && wantVepa.length > 0) {
        out.push(diag(this, `${nameOf(nic)} switches VF traffic locally (VEB) but ${names(wantVepa)} on it is VEPA, so VF-to-VF traffic would bypass the adjacent bridge; set the NIC's embedded bridge to VEPA.`, [nic.id, ...ids(wantVepa)], channels(wantVepa), {
          label: 'Set embedded bridge to VEPA',
          commands: [{ type: 'updateElement', id: nic.id, changes: { embeddedBridge: 'vepa' } }],
        }));
      } else if (nic.embeddedBridge === 'vepa' && wantVeb.length > 0 && wantVepa.length === 0) {
        out.push(diag(this, `${nameOf(nic)} sends VF traffic to the adjacent bridge (VEPA) but ${names(wantVeb)} on it is VEB; set the NIC's embedded bridge to VEB or the switch to VEPA.`, [nic.id, ...ids(wantVeb)], channels(wantVeb), {
          label: 'Set embedded bridge to VEB',
          commands: [{ type: 'updateElement', id: nic.id, changes: { embeddedBridge: 'veb' } }],
        }));
      }
    }
    return out;
  },
};

export const IOV_005: HostRule = {
  id: 'IOV-005',
  severity: 'info',
  scope: 'host',
  title: 'VF-to-VF crosses PCIe twice',
  description: "Traffic between two VFs of the same NIC port (physical function) is switched by the NIC's embedded bridge and crosses the PCIe link twice (down and back up); VFs of different ports meet only through the adjacent switch.",
  source: 'SR-IOV data path (DOMAIN.md §1 and §4); the embedded bridge is per PF: Linux i40e (one VEB per PF), ixgbe (loopback per port), mlx5 (e-switch mode per PF)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const [dev, links] of vfLinksByDevice(ctx)) {
      const el = ctx.element(dev) as VfDevice | undefined;
      if (!el || (el.kind === 'nic' && el.embeddedBridge !== 'veb')) continue;
      const byPf = new Map<number, typeof links>();
      for (const l of links) {
        const pf = parseVfPort(l.b.port)?.pf ?? 0;
        (byPf.get(pf) ?? byPf.set(pf, []).get(pf)!).push(l);
      }
      for (const [pf, pfLinks] of [...byPf].sort((a, b) => a[0] - b[0])) {
        const vms = [...new Set(pfLinks.map((l) => l.a.element))];
        if (vms.length < 2) continue;
        const where = el.kind === 'nic' && el.physicalFunctions.length > 1 ? `PF ${pf} of ${nameOf(el)}` : nameOf(el);
        out.push(diag(this, `${vms.length} VMs use VFs of ${where}: traffic between them turns in the NIC and counts twice against its PCIe link; the simulator accounts for it.`, [el.id, ...vms], pfLinks.map((l) => l.id)));
      }
    }
    return out;
  },
};

/**
 * VMDq pools a virtual switch's VMs can use on one NIC port. With VFs enabled on the port's PF the pools go to the VFs
 * and the PF keeps one (Linux ixgbe.rst, max_vfs: "When VFs are configured, the PF is allocated one pool as well"; the
 * 82599 groups its 128 queues per port into 32 or 64 pools in SR-IOV mode); otherwise the port's own pools.
 */
export function switchPoolsOnPort(nic: ElementOf<'nic'>, port: string): number | null {
  if (nic.vmdqPools === null) return null;
  // Each port has its own PF (`physicalFunctions` is one entry per port, in port order).
  const pf = nic.physicalFunctions[numberedPortIndex(port, 'eth', nic.ports) ?? -1];
  return pf !== undefined && pf.enabledVfs > 0 ? Math.min(1, nic.vmdqPools) : nic.vmdqPools;
}

export const VMDQ_001: HostRule = {
  id: 'VMDQ-001',
  severity: 'warning',
  scope: 'host',
  title: 'VMDq pools',
  description:
    "VMs on a virtual switch beyond the VMDq pools its team can use fall back to the default queue and lose per-VM queue sorting: a switch-independent team pins each VM to one member, so its active members' pools add up; active-backup uses the active member's only; a LAG (static or LACP) spreads every VM's flows over all members, so each member needs a pool per VM; VFs take a port's pools, leaving the PF one.",
  source:
    'DPDK VMDq documentation; Linux Documentation/networking/device_drivers/ethernet/intel/ixgbe.rst (max_vfs: with VFs the PF is allocated one pool); corpus/nics.md; VMware vSphere Networking, "Teaming and Failover Policy" (active and standby uplinks); Linux bonding.rst (active-backup: one slave active)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const vs of ctx.children('vswitch')) {
      // The distinct NIC ports the switch can send on (S-channels on one port share that port's pools), and of those
      // the ones its teaming policy uses: uncabled and standby members wait, and active-backup sends on one member.
      const members = teamMembers(ctx, vs);
      if (members.length === 0) continue;
      const used = activeMembers(ctx, vs, members);
      const facts = TEAM_FACTS[vs.teamPolicy];
      // Inbound frames for a VM arrive where the physical switch sends them. A switch-independent team keeps each VM on
      // one member (the switch learns its MAC there), so pools add up over members; a LAG hashes each VM's flows over
      // every member (and broadcast sends on all), so every member needs a pool per VM and the smallest one decides.
      const everywhere = used.length > 1 && (facts.side !== 'independent' || facts.spread === 'broadcast');
      let pools = everywhere ? Infinity : 0;
      let known = true;
      let withVfs = 0;
      for (const { nic, port } of used) {
        const p = switchPoolsOnPort(nic, port);
        if (p === null) known = false;
        else pools = everywhere ? Math.min(pools, p) : pools + p;
        if (p !== null && p !== nic.vmdqPools) withVfs++;
      }
      // A port whose pools are unknown could hold any number of VMs: the switch's total is unknown.
      if (!known) continue;
      const vms = new Set<string>();
      for (const l of ctx.linksOf(vs.id)) if (l.kind === 'vnic' && l.b.element === vs.id) vms.add(l.a.element);
      if (vms.size <= pools) continue;
      const nics = [...new Set(used.map((p) => p.nic.id))];
      const where = listNames(used.map(({ nic, port }) => `${nameOf(nic)} ${port} (${switchPoolsOnPort(nic, port)})`), 4);
      const policy = TEAM_FACTS[vs.teamPolicy].label;
      const reach = everywhere
        ? `whose team, ${policy}, sends every VM's flows over each member, so each member needs a pool per VM and the smallest has ${pools}, on ${where}`
        : `whose ${used.length < members.length ? `active uplink${used.length === 1 ? '' : 's'} under ${policy} reach${used.length === 1 ? 'es' : ''}` : 'uplinks reach'} ${pools} VMDq pool${pools === 1 ? '' : 's'} on ${where}`;
      const vfNote = withVfs > 0 ? `; VFs are enabled on ${withVfs === 1 ? 'one of these ports' : `${withVfs} of these ports`}, which leaves the PF one pool there` : '';
      out.push(diag(this, `${vms.size} VMs use ${nameOf(vs)}, ${reach}${vfNote}; ${vms.size - pools} VMs fall to the default queue (add uplinks on free ports or spread VMs over more NICs).`, [vs.id, ...nics]));
    }
    return out;
  },
};

export const IOV_RULES: readonly HostRule[] = [IOV_001, IOV_002, IOV_003, IOV_004, IOV_005, VMDQ_001];

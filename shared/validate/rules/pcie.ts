/**
 * PCIe rules: topology, tree shape, link training, lanes, bandwidth, functions, IOMMU groups (DOMAIN.md §3 PCI-*).
 * PCI-001 to PCI-004 also check PCIe elements drawn outside every host (a shared MR-IOV chassis): they collect each
 * host's findings in the host pass and add the outside ones in a fabric step.
 */
import { findPort, type ElementOf } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import { pcieProtocolEfficiency, pcieRawGbps } from '../../model/pcie';
import { diag, type DesignView, type Diagnostic, type FabricContext, type FabricRule, type HostContext, type HostRule, type RuleMeta } from '../types';
import { isPcieNode, pcieParents, pcieTreeOf, rootsOf, type HostPcieTree, type PcieNode, type TrainedLink } from '../pcie-tree';
import { functionUses, iommuGroups, vmLinks, type FunctionOwner, type IommuGroup } from '../iommu';
import { outsidePcie, PCIE_OUTSIDE_READS } from '../pcie-outside';
import { hostFindingsInOrder } from '../host-findings';
import { gbps, linkSpeed, listNames, nameOf } from '../format';

/** Max payload size assumed for the protocol-efficiency factor until a design sets its own. */
export const DEFAULT_MAX_PAYLOAD = 256;

/**
 * The fabric step shared by PCI-001 to PCI-004: every host's own findings (its facts, in host order), then what the
 * rule finds among the PCIe elements drawn outside every host, which no host pass sees.
 */
function hostsThenOutside(rule: RuleMeta, ctx: FabricContext, facts: ReadonlyMap<string, Diagnostic[]>, changed: ReadonlySet<string>, outside: Diagnostic[]): Diagnostic[] {
  const hosts = hostFindingsInOrder(ctx, rule.id, facts, changed, (f) => f);
  if (outside.length === 0) return hosts as Diagnostic[];
  const out = hosts.slice();
  for (const d of outside) out.push(d);
  return out;
}

/** PCI-001's findings on one PCIe switch's port counts. */
function switchPortRoles(rule: RuleMeta, s: ElementOf<'pcieSwitch'>, out: Diagnostic[]): void {
  if (s.upstreamPorts !== 1 && !s.mrIov) {
    out.push(diag(rule, `PCIe switch ${nameOf(s)} has ${s.upstreamPorts} upstream ports; a single-root switch has exactly one (mark it MR-IOV if it really connects several hosts).`, [s.id], [], {
      label: 'Set one upstream port',
      commands: [{ type: 'updateElement', id: s.id, changes: { upstreamPorts: 1 } }],
    }));
  }
  if (s.downstreamWidths.length === 0) out.push(diag(rule, `PCIe switch ${nameOf(s)} has no downstream ports; give it at least one.`, [s.id]));
}

/** PCI-001's findings on one PCIe link's ends. */
function linkPortRoles(rule: RuleMeta, view: DesignView, l: LinkOf<'pcie'>, out: Diagnostic[]): void {
  const a = view.element(l.a.element);
  const b = view.element(l.b.element);
  if (!isPcieNode(a) || !isPcieNode(b)) {
    const bad = !isPcieNode(a) ? a : b;
    out.push(diag(rule, `PCIe link ${l.id} ends at ${nameOf(bad, '?')}, which has no PCIe port; connect PCIe links only between root complexes, PCIe switches and PCIe devices.`, [l.a.element, l.b.element], [l.id]));
    return;
  }
  const ra = findPort(a, l.a.port)?.role;
  const rb = findPort(b, l.b.port)?.role;
  if (ra === 'pcie-down' && rb === 'pcie-up') return;
  if (ra === 'pcie-up' && rb === 'pcie-down') {
    out.push(diag(rule, `PCIe link ${l.id} runs from ${nameOf(a)} ${l.a.port} (upstream) to ${nameOf(b)} ${l.b.port} (downstream); reverse it so the root side comes first.`, [a.id, b.id], [l.id], {
      label: 'Reverse link',
      commands: [{ type: 'updateLink', id: l.id, changes: { a: l.b, b: l.a } }],
    }));
  } else {
    out.push(diag(rule, `PCIe link ${l.id} joins two ${ra === 'pcie-up' ? 'upstream' : 'downstream'} ports (${nameOf(a)} ${l.a.port}, ${nameOf(b)} ${l.b.port}); a link needs one downstream and one upstream end.`, [a.id, b.id], [l.id]));
  }
}

export const PCI_001: FabricRule<Diagnostic[]> = {
  id: 'PCI-001',
  severity: 'error',
  scope: 'fabric',
  title: 'PCIe port roles',
  description: 'A PCIe switch has exactly one upstream port (several only with MR-IOV) and at least one downstream port; an endpoint has one upstream port; links run from a downstream port to an upstream port, inside a host or outside one.',
  source: 'PCI Express Base Specification, topology (switches: one upstream port, virtual PCI-PCI bridges downstream)',
  reads: PCIE_OUTSIDE_READS,
  collect(ctx) {
    const out: Diagnostic[] = [];
    for (const s of ctx.children('pcieSwitch')) switchPortRoles(this, s, out);
    for (const l of ctx.hostLinks('pcie')) linkPortRoles(this, ctx, l, out);
    return out;
  },
  check(ctx, facts, changed) {
    const out: Diagnostic[] = [];
    const outside = outsidePcie(ctx);
    for (const n of outside.nodes) if (n.kind === 'pcieSwitch') switchPortRoles(this, n, out);
    for (const l of outside.links) linkPortRoles(this, ctx, l, out);
    return hostsThenOutside(this, ctx, facts, changed, out);
  },
};

/** PCI-002's finding on one device (switch or adapter) from its parent links and the roots above it, if any. */
function treeShape(rule: RuleMeta, node: PcieNode, ups: readonly TrainedLink[], roots: readonly string[], out: Diagnostic[]): void {
  if (node.kind === 'rootComplex') return;
  const viaMrIov = ups.some((t) => t.upstream.kind === 'pcieSwitch' && t.upstream.mrIov) || (node.kind === 'pcieSwitch' && node.mrIov);
  if (ups.length === 0) {
    out.push(diag(rule, `${nameOf(node)} is not connected to a root complex; wire its upstream port to a root port or a PCIe switch downstream port.`, [node.id]));
  } else if (roots.length === 0) {
    out.push(diag(rule, `${nameOf(node)} does not reach a root complex (its upstream path forms a loop or ends at a detached switch); every device needs a path to exactly one root.`, [node.id], ups.map((t) => t.link.id)));
  } else if (ups.length > 1 && !(node.kind === 'pcieSwitch' && node.mrIov)) {
    out.push(diag(rule, `${nameOf(node)} has ${ups.length} upstream links (${listNames(ups.map((t) => nameOf(t.upstream)))}); a PCIe device has one parent, so remove all but one${node.kind === 'pcieSwitch' ? ', or make it an MR-IOV switch if it really connects several hosts' : ''}.`, [node.id, ...ups.map((t) => t.upstream.id)], ups.map((t) => t.link.id)));
  } else if (roots.length > 1) {
    const mrAware = (node.kind === 'nic' || node.kind === 'endpoint') && node.mrIovAware;
    if (!(viaMrIov && (mrAware || node.kind === 'pcieSwitch'))) {
      out.push(diag(rule, `${nameOf(node)} is reachable from ${roots.length} root complexes; only an MR-IOV switch may share MR-IOV-aware adapters between roots.`, [node.id, ...roots]));
    }
  }
}

const NO_TREE: HostPcieTree = { links: [], parents: new Map(), childLinks: new Map(), nodes: [] };

export const PCI_002: FabricRule<Diagnostic[]> = {
  id: 'PCI-002',
  severity: 'error',
  scope: 'fabric',
  title: 'Single-root tree',
  description: 'The PCIe graph is a tree wherever it is drawn: one parent per device, no cycles, every device under exactly one root complex; two roots only through an MR-IOV switch to MR-IOV-aware adapters.',
  source: 'PCI Express Base Specification; Multi-Root I/O Virtualization and Sharing Specification',
  reads: PCIE_OUTSIDE_READS,
  collect(ctx) {
    const out: Diagnostic[] = [];
    const tree = pcieTreeOf(ctx);
    // A path that leaves the host (through a switch drawn outside it) is followed through the whole design.
    const beyond = (id: string) => (ctx.element(id)?.parent === ctx.host.id ? null : pcieParents(ctx, id));
    for (const node of tree.nodes) treeShape(this, node, tree.parents.get(node.id) ?? [], node.kind === 'rootComplex' ? [] : rootsOf(tree, node.id, beyond), out);
    return out;
  },
  check(ctx, facts, changed) {
    const out: Diagnostic[] = [];
    const parents = (id: string) => pcieParents(ctx, id);
    for (const n of outsidePcie(ctx).nodes) if (n.kind !== 'rootComplex') treeShape(this, n, parents(n.id), rootsOf(NO_TREE, n.id, parents), out);
    return hostsThenOutside(this, ctx, facts, changed, out);
  },
};

/** PCI-003's finding on one trained link: a device held below what it can do, and what limits it. */
function trainingShortfall(rule: RuleMeta, t: TrainedLink, out: Diagnostic[]): void {
  const cap = { gen: t.down.gen, width: t.down.width };
  const genShort = cap.gen !== null && t.gen !== null && t.gen < cap.gen;
  const widthShort = cap.width !== null && t.width !== null && t.width < cap.width;
  if (!genShort && !widthShort) return;
  const limits: string[] = [];
  if (genShort) limits.push(t.link.slotGen !== null && t.link.slotGen === t.gen && (t.up.gen ?? 99) > t.gen ? `the slot (Gen${t.link.slotGen})` : `${nameOf(t.upstream)} ${t.link.a.port} (Gen${t.up.gen})`);
  if (widthShort) limits.push(t.link.slotWidth !== null && t.link.slotWidth === t.width && (t.up.width ?? 99) > t.width ? `the slot (x${t.link.slotWidth})` : `${nameOf(t.upstream)} ${t.link.a.port} (x${t.up.width})`);
  const capable = cap.gen !== null && cap.width !== null ? ` (${gbps(pcieRawGbps(cap.gen, cap.width))})` : '';
  const now = t.gen !== null && t.width !== null ? ` (${gbps(pcieRawGbps(t.gen, t.width))})` : '';
  out.push(diag(rule, `${nameOf(t.downstream)} trains at ${linkSpeed(t.gen, t.width)}${now}, capable of ${linkSpeed(cap.gen, cap.width)}${capable}, limited by ${[...new Set(limits)].join(' and ')}; move it to a faster, wider port if it needs the bandwidth.`, [t.downstream.id, t.upstream.id], [t.link.id]));
}

export const PCI_003: FabricRule<Diagnostic[]> = {
  id: 'PCI-003',
  severity: 'warning',
  scope: 'fabric',
  title: 'Link trains below capability',
  description: 'A link trains to the lower generation and narrower width of its ends, inside a host or outside one; warn when a device is held below what it can do, naming what limits it.',
  source: 'PCI Express Base Specification (link training); Linux drivers/pci/pci.c pcie_print_link_status',
  reads: PCIE_OUTSIDE_READS,
  collect(ctx) {
    const out: Diagnostic[] = [];
    for (const t of pcieTreeOf(ctx).links) trainingShortfall(this, t, out);
    return out;
  },
  check(ctx, facts, changed) {
    const out: Diagnostic[] = [];
    for (const t of outsidePcie(ctx).trained) trainingShortfall(this, t, out);
    return hostsThenOutside(this, ctx, facts, changed, out);
  },
};

/** PCI-004's lane finding on one root complex. */
function laneBudget(rule: RuleMeta, rc: ElementOf<'rootComplex'>, out: Diagnostic[]): void {
  const used = rc.rootPortWidths.reduce((s, w) => s + w, 0);
  if (used > rc.lanes) {
    out.push(diag(rule, `${nameOf(rc)} allocates ${used} lanes to its root ports but the socket provides ${rc.lanes}; narrow or remove root ports (bifurcation) to fit.`, [rc.id]));
  }
}

export const PCI_004: FabricRule<Diagnostic[]> = {
  id: 'PCI-004',
  severity: 'error',
  scope: 'fabric',
  title: 'Lane budget',
  description: "A root complex's root ports together use no more lanes than the socket provides, and the root complex sits on a socket of its host.",
  source: 'Platform data (CPU lane counts, e.g. 48/64/128 per socket)',
  reads: PCIE_OUTSIDE_READS,
  collect(ctx) {
    const out: Diagnostic[] = [];
    for (const rc of ctx.children('rootComplex')) {
      laneBudget(this, rc, out);
      if (rc.socket >= ctx.host.sockets.length) {
        out.push(diag(this, `${nameOf(rc)} is on socket ${rc.socket}, but ${nameOf(ctx.host)} has ${ctx.host.sockets.length} socket(s); set its socket to one that exists.`, [rc.id, ctx.host.id]));
      }
    }
    return out;
  },
  check(ctx, facts, changed) {
    const out: Diagnostic[] = [];
    for (const n of outsidePcie(ctx).nodes) {
      if (n.kind !== 'rootComplex') continue;
      laneBudget(this, n, out);
      // A root complex is part of a CPU socket: outside a server it belongs to no socket.
      out.push(diag(this, `Root complex ${nameOf(n)} is drawn outside any server, but a root complex is part of a CPU socket; move it into the server whose socket it belongs to.`, [n.id]));
    }
    return hostsThenOutside(this, ctx, facts, changed, out);
  },
};

/** Line-rate demand a device puts on its PCIe link per direction, Gb/s (null when unknown). */
export function deviceDemandGbps(node: PcieNode): number | null {
  if (node.kind === 'nic') return node.ports * node.speedGbps;
  if (node.kind === 'endpoint') return node.demandGbps;
  return null;
}

/** Usable Gb/s of a trained link per direction at the default max payload. */
export function usableGbps(t: TrainedLink, maxPayload = DEFAULT_MAX_PAYLOAD): number | null {
  if (t.gen === null || t.width === null) return null;
  return pcieRawGbps(t.gen, t.width) * pcieProtocolEfficiency(maxPayload);
}

export const PCI_005: HostRule = {
  id: 'PCI-005',
  severity: 'warning',
  scope: 'host',
  title: 'PCIe bandwidth',
  description: "A device's port line rates fit its trained link after protocol overhead; a switch whose downstream demand exceeds its upstream link is oversubscribed.",
  source: 'Derived from PCIe line encoding and TLP overhead (DOMAIN.md §2)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const tree = pcieTreeOf(ctx);
    const eff = pcieProtocolEfficiency(DEFAULT_MAX_PAYLOAD);
    const factor = `protocol efficiency ×${eff.toFixed(3)} at ${DEFAULT_MAX_PAYLOAD} B max payload`;
    const demandMemo = new Map<string, number>();
    // Demand below a node, capped by each child's own link (a device cannot push more than its link carries).
    const demandBelow = (id: string, depth = 0): number => {
      const cached = demandMemo.get(id);
      if (cached !== undefined) return cached;
      let sum = 0;
      if (depth < 64) {
        for (const t of tree.childLinks.get(id) ?? []) {
          const own = t.downstream.kind === 'pcieSwitch' ? demandBelow(t.downstream.id, depth + 1) : (deviceDemandGbps(t.downstream) ?? 0);
          const cap = usableGbps(t);
          sum += cap === null ? own : Math.min(own, cap);
        }
      }
      demandMemo.set(id, sum);
      return sum;
    };
    for (const t of tree.links) {
      const cap = usableGbps(t);
      if (cap === null) continue;
      if (t.downstream.kind === 'pcieSwitch') {
        const demand = demandBelow(t.downstream.id);
        if (demand > cap * (1 + 1e-9)) {
          out.push(diag(this, `PCIe switch ${nameOf(t.downstream)} is oversubscribed ${(demand / cap).toFixed(2)}:1: its devices can demand ${gbps(demand)} but its upstream ${linkSpeed(t.gen, t.width)} link carries ${gbps(cap)} (${factor}); accept the ratio or widen the uplink.`, [t.downstream.id], [t.link.id]));
        }
        continue;
      }
      const demand = deviceDemandGbps(t.downstream);
      if (demand !== null && demand > cap * (1 + 1e-9)) {
        const what = t.downstream.kind === 'nic' ? `${t.downstream.ports}×${t.downstream.speedGbps} GbE ports need ${gbps(demand)}` : `needs ${gbps(demand)}`;
        out.push(diag(this, `${nameOf(t.downstream)}: ${what} per direction but its ${linkSpeed(t.gen, t.width)} link carries ${gbps(cap)} (${factor}): ${(demand / cap).toFixed(2)}× what the link gives; use a faster or wider slot, or expect ports below line rate.`, [t.downstream.id], [t.link.id]));
      }
    }
    return out;
  },
};

/** PCI functions of a device: its PFs plus enabled VFs (NICs), or functions plus VFs (endpoints). */
export function functionCount(node: PcieNode): number {
  if (node.kind === 'nic') return Math.max(1, node.physicalFunctions.length) + node.physicalFunctions.reduce((s, pf) => s + pf.enabledVfs, 0);
  if (node.kind === 'endpoint') return node.functions + (node.sriov?.enabledVfs ?? 0);
  return 1;
}

export const PCI_006: HostRule = {
  id: 'PCI-006',
  severity: 'error',
  scope: 'host',
  title: 'Buses, devices and functions',
  description: 'Per segment at most 256 buses; one device (device 0) per PCIe link; at most 8 functions per device without ARI, which the device and the port above must both support.',
  source: 'PCI Express Base Specification (routing IDs); PCIe ARI ECN; Linux drivers/pci/pci.c pci_enable_ari',
  check(ctx) {
    const out: Diagnostic[] = [];
    const tree = pcieTreeOf(ctx);
    // Bus 0 for the root, one secondary bus per root port and per switch port, extra buses for VFs beyond 256.
    let buses = 1;
    for (const rc of ctx.children('rootComplex')) buses += rc.rootPortWidths.length;
    for (const s of ctx.children('pcieSwitch')) buses += 1 + s.downstreamWidths.length;
    for (const node of tree.nodes) {
      if (node.kind !== 'nic' && node.kind !== 'endpoint') continue;
      const fns = functionCount(node);
      buses += Math.max(0, Math.ceil(fns / 256) - 1);
      if (fns <= 8) continue;
      const up = tree.parents.get(node.id)?.[0];
      const portAri = !up || (up.upstream.kind !== 'nic' && up.upstream.kind !== 'endpoint' && up.upstream.ari);
      if (!node.ari || !portAri) {
        const missing = !node.ari ? `${nameOf(node)} has no ARI` : `the port above (${nameOf(up!.upstream)} ${up!.link.a.port}) has no ARI`;
        out.push(diag(this, `${nameOf(node)} exposes ${fns} functions but only 8 fit a device without ARI, and ${missing}; enable ARI on both or reduce the enabled VFs.`, [node.id, ...(up ? [up.upstream.id] : [])], up ? [up.link.id] : []));
      }
    }
    if (buses > 256) {
      out.push(diag(this, `${nameOf(ctx.host)} needs ${buses} bus numbers in its PCIe segment but a segment has 256; remove switches or VFs, or split devices across segments.`, [ctx.host.id]));
    }
    for (const [parent, links] of tree.childLinks) {
      const byPort = new Map<string, TrainedLink[]>();
      for (const t of links) {
        const list = byPort.get(t.link.a.port);
        if (list) list.push(t);
        else byPort.set(t.link.a.port, [t]);
      }
      for (const [port, list] of byPort) {
        if (list.length < 2) continue;
        const el = ctx.element(parent)!;
        out.push(diag(this, `${nameOf(el)} ${port} carries ${list.length} devices (${listNames(list.map((t) => nameOf(t.downstream)))}); a PCIe link has exactly one device (device 0), so give each its own port.`, [parent, ...list.map((t) => t.downstream.id)], list.map((t) => t.link.id)));
      }
    }
    return out;
  },
};

/**
 * PCI-007's finding on a host whose IOMMU is off while VMs hold VFs or whole devices of it: VFIO assigns nothing
 * without DMA remapping (there are no IOMMU groups to own), so the group findings below only matter once it is on.
 */
function iommuOff(rule: RuleMeta, ctx: HostContext, assigned: readonly (LinkOf<'vf'> | LinkOf<'passthrough'>)[]): Diagnostic | null {
  if (ctx.host.iommu) return null;
  const vms = new Set<string>();
  const devices = new Set<string>();
  const links: string[] = [];
  let vfs = false;
  let whole = false;
  for (const l of assigned) {
    // The IOMMU that must translate a device's DMA is that of the server holding the device.
    if (ctx.element(l.b.element)?.parent !== ctx.host.id) continue;
    vms.add(l.a.element);
    devices.add(l.b.element);
    links.push(l.id);
    if (l.kind === 'vf') vfs = true;
    else whole = true;
  }
  if (links.length === 0) return null;
  const kvm = ctx.host.hypervisor === 'kvm';
  const what = vfs && whole ? 'VFs and devices' : vfs ? 'VFs' : 'devices';
  const vmNames = listNames([...vms].map((v) => nameOf(ctx.element(v), v)));
  const consequence = kvm
    ? `VFIO cannot assign a device without DMA remapping (there are no IOMMU groups), so ${vms.size === 1 ? `the VM cannot start with its ${what}` : `the VMs cannot start with their ${what}`}`
    : `${ctx.host.hypervisor} needs it too to pass ${what} through (VT-d/AMD-Vi for passthrough), and without it nothing keeps a device's DMA inside its VM`;
  const held = vfs && !whole ? `VFs of ${listNames([...devices].map((d) => nameOf(ctx.element(d), d)))}` : `${what === 'devices' ? '' : 'VFs or the whole of '}${listNames([...devices].map((d) => nameOf(ctx.element(d), d)))}`;
  return diag(
    rule,
    `${vmNames} ${vms.size === 1 ? 'holds' : 'hold'} ${held} but ${nameOf(ctx.host)} has its IOMMU (Intel VT-d / AMD-Vi) off: ${consequence}; enable the IOMMU in the firmware and on the kernel command line (intel_iommu=on on Intel).`,
    [ctx.host.id, ...vms, ...devices],
    links,
    { label: `Enable the IOMMU on ${ctx.host.name || ctx.host.id}`, commands: [{ type: 'updateElement', id: ctx.host.id, changes: { iommu: true } }] },
    kvm ? 'error' : 'warning',
  );
}

/** "VFs", "whole devices" or "VFs and whole devices": what a set of VM owners holds. */
function heldKinds(owners: readonly FunctionOwner[]): string {
  const vf = owners.some((o) => o.kind === 'vm' && !o.whole);
  const whole = owners.some((o) => o.kind === 'vm' && o.whole);
  return vf && whole ? 'VFs and whole devices' : whole ? (owners.filter((o) => o.kind === 'vm').length === 1 ? 'a whole device' : 'whole devices') : 'VFs';
}

/**
 * One function with two owners: a VM holds a whole PF or endpoint that the host's driver also runs (it creates the
 * function's VFs, or a virtual switch uses its port). A function has one driver at a time on every hypervisor, so this
 * is an error wherever it happens.
 */
function functionConflicts(rule: RuleMeta, ctx: HostContext, out: Diagnostic[]): void {
  for (const device of [...ctx.children('nic'), ...ctx.children('endpoint')]) {
    const uses = functionUses(ctx, device);
    for (const u of uses) {
      const vm = u.owners.find((o) => o.kind === 'vm' && o.whole);
      const host = u.owners.find((o) => o.kind === 'host');
      if (!vm || vm.kind !== 'vm' || !host || host.kind !== 'host') continue;
      const vmEl = ctx.element(vm.vm);
      const vfHolders = [...new Set(uses.flatMap((f) => f.owners.flatMap((o) => (o.kind === 'vm' && !o.whole ? [o.vm] : []))))];
      out.push(
        diag(
          rule,
          `${nameOf(device)} ${u.fn} is passed through to ${nameOf(vmEl, vm.vm)}, but ${nameOf(ctx.host)}'s driver also runs it (it ${host.why}): a function has one driver at a time, so ${nameOf(vmEl, vm.vm)} cannot start with it while the host uses it; pass through a free function, or give up ${host.why === 'creates its VFs' ? 'the VFs' : 'the virtual switch on that port'}.`,
          [device.id, vm.vm, ...vfHolders],
          [vm.link.id],
          { label: `Remove the passthrough of ${nameOf(device)} ${u.fn}`, commands: [{ type: 'remove', elements: [], links: [vm.link.id] }] },
          'error',
        ),
      );
    }
  }
}

export const PCI_007: HostRule = {
  id: 'PCI-007',
  severity: 'warning',
  scope: 'host',
  title: 'IOMMU groups for device assignment',
  description:
    'Device assignment (VFs, whole PFs, GPUs, HBAs, NVMe controllers, accelerators) needs the host\'s IOMMU on; a function has one owner, so a device passed through while the host drives it is an error; and devices below a switch or root port without ACS share an IOMMU group that VFIO hands whole to one owner, so VMs holding functions there and the host cannot all own it: an error on KVM, a warning on other hypervisors.',
  source:
    'Linux Documentation/driver-api/vfio.rst (the group is the unit of ownership; a group is viable only when all its devices are bound to VFIO) and drivers/vfio/Kconfig (VFIO is built on IOMMU isolation); Documentation/admin-guide/kernel-parameters.txt intel_iommu=on / amd_iommu; drivers/iommu/iommu.c pci_device_group and drivers/pci/pci.c pci_acs_path_enabled; Red Hat Virtualization Deployment and Administration Guide (IOMMU groups); libvirt formatdomain <hostdev> (managed devices are detached from the host driver)',
  check(ctx) {
    const out: Diagnostic[] = [];
    const vfLinks = ctx.hostLinks('vf');
    const ptLinks = ctx.hostLinks('passthrough');
    if (vfLinks.length === 0 && ptLinks.length === 0) return out;
    const noIommu = iommuOff(this, ctx, [...vfLinks, ...ptLinks]);
    if (noIommu) out.push(noIommu);
    functionConflicts(this, ctx, out);
    const kvm = ctx.host.hypervisor === 'kvm';
    const seen = new Set<IommuGroup>();
    for (const g of iommuGroups(pcieTreeOf(ctx)).values()) {
      if (!g.root || seen.has(g)) continue;
      seen.add(g);
      const root = g.root;
      const owners = g.devices.flatMap((d) => functionUses(ctx, d).flatMap((u) => u.owners));
      const vms = new Set(owners.flatMap((o) => (o.kind === 'vm' ? [o.vm] : [])));
      const hostOwns = owners.some((o) => o.kind === 'host');
      if (vms.size === 0 || vms.size + (hostOwns ? 1 : 0) < 2) continue;
      const severity = kvm ? 'error' : 'warning';
      const vmNames = listNames([...vms].map((v) => nameOf(ctx.element(v), v)));
      const devNames = listNames(g.devices.map((d) => nameOf(d)));
      const top = `${nameOf(root.top)}${root.top.kind === 'rootComplex' ? ` ${root.port}` : ''}`;
      const who = vms.size > 1 ? (hostOwns ? 'these VMs cannot start alongside each other and the host' : 'these VMs cannot start alongside each other') : 'the VM cannot start while the host drives the PF';
      const consequence = kvm ? `under VFIO a group has one owner, so ${who}` : `under VFIO a group has one owner, so on KVM ${who.replace('cannot', 'could not')}; ${ctx.host.hypervisor} does not isolate the devices from each other either`;
      const hostPart = hostOwns ? `, whose PFs ${nameOf(ctx.host)} drives` : '';
      out.push(
        diag(
          this,
          `${vmNames} ${vms.size === 1 ? 'holds' : 'hold'} ${heldKinds(owners)} in one IOMMU group with ${devNames} (below ${top}, no ACS on ${listNames(root.noAcs.map((n) => nameOf(n)))})${hostPart}: ${consequence}; enable ACS on the path.`,
          [...g.devices.map((d) => d.id), ...root.noAcs.map((n) => n.id), ...vms],
          vmLinks(owners).map((l) => l.id),
          { label: 'Enable ACS on the path', commands: root.noAcs.map((n) => ({ type: 'updateElement' as const, id: n.id, changes: { acs: true } })) },
          severity,
        ),
      );
    }
    return out;
  },
};

export const PCIE_RULES: readonly (HostRule | FabricRule)[] = [PCI_001, PCI_002, PCI_003, PCI_004, PCI_005, PCI_006, PCI_007];

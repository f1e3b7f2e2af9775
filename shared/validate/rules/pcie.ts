/** PCIe single-root rules: topology, tree shape, link training, lanes, bandwidth, functions, ACS (DOMAIN.md §3 PCI-*). */
import { findPort } from '../../model/elements';
import { pcieProtocolEfficiency, pcieRawGbps } from '../../model/pcie';
import { diag, type Diagnostic, type HostRule } from '../types';
import { isPcieNode, pathToRoot, pcieTreeOf, rootsOf, type PcieNode, type TrainedLink } from '../pcie-tree';
import { gbps, linkSpeed, listNames, nameOf } from '../format';

/** Max payload size assumed for the protocol-efficiency factor until a design sets its own. */
export const DEFAULT_MAX_PAYLOAD = 256;

export const PCI_001: HostRule = {
  id: 'PCI-001',
  severity: 'error',
  scope: 'host',
  title: 'PCIe port roles',
  description: 'A PCIe switch has exactly one upstream port (several only with MR-IOV) and at least one downstream port; an endpoint has one upstream port; links run from a downstream port to an upstream port.',
  source: 'PCI Express Base Specification, topology (switches: one upstream port, virtual PCI-PCI bridges downstream)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of ctx.children('pcieSwitch')) {
      if (s.upstreamPorts !== 1 && !s.mrIov) {
        out.push(diag(this, `PCIe switch ${nameOf(s)} has ${s.upstreamPorts} upstream ports; a single-root switch has exactly one (mark it MR-IOV if it really connects several hosts).`, [s.id], [], {
          label: 'Set one upstream port',
          commands: [{ type: 'updateElement', id: s.id, changes: { upstreamPorts: 1 } }],
        }));
      }
      if (s.downstreamWidths.length === 0) out.push(diag(this, `PCIe switch ${nameOf(s)} has no downstream ports; give it at least one.`, [s.id]));
    }
    for (const l of ctx.hostLinks('pcie')) {
      const a = ctx.element(l.a.element);
      const b = ctx.element(l.b.element);
      if (!isPcieNode(a) || !isPcieNode(b)) {
        const bad = !isPcieNode(a) ? a : b;
        out.push(diag(this, `PCIe link ${l.id} ends at ${nameOf(bad, '?')}, which has no PCIe port; connect PCIe links only between root complexes, PCIe switches and PCIe devices.`, [l.a.element, l.b.element], [l.id]));
        continue;
      }
      const ra = findPort(a, l.a.port)?.role;
      const rb = findPort(b, l.b.port)?.role;
      if (ra === 'pcie-down' && rb === 'pcie-up') continue;
      if (ra === 'pcie-up' && rb === 'pcie-down') {
        out.push(diag(this, `PCIe link ${l.id} runs from ${nameOf(a)} ${l.a.port} (upstream) to ${nameOf(b)} ${l.b.port} (downstream); reverse it so the root side comes first.`, [a.id, b.id], [l.id], {
          label: 'Reverse link',
          commands: [{ type: 'updateLink', id: l.id, changes: { a: l.b, b: l.a } }],
        }));
      } else {
        out.push(diag(this, `PCIe link ${l.id} joins two ${ra === 'pcie-up' ? 'upstream' : 'downstream'} ports (${nameOf(a)} ${l.a.port}, ${nameOf(b)} ${l.b.port}); a link needs one downstream and one upstream end.`, [a.id, b.id], [l.id]));
      }
    }
    return out;
  },
};

export const PCI_002: HostRule = {
  id: 'PCI-002',
  severity: 'error',
  scope: 'host',
  title: 'Single-root tree',
  description: 'The PCIe graph is a tree: one parent per device, no cycles, every device under exactly one root complex; two roots only through an MR-IOV switch to MR-IOV-aware adapters.',
  source: 'PCI Express Base Specification; Multi-Root I/O Virtualization and Sharing Specification',
  check(ctx) {
    const out: Diagnostic[] = [];
    const tree = pcieTreeOf(ctx);
    for (const node of tree.nodes) {
      if (node.kind === 'rootComplex') continue;
      const ups = tree.parents.get(node.id) ?? [];
      const roots = rootsOf(tree, node.id);
      const viaMrIov = ups.some((t) => t.upstream.kind === 'pcieSwitch' && t.upstream.mrIov) || (node.kind === 'pcieSwitch' && node.mrIov);
      if (ups.length === 0) {
        out.push(diag(this, `${nameOf(node)} is not connected to a root complex; wire its upstream port to a root port or a PCIe switch downstream port.`, [node.id]));
      } else if (roots.length === 0) {
        out.push(diag(this, `${nameOf(node)} does not reach a root complex (its upstream path forms a loop or ends at a detached switch); every device needs a path to exactly one root.`, [node.id], ups.map((t) => t.link.id)));
      } else if (ups.length > 1 && !(node.kind === 'pcieSwitch' && node.mrIov)) {
        out.push(diag(this, `${nameOf(node)} has ${ups.length} upstream links (${listNames(ups.map((t) => nameOf(t.upstream)))}); a PCIe device has one parent, so remove all but one.`, [node.id, ...ups.map((t) => t.upstream.id)], ups.map((t) => t.link.id)));
      } else if (roots.length > 1) {
        const mrAware = (node.kind === 'nic' || node.kind === 'endpoint') && node.mrIovAware;
        if (!(viaMrIov && (mrAware || node.kind === 'pcieSwitch'))) {
          out.push(diag(this, `${nameOf(node)} is reachable from ${roots.length} root complexes; only an MR-IOV switch may share MR-IOV-aware adapters between roots.`, [node.id, ...roots]));
        }
      }
    }
    return out;
  },
};

/** Gen/width the downstream device could train at with an unconstrained partner. */
function deviceCapability(t: TrainedLink) {
  return { gen: t.down.gen, width: t.down.width };
}

export const PCI_003: HostRule = {
  id: 'PCI-003',
  severity: 'warning',
  scope: 'host',
  title: 'Link trains below capability',
  description: 'A link trains to the lower generation and narrower width of its ends; warn when a device is held below what it can do, naming what limits it.',
  source: 'PCI Express Base Specification (link training); Linux drivers/pci/pci.c pcie_print_link_status',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const t of pcieTreeOf(ctx).links) {
      const cap = deviceCapability(t);
      const genShort = cap.gen !== null && t.gen !== null && t.gen < cap.gen;
      const widthShort = cap.width !== null && t.width !== null && t.width < cap.width;
      if (!genShort && !widthShort) continue;
      const limits: string[] = [];
      if (genShort) limits.push(t.link.slotGen !== null && t.link.slotGen === t.gen && (t.up.gen ?? 99) > t.gen ? `the slot (Gen${t.link.slotGen})` : `${nameOf(t.upstream)} ${t.link.a.port} (Gen${t.up.gen})`);
      if (widthShort) limits.push(t.link.slotWidth !== null && t.link.slotWidth === t.width && (t.up.width ?? 99) > t.width ? `the slot (x${t.link.slotWidth})` : `${nameOf(t.upstream)} ${t.link.a.port} (x${t.up.width})`);
      const capable = cap.gen !== null && cap.width !== null ? ` (${gbps(pcieRawGbps(cap.gen, cap.width))})` : '';
      const now = t.gen !== null && t.width !== null ? ` (${gbps(pcieRawGbps(t.gen, t.width))})` : '';
      out.push(diag(this, `${nameOf(t.downstream)} trains at ${linkSpeed(t.gen, t.width)}${now}, capable of ${linkSpeed(cap.gen, cap.width)}${capable}, limited by ${[...new Set(limits)].join(' and ')}; move it to a faster, wider port if it needs the bandwidth.`, [t.downstream.id, t.upstream.id], [t.link.id]));
    }
    return out;
  },
};

export const PCI_004: HostRule = {
  id: 'PCI-004',
  severity: 'error',
  scope: 'host',
  title: 'Lane budget',
  description: "A root complex's root ports together use no more lanes than the socket provides.",
  source: 'Platform data (CPU lane counts, e.g. 48/64/128 per socket)',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const rc of ctx.children('rootComplex')) {
      const used = rc.rootPortWidths.reduce((s, w) => s + w, 0);
      if (used > rc.lanes) {
        out.push(diag(this, `${nameOf(rc)} allocates ${used} lanes to its root ports but the socket provides ${rc.lanes}; narrow or remove root ports (bifurcation) to fit.`, [rc.id]));
      }
      if (rc.socket >= ctx.host.sockets.length) {
        out.push(diag(this, `${nameOf(rc)} is on socket ${rc.socket}, but ${nameOf(ctx.host)} has ${ctx.host.sockets.length} socket(s); set its socket to one that exists.`, [rc.id, ctx.host.id]));
      }
    }
    return out;
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
        out.push(diag(this, `${nameOf(t.downstream)}: ${what} per direction but its ${linkSpeed(t.gen, t.width)} link carries ${gbps(cap)} (${factor}); use a faster or wider slot, or expect ports below line rate.`, [t.downstream.id], [t.link.id]));
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

export const PCI_007: HostRule = {
  id: 'PCI-007',
  severity: 'warning',
  scope: 'host',
  title: 'ACS for device assignment',
  description: 'A VF or device assigned to a VM is isolated only if every switch and root port between it and the IOMMU has ACS; otherwise devices share an IOMMU group.',
  source: 'Red Hat Virtualization Deployment and Administration Guide (IOMMU groups); Linux drivers/pci/pci.c pci_acs_enabled',
  check(ctx) {
    const out: Diagnostic[] = [];
    const tree = pcieTreeOf(ctx);
    const assigned = new Map<string, string[]>();
    for (const l of ctx.hostLinks('vf')) {
      const dev = l.b.element;
      const list = assigned.get(dev);
      if (list) list.push(l.id);
      else assigned.set(dev, [l.id]);
    }
    for (const [dev, links] of assigned) {
      const node = ctx.element(dev);
      if (!isPcieNode(node)) continue;
      const noAcs = pathToRoot(tree, dev)
        .map((t) => t.upstream)
        .filter((up) => (up.kind === 'pcieSwitch' || up.kind === 'rootComplex') && !up.acs);
      if (noAcs.length === 0) continue;
      out.push(diag(this, `VFs of ${nameOf(node)} are assigned to VMs but ${listNames(noAcs.map((n) => nameOf(n)))} on its path to the root lacks ACS, so the device shares an IOMMU group with its neighbours; enable ACS there or accept the shared group.`, [node.id, ...noAcs.map((n) => n.id)], links, {
        label: 'Enable ACS on the path',
        commands: noAcs.map((n) => ({ type: 'updateElement' as const, id: n.id, changes: { acs: true } })),
      }));
    }
    return out;
  },
};

export const PCIE_RULES: readonly HostRule[] = [PCI_001, PCI_002, PCI_003, PCI_004, PCI_005, PCI_006, PCI_007];

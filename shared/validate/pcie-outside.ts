/**
 * PCIe elements drawn outside every host: a PCIe switch or adapter on the canvas (the natural way to draw an MR-IOV
 * chassis shared by servers) or a root complex left outside its server. Host passes never see them, so the PCIe rules
 * check them in their fabric step with what this module finds, built once per validation pass.
 */
import type { Element } from '../model/elements';
import type { LinkOf } from '../model/links';
import { isPcieNode, trainLink, type PcieNode, type TrainedLink } from './pcie-tree';
import type { DesignView, FabricContext, Reads } from './types';

/** True when an element sits inside a host (a host pass sees it and its links). */
export function inHost(view: DesignView, el: Element): boolean {
  return el.parent !== null && view.element(el.parent)?.kind === 'host';
}

export interface OutsidePcie {
  /** PCIe nodes not inside a host, in document order per kind. */
  nodes: PcieNode[];
  /** PCIe links with neither end inside a host (links with an end in a host are that host's to check). */
  links: LinkOf<'pcie'>[];
  /** Those links trained, where both ends are PCIe ports oriented root side first. */
  trained: TrainedLink[];
}

/**
 * What the fabric step of a PCIe rule reads: PCIe elements and links anywhere, and hosts (which decide what is inside
 * one). Host-side findings reach the step as facts.
 */
export const PCIE_OUTSIDE_READS: Reads = { elements: ['host', 'rootComplex', 'pcieSwitch', 'nic', 'endpoint'], links: ['pcie'] };

/** The PCIe nodes and links outside every host. */
export function outsidePcie(ctx: FabricContext): OutsidePcie {
  return ctx.memo('pcie-outside', () => {
    const nodes: PcieNode[] = [];
    for (const kind of ['rootComplex', 'pcieSwitch', 'nic', 'endpoint'] as const) for (const el of ctx.topLevel(kind)) nodes.push(el);
    const links: LinkOf<'pcie'>[] = [];
    const trained: TrainedLink[] = [];
    const seen = new Set<string>();
    for (const node of nodes) {
      for (const l of ctx.linksOf(node.id)) {
        if (l.kind !== 'pcie' || seen.has(l.id)) continue;
        seen.add(l.id);
        const a = ctx.element(l.a.element);
        const b = ctx.element(l.b.element);
        if ((a && inHost(ctx, a)) || (b && inHost(ctx, b))) continue;
        links.push(l);
        if (!isPcieNode(a) || !isPcieNode(b)) continue;
        const t = trainLink(l, a, b);
        if (t && t.up.direction === 'down' && t.down.direction === 'up') trained.push(t);
      }
    }
    return { nodes, links, trained };
  });
}

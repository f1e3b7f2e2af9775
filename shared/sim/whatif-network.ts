/**
 * The network of a design with some more links removed, derived from the network already built for the design
 * (network.ts) instead of rebuilt: buildNetwork on the failed design gives the same resources minus those of the
 * removed links, in the same order (resources follow link order, and a link's resources depend on it and its ends
 * only), so a resource keeps its place among the survivors and indices map by rank. Every lookup answers what
 * buildNetwork's would, including where a removed link had shadowed another (two cables on one port: the map keeps
 * the later one; two parent PCIe links: the first). The two lookups whose entries carry no link id (a VM's
 * attachments, a virtual switch's egress ports) are exact when none or all of their links are removed, the only cases
 * a host or cable failure produces; a partial removal throws PartialRemoval and the caller runs `simulate` instead.
 */
import type { Design } from '../model/design';
import type { LinkOf } from '../model/links';
import type { Attachment, Egress, EthEnd, Network, Resource } from './network';

/** A lookup the view cannot answer exactly (a VM losing some of its attachment links, not all). */
export class PartialRemoval extends Error {
  override name = 'PartialRemoval';
}

/** What the views of one base network share: shadowed candidates and per-owner link counts, built once. */
export interface BaseNetwork {
  net: Network;
  /** Ethernet ends of the ports holding more than one registered cable, in link order. */
  ethCandidates: Map<string, EthEnd[]>;
  /** Registered PCIe links by the device they lead to, in link order (the first is its parent link). */
  pcieParents: Map<string, { link: LinkOf<'pcie'>; down: number; up: number }[]>;
  /** Links that make a VM's attachments (vNIC, VF, passthrough), and a virtual switch's egress (uplink, S-channel). */
  attachmentLinks: Map<string, number>;
  egressLinks: Map<string, number>;
}

const endKey = (element: string, port: string) => `${element}\u0000${port}`;

export function baseNetwork(net: Network): BaseNetwork {
  const d = net.design;
  const ethAll = new Map<string, EthEnd[]>();
  const pcieParents: BaseNetwork['pcieParents'] = new Map();
  const attachmentLinks = new Map<string, number>();
  const egressLinks = new Map<string, number>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const l of Object.values(d.links)) {
    if (l.kind === 'ethernet') {
      // Registered by buildNetwork (known ends and port speeds) exactly when it made the link's resources.
      const ab = net.index.get(`eth:${l.id}:ab`);
      const ba = net.index.get(`eth:${l.id}:ba`);
      if (ab === undefined || ba === undefined) continue;
      const a = d.elements[l.a.element]!;
      const b = d.elements[l.b.element]!;
      const ends: [string, EthEnd][] = [
        [endKey(a.id, l.a.port), { link: l, far: { element: b, port: l.b.port }, out: ab, in: ba }],
        [endKey(b.id, l.b.port), { link: l, far: { element: a, port: l.a.port }, out: ba, in: ab }],
      ];
      for (const [k, e] of ends) {
        const list = ethAll.get(k);
        if (list) list.push(e);
        else ethAll.set(k, [e]);
      }
    } else if (l.kind === 'pcie') {
      const down = net.index.get(`pcie:${l.id}:down`);
      const up = net.index.get(`pcie:${l.id}:up`);
      if (down === undefined || up === undefined) continue;
      const list = pcieParents.get(l.b.element);
      if (list) list.push({ link: l, down, up });
      else pcieParents.set(l.b.element, [{ link: l, down, up }]);
    } else if (l.kind === 'vnic' || l.kind === 'vf' || l.kind === 'passthrough') count(attachmentLinks, l.a.element);
    else if (l.kind === 'uplink' || l.kind === 'sChannel') count(egressLinks, l.a.element);
  }
  const ethCandidates = new Map([...ethAll].filter(([, list]) => list.length > 1));
  return { net, ethCandidates, pcieParents, attachmentLinks, egressLinks };
}

/** A read-only Map whose reads go through `get`; iteration is not offered (nothing in a run iterates these). */
class LookupMap<V> extends Map<string, V> {
  constructor(private readonly lookup: (k: string) => V | undefined) {
    super();
  }
  override get(k: string): V | undefined {
    return this.lookup(k);
  }
  override has(k: string): boolean {
    return this.lookup(k) !== undefined;
  }
}

/**
 * The network without the links of `removed` (ids of links of the base network's design; others are ignored), and the
 * map from base resource indices to its own (-1 for a removed resource).
 */
export function networkWithout(base: BaseNetwork, removed: ReadonlySet<string>, design: Design): { net: Network; rank: Int32Array } {
  const b = base.net;
  const rank = new Int32Array(b.resources.length);
  const resources: Resource[] = [];
  b.resources.forEach((r, i) => {
    if ((r.kind === 'ethernet' || r.kind === 'pcie') && removed.has(r.ref)) rank[i] = -1;
    else {
      rank[i] = resources.length;
      resources.push(r);
    }
  });
  const tr = (e: EthEnd): EthEnd => ({ link: e.link, far: e.far, out: rank[e.out]!, in: rank[e.in]! });
  // Links of each VM's attachments and each virtual switch's egress that are removed: none, all, or (refused) some.
  const attRemoved = new Map<string, number>();
  const egressRemoved = new Map<string, number>();
  for (const id of removed) {
    const l = Object.hasOwn(b.design.links, id) ? b.design.links[id]! : undefined;
    if (!l) continue;
    if (l.kind === 'vnic' || l.kind === 'vf' || l.kind === 'passthrough') attRemoved.set(l.a.element, (attRemoved.get(l.a.element) ?? 0) + 1);
    else if (l.kind === 'uplink' || l.kind === 'sChannel') egressRemoved.set(l.a.element, (egressRemoved.get(l.a.element) ?? 0) + 1);
  }
  const wholeOrNone = (removedCount: Map<string, number>, total: Map<string, number>, k: string, what: string): 'none' | 'all' => {
    const n = removedCount.get(k) ?? 0;
    if (n === 0) return 'none';
    if (n === (total.get(k) ?? 0)) return 'all';
    throw new PartialRemoval(`${what} ${k} loses some of its links, not all`);
  };
  const attachments = (m: Map<string, Attachment[]>) => new LookupMap((vm) => (wholeOrNone(attRemoved, base.attachmentLinks, vm, 'VM') === 'none' ? m.get(vm) : undefined));
  const foreignAttachments = new LookupMap((vm) => (wholeOrNone(attRemoved, base.attachmentLinks, vm, 'VM') === 'none' ? b.foreignAttachments.get(vm) : undefined));

  const eth = new Map<string, EthEnd | null>();
  const neighbours = new Map<string, EthEnd[]>();
  const chains = new Map<string, { down: number; up: number }[]>();
  let index: Map<string, number> | null = null;
  const net: Network = {
    design,
    resources,
    maxPayload: b.maxPayload,
    get index() {
      return (index ??= new Map(resources.map((r, i) => [r.id, i])));
    },
    attachments: attachments(b.attachments),
    foreignAttachments,
    pcieChain(deviceId) {
      const cached = chains.get(deviceId);
      if (cached) return cached;
      // buildNetwork's walk, over each device's first parent link that is left.
      const chain: { down: number; up: number }[] = [];
      const seen = new Set<string>();
      let cur = deviceId;
      while (!seen.has(cur)) {
        seen.add(cur);
        const p = base.pcieParents.get(cur)?.find((x) => !removed.has(x.link.id));
        if (!p) break;
        chain.push({ down: rank[p.down]!, up: rank[p.up]! });
        cur = p.link.a.element;
      }
      chains.set(deviceId, chain);
      return chain;
    },
    ethAt(element, port) {
      const k = endKey(element, port);
      let e = eth.get(k);
      if (e !== undefined) return e;
      const here = b.ethAt(element, port);
      if (here === null) e = null;
      else if (!removed.has(here.link.id)) e = tr(here);
      else {
        // The map kept the last cable on the port; with it removed, the last one left.
        const left = base.ethCandidates.get(k)?.findLast((x) => !removed.has(x.link.id));
        e = left ? tr(left) : null;
      }
      eth.set(k, e);
      return e;
    },
    switchNeighbours(id) {
      let list = neighbours.get(id);
      if (!list) neighbours.set(id, (list = b.switchNeighbours(id).filter((n) => !removed.has(n.link.id)).map(tr)));
      return list;
    },
    copyBudget(hostId) {
      const i = b.copyBudget(hostId);
      return i === null ? null : rank[i]!;
    },
    egress(id): Egress[] {
      return wholeOrNone(egressRemoved, base.egressLinks, id, 'virtual switch') === 'none' ? b.egress(id) : [];
    },
  };
  return { net, rank };
}

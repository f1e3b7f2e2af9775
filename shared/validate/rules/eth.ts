/** Ethernet cabling: link ends are Ethernet ports, one cable per port, both ends at one speed and duplex (DOMAIN.md §3 ETH-001). */
import type { Element } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import { ethernetPort, fabricIndex, type EthPortInfo } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricRule } from '../types';

/**
 * Lower rates a port of a given line rate can be set to with a compatible transceiver or cable: SFP28 takes SFP+
 * (802.3by kept the SFP form factor), QSFP28 takes QSFP+, QSFP-DD takes QSFP28/QSFP+, NBASE-T and 1000BASE-T fall
 * back per 802.3bz/802.3ab. Breakout cables are not speeds of one port and are not listed. Rates not in the table
 * (unusual ones) run at their own speed only. A 100G QSFP28 port also runs 50G (two of its four 25G lanes) and 25G
 * (one lane): NVIDIA lists "1/10/25/40/50/100GbE" for the ConnectX-4 MCX416A-CCAT's QSFP28 ports and
 * "10/25/40/50/100 Gb/s" for the ConnectX-5 MCX546A-CDAN's (catalog sources N7, N10).
 */
export const SPEED_FALLBACKS: Readonly<Record<number, readonly number[]>> = {
  1: [0.1],
  2.5: [1],
  5: [2.5, 1],
  10: [1],
  25: [10],
  50: [25, 10],
  100: [50, 40, 25],
  200: [100, 40],
  400: [200, 100, 40],
  800: [400],
};

/** Whether a port whose line rate is `portGbps` can run at `gbps`. */
export const portSupports = (portGbps: number, gbps: number): boolean => portGbps === gbps || (SPEED_FALLBACKS[portGbps] ?? []).includes(gbps);

/** 802.3 defines half duplex (CSMA/CD) only up to 1000BASE; 10 Gb/s and faster are full duplex only (802.3ae onward). */
export const MAX_HALF_DUPLEX_GBPS = 1;

/** The rate a cable runs at: its forced speed, else the common rate of its ends (the lower one when they differ). */
export function effectiveLinkGbps(link: LinkOf<'ethernet'>, a: EthPortInfo, b: EthPortInfo): number {
  return link.speedGbps ?? Math.min(a.speedGbps, b.speedGbps);
}

const fmt = (gbps: number) => `${gbps} Gb/s`;
const endName = (el: Element | undefined, id: string, port: string) => `${nameOf(el, id)} ${port}`;

/** ETH-001's findings on one link, which read the link and its two end elements only. */
function checkLink(rule: FabricRule, l: LinkOf<'ethernet'>, a: Element | undefined, b: Element | undefined, out: Diagnostic[]): void {
  const pa = a ? ethernetPort(a, l.a.port) : null;
  const pb = b ? ethernetPort(b, l.b.port) : null;
  if (!a || !b) return; // a dangling link is a document integrity issue, reported by the loader
  if (!pa || !pb) {
    const [bad, port] = !pa ? [a, l.a.port] : [b, l.b.port];
    out.push(
      diag(rule, `Ethernet link ${l.id} ends at ${endName(bad, bad.id, port)}, which is not an Ethernet port; connect Ethernet links only between NIC, switch, FEX and storage ports.`, [a.id, b.id], [l.id], {
        label: 'Delete link',
        commands: [{ type: 'remove', elements: [], links: [l.id] }],
      }),
    );
    return;
  }
  const ends = `${endName(a, a.id, l.a.port)} (${fmt(pa.speedGbps)}) and ${endName(b, b.id, l.b.port)} (${fmt(pb.speedGbps)})`;
  if (l.speedGbps === null && pa.speedGbps !== pb.speedGbps) {
    const low = Math.min(pa.speedGbps, pb.speedGbps);
    const high = Math.max(pa.speedGbps, pb.speedGbps);
    if (portSupports(high, low)) {
      out.push(
        diag(rule, `Ethernet link ${l.id} joins ${ends}; the faster port must be set to ${fmt(low)}, so force the link to ${fmt(low)}.`, [a.id, b.id], [l.id], {
          label: `Force ${fmt(low)}`,
          commands: [{ type: 'updateLink', id: l.id, changes: { speedGbps: low } }],
        }),
      );
    } else {
      out.push(diag(rule, `Ethernet link ${l.id} joins ${ends}, and a ${fmt(high)} port cannot run at ${fmt(low)}; use ports of one speed at both ends.`, [a.id, b.id], [l.id]));
    }
  } else if (l.speedGbps !== null && (!portSupports(pa.speedGbps, l.speedGbps) || !portSupports(pb.speedGbps, l.speedGbps))) {
    const cannot = [pa, pb].map((p, i) => (portSupports(p.speedGbps, l.speedGbps!) ? null : i === 0 ? endName(a, a.id, l.a.port) : endName(b, b.id, l.b.port))).filter((x): x is string => x !== null);
    const fix =
      pa.speedGbps === pb.speedGbps
        ? { label: `Use ${fmt(pa.speedGbps)}`, commands: [{ type: 'updateLink' as const, id: l.id, changes: { speedGbps: null } }] }
        : undefined;
    out.push(diag(rule, `Ethernet link ${l.id} is forced to ${fmt(l.speedGbps)}, which ${listNames(cannot)} cannot run (ports: ${ends}); force a speed both ends support.`, [a.id, b.id], [l.id], fix));
  }
  const speed = effectiveLinkGbps(l, pa, pb);
  if (!l.fullDuplex && speed > MAX_HALF_DUPLEX_GBPS) {
    out.push(
      diag(rule, `Ethernet link ${l.id} (${endName(a, a.id, l.a.port)} – ${endName(b, b.id, l.b.port)}) is set to half duplex at ${fmt(speed)}, but Ethernet above 1 Gb/s is full duplex only; set it to full duplex.`, [a.id, b.id], [l.id], {
        label: 'Set full duplex',
        commands: [{ type: 'updateLink', id: l.id, changes: { fullDuplex: true } }],
      }),
    );
  }
}

/**
 * Per-link findings kept across passes and sessions: an edit reruns ETH-001 over every link, but only the links
 * whose record or end elements changed (compared by reference: records are immutable) are checked again.
 */
const linkFindings = new WeakMap<LinkOf<'ethernet'>, { rule: FabricRule; a: Element | undefined; b: Element | undefined; out: Diagnostic[] }>();

export const ETH_001: FabricRule = {
  id: 'ETH-001',
  severity: 'error',
  scope: 'fabric',
  title: 'Ethernet link ends',
  description:
    'An Ethernet link joins two Ethernet ports, each port carries at most one link, and both ends run at one speed (the same line rate, or a forced speed both ports support) in full duplex above 1 Gb/s.',
  source: 'IEEE 802.3 (Clause 1.4 and the PHY clauses: one link segment per port; 802.3ae onward full duplex only; 802.3by/802.3bz rates)',
  // Of NICs and storage arrays it reads the Ethernet ports (count and speed) and names only, not VFs or PCIe.
  reads: {
    elements: ['tor', 'fex', 'nic', 'storage'],
    links: ['ethernet'],
    linkEnds: ['ethernet'],
    fields: { nic: ['name', 'ports', 'speedGbps'], storage: ['name', 'ports', 'speedGbps'], tor: (t) => [t.name, t.ports.map((p) => p.speedGbps)] },
  },
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const l of ctx.links('ethernet')) {
      const a = ctx.element(l.a.element);
      const b = ctx.element(l.b.element);
      let f = linkFindings.get(l);
      if (!f || f.a !== a || f.b !== b || f.rule !== this) {
        f = { rule: this, a, b, out: [] };
        checkLink(this, l, a, b, f.out);
        linkFindings.set(l, f);
      }
      for (const d of f.out) out.push(d);
    }
    for (const [key, links] of fabricIndex(ctx).ethAt) {
      if (links.length < 2) continue;
      const [element, port] = key.split('\u0000') as [string, string];
      const el = ctx.element(element);
      const far = links.map((l) => (l.a.element === element && l.a.port === port ? l.b : l.a));
      out.push(
        diag(
          this,
          `${endName(el, element, port)} has ${links.length} Ethernet links (${listNames(links.map((l) => l.id))}); a port takes one cable, so move the others to free ports.`,
          [...new Set([element, ...far.map((e) => e.element)])],
          links.map((l) => l.id),
        ),
      );
    }
    return out;
  },
};

export const ETH_RULES: readonly FabricRule[] = [ETH_001];

/**
 * Accumulates elements and links as plain records. Templates build through this rather than History so that a
 * 2,000-host fabric (~50k elements) costs one object per record and nothing else.
 */
import type { Design, DesignMeta } from '../model/design';
import type { Element } from '../model/elements';
import { asElementId, asLinkId, asPortName } from '../model/ids';
import type { EndpointRef, Link, LinkOf } from '../model/links';

/** One end of a link: an element id and a port name on it. */
export type End = readonly [element: string, port: string];

const ref = ([element, port]: End): EndpointRef => ({ element: asElementId(element), port: asPortName(port) });

export class DesignBuilder {
  private readonly elements: Record<string, Element> = {};
  private readonly links: Record<string, Link> = {};

  /** Adds an element; a repeated id is a bug in the template, not bad input, so it throws. */
  add<E extends Element>(el: E): E {
    if (this.elements[el.id]) throw new Error(`template bug: duplicate element id ${el.id}`);
    this.elements[el.id] = el;
    return el;
  }

  private addLink(link: Link): void {
    if (this.links[link.id]) throw new Error(`template bug: duplicate link id ${link.id}`);
    this.links[link.id] = link;
  }

  /** PCIe link; `a` is the end nearer the root (root port or switch downstream port). */
  pcie(id: string, a: End, b: End): void {
    const link: LinkOf<'pcie'> = { id: asLinkId(id), kind: 'pcie', a: ref(a), b: ref(b), slotGen: null, slotWidth: null };
    this.addLink(link);
  }

  /** Full-duplex Ethernet cable at the speed both ends negotiate, optionally a member of LAG `lag`. */
  ethernet(id: string, a: End, b: End, lag: string | null = null): void {
    const link: LinkOf<'ethernet'> = {
      id: asLinkId(id),
      kind: 'ethernet',
      a: ref(a),
      b: ref(b),
      speedGbps: null,
      lag,
      fullDuplex: true,
    };
    this.addLink(link);
  }

  /** Virtual-switch uplink (a: `up<i>`) to a NIC Ethernet port (b). */
  uplink(id: string, a: End, b: End): void {
    this.addLink({ id: asLinkId(id), kind: 'uplink', a: ref(a), b: ref(b) });
  }

  /** VM vNIC (a) on a virtual-switch port group (b: `pg.<id>`). */
  vnic(id: string, a: End, b: End): void {
    this.addLink({ id: asLinkId(id), kind: 'vnic', a: ref(a), b: ref(b) });
  }

  /** VM vNIC (a) on an SR-IOV virtual function (b: `pf<i>.vf<j>`). */
  vf(id: string, a: End, b: End): void {
    this.addLink({ id: asLinkId(id), kind: 'vf', a: ref(a), b: ref(b) });
  }

  design(meta: DesignMeta): Design {
    return { meta, elements: this.elements, links: this.links };
  }
}

/** `n` zero-padded to at least `width` digits: ids sort in the order they were laid out. */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Digits needed to print `count`, but never fewer than `min`. */
export const digitsFor = (count: number, min: number): number => Math.max(min, String(count).length);

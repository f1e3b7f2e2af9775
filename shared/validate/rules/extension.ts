/**
 * Port extension rules: 802.1BR controlling bridges and E-CIDs, VN-Tag VIF numbering (DOMAIN.md §3 BR-001, VNT-001).
 * The model has no explicit E-CID or VIF field: a controlling bridge numbers every extender port and every virtual
 * interface behind it, so the ids are unique by construction and the check is that the count fits the tag fields.
 */
import type { ElementOf } from '../../model/elements';
import { parseVfPort, pfEthernetPort } from '../../model/elements';
import { cablePeer, sameLogicalSwitch } from '../fabric';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type Reads } from '../types';
import { fexCabling } from './fex';

/** 802.1BR E-CID: 12-bit E-CID_base plus 8-bit E-CID_ext (IEEE 802.1BR-2012 §7.5; Wireshark packet-etag.c), 0 reserved. */
export const ECID_MAX = (1 << 20) - 1;
/** Point-to-point E-CIDs that fit the 12-bit base alone; beyond this a bridge must use the E-CID_ext bits. */
export const ECID_BASE_MAX = (1 << 12) - 1;
/**
 * VN-Tag VIF ids per controlling bridge. DVIF_ID is 14 bits but its top bits serve multicast VIF lists; a VIF that
 * sends must fit the 12-bit SVIF_ID, which bounds unicast VIFs (Wireshark packet-vntag.c field masks).
 */
export const VNTAG_SVIF_IDS = 1 << 12;
export const VNTAG_DVIF_BITS = 14;

type TagFormat = 'vntag' | 'etag';

interface BridgeTally {
  /** Extender host ports numbered by this bridge (counted for both tag formats: a FEX speaks its bridge's format). */
  fexPorts: number;
  fexes: string[];
  vifs: Record<TagFormat, number>;
  /** Elements that contribute virtual interfaces, for the diagnostic. */
  sources: Record<TagFormat, Set<string>>;
}

interface NicTally {
  nic: ElementOf<'nic'>;
  vifs: number;
}

interface VifTally {
  bridges: Map<string, BridgeTally>;
  nics: Map<string, NicTally>;
}

const formatOf = (nic: ElementOf<'nic'>): TagFormat => (nic.portExtension === '802.1br' ? 'etag' : 'vntag');

/** The controlling bridge a NIC port reaches: the switch it is cabled to, or the bridge of the FEX it is cabled to. */
function bridgeBehind(ctx: FabricContext, nic: string, port: string): ElementOf<'tor'> | null {
  const peer = cablePeer(ctx, nic, port);
  if (!peer) return null;
  const id = peer.element.kind === 'tor' ? peer.element.id : peer.element.kind === 'fex' ? peer.element.controllingBridge : null;
  const el = id === null ? undefined : ctx.element(id);
  return el?.kind === 'tor' && el.controllingBridge ? el : null;
}

/** Virtual interfaces per controlling bridge and per adapter, computed once per pass for BR-001 and VNT-001. */
const vifTally = (ctx: FabricContext): VifTally => ctx.memo('vif-tally', () => buildVifTally(ctx));

function buildVifTally(ctx: FabricContext): VifTally {
  const bridges = new Map<string, BridgeTally>();
  const nics = new Map<string, NicTally>();
  const bridge = (id: string) => {
    let b = bridges.get(id);
    if (!b) bridges.set(id, (b = { fexPorts: 0, fexes: [], vifs: { vntag: 0, etag: 0 }, sources: { vntag: new Set(), etag: new Set() } }));
    return b;
  };
  const nicTally = (nic: ElementOf<'nic'>, n: number) => {
    const t = nics.get(nic.id);
    if (t) t.vifs += n;
    else nics.set(nic.id, { nic, vifs: n });
  };
  for (const fex of ctx.topLevel('fex')) {
    if (fex.controllingBridge === null || ctx.element(fex.controllingBridge)?.kind !== 'tor') continue;
    const b = bridge(fex.controllingBridge);
    b.fexPorts += fex.hostPorts;
    b.fexes.push(fex.id);
  }
  // vNICs on a port-extension vSwitch: each is a virtual interface at every controlling bridge its uplinks reach.
  for (const vs of ctx.ofKind('vswitch')) {
    if (vs.evbMode !== 'vntag') continue;
    let vnics = 0;
    const reached = new Map<string, TagFormat>();
    const viaNics = new Set<ElementOf<'nic'>>();
    for (const l of ctx.linksOf(vs.id)) {
      if (l.kind === 'vnic') vnics++;
      if (l.kind !== 'uplink' && l.kind !== 'sChannel') continue;
      const end = l.a.element === vs.id ? l.b : l.a;
      const nic = ctx.element(end.element);
      if (nic?.kind !== 'nic') continue;
      viaNics.add(nic);
      const br = bridgeBehind(ctx, nic.id, end.port);
      if (br) reached.set(br.id, formatOf(nic));
    }
    for (const nic of viaNics) nicTally(nic, vnics);
    for (const [id, format] of reached) {
      const b = bridge(id);
      b.vifs[format] += vnics;
      b.sources[format].add(vs.id);
    }
  }
  // A VF of an interface-virtualizer NIC is a virtual interface of its physical function's port.
  for (const l of ctx.links('vf')) {
    const nic = ctx.element(l.b.element);
    const vf = parseVfPort(l.b.port);
    if (nic?.kind !== 'nic' || nic.portExtension === 'none' || !vf) continue;
    nicTally(nic, 1);
    const br = bridgeBehind(ctx, nic.id, pfEthernetPort(nic, vf.pf));
    if (!br) continue;
    const b = bridge(br.id);
    b.vifs[formatOf(nic)]++;
    b.sources[formatOf(nic)].add(nic.id);
  }
  return { bridges, nics };
}

/**
 * What BR-001 and VNT-001 read: extenders whole; of a switch its role, MLAG partners (lags) and name; of a virtual
 * switch its EVB mode and name; of a NIC its port extension, VIF budget and name (cabling and VFs come through the
 * links). A port setting on one of 500 switches, a port group's VLANs or a NIC's VF count then leaves the tally alone.
 */
const VIF_READS: Reads = {
  elements: ['fex', 'tor', 'vswitch', 'nic'],
  links: ['ethernet', 'uplink', 'sChannel', 'vnic', 'vf'],
  linkEnds: ['ethernet'],
  fields: { tor: ['name', 'controllingBridge', 'lags'], vswitch: ['name', 'evbMode'], nic: ['name', 'portExtension', 'vifBudget'] },
};

export const BR_001: FabricRule = {
  id: 'BR-001',
  severity: 'error',
  scope: 'fabric',
  title: '802.1BR controlling bridge and E-CIDs',
  description:
    'Every port extender is assigned a switch that can act as controlling bridge and is cabled to it, the E-CIDs the bridge numbers (one per extender port and per 802.1BR virtual interface) fit the 20-bit E-CID (a warning beyond the 12-bit base), and each 802.1BR adapter stays within its VIF budget.',
  source: 'IEEE 802.1BR-2012 §7.5 (E-TAG: E-CID_base 12 bits, E-CID_ext 8 bits, GRP 0 point-to-point); Wireshark packet-etag.c',
  reads: VIF_READS,
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const fex of ctx.topLevel('fex')) {
      if (fex.controllingBridge === null) continue; // FEX-001 asks for one
      const cb = ctx.element(fex.controllingBridge);
      if (cb?.kind !== 'tor') {
        out.push(diag(this, `${nameOf(fex)} names ${fex.controllingBridge} as its controlling bridge, which is not a switch in the design; assign the switch its uplinks go to.`, [fex.id]));
        continue;
      }
      if (!cb.controllingBridge) {
        out.push(
          diag(this, `${nameOf(fex)} is assigned to ${nameOf(cb)}, which is not set up as a controlling bridge, so nothing manages the extender's ports; enable the controlling-bridge role on ${nameOf(cb)} or assign another switch.`, [fex.id, cb.id], [], {
            label: `Make ${nameOf(cb)} a controlling bridge`,
            commands: [{ type: 'updateElement', id: cb.id, changes: { controllingBridge: true } }],
          }),
        );
      }
      if (!fexCabling(ctx, fex).uplink.some((u) => sameLogicalSwitch(ctx, u.far, cb.id))) {
        out.push(diag(this, `${nameOf(fex)} has no uplink cabled to its controlling bridge ${nameOf(cb)}, so it reaches no controlling bridge; cable at least one of its uplinks (u0…u${fex.uplinks - 1}) to ${nameOf(cb)}.`, [fex.id, cb.id]));
      }
    }
    const tally = vifTally(ctx);
    for (const [id, b] of tally.bridges) {
      // A bridge with VN-Tag interfaces numbers its extender ports as VIFs (VNT-001), not as E-CIDs.
      const ecids = b.vifs.vntag > 0 ? b.vifs.etag : b.fexPorts + b.vifs.etag;
      if (ecids <= ECID_BASE_MAX) continue;
      const cb = ctx.element(id);
      const parts = b.vifs.vntag > 0 ? `${b.vifs.etag} 802.1BR virtual interfaces` : `${b.fexPorts} extender ports${b.vifs.etag ? ` and ${b.vifs.etag} 802.1BR virtual interfaces` : ''}`;
      const involved = [id, ...b.fexes, ...b.sources.etag];
      if (ecids > ECID_MAX) {
        out.push(diag(this, `Controlling bridge ${nameOf(cb, id)} needs ${ecids} E-CIDs (${parts}), more than the ${ECID_MAX} a 20-bit E-CID can number; split the extenders over several controlling bridges.`, involved));
      } else {
        out.push(diag(this, `Controlling bridge ${nameOf(cb, id)} needs ${ecids} E-CIDs (${parts}), more than the ${ECID_BASE_MAX} of the 12-bit E-CID base, so it must number with the E-CID extension bits; check that it does, or split the extenders.`, involved, [], undefined, 'warning'));
      }
    }
    for (const { nic, vifs } of tally.nics.values()) {
      if (nic.vifBudget === null || vifs <= nic.vifBudget || nic.portExtension !== '802.1br') continue;
      out.push(diag(this, `${nameOf(nic)} carries ${vifs} 802.1BR virtual interfaces but the adapter supports ${nic.vifBudget}; move VMs to another adapter or reduce the vNICs using it.`, [nic.id, ...(nic.parent ? [nic.parent] : [])]));
    }
    return out;
  },
};

export const VNT_001: FabricRule = {
  id: 'VNT-001',
  severity: 'error',
  scope: 'fabric',
  title: 'VN-Tag VIF numbering',
  description: `The VIFs a VN-Tag controlling bridge numbers (extender host ports plus vNICs behind port-extension vSwitches and interface-virtualizer VFs) fit the ${VNTAG_SVIF_IDS} ids of the 12-bit SVIF field, and each adapter stays within its VIF budget where known.`,
  source: 'Cisco VN-Tag (802.1Qbh draft): DVIF_ID 14 bits, SVIF_ID 12 bits (Wireshark packet-vntag.c); Cisco UCS adapter and fabric interconnect VIF limits',
  reads: VIF_READS,
  check(ctx) {
    const out: Diagnostic[] = [];
    const tally = vifTally(ctx);
    for (const [id, b] of tally.bridges) {
      const vifs = b.fexPorts + b.vifs.vntag;
      if (b.vifs.vntag === 0 || vifs <= VNTAG_SVIF_IDS) continue;
      const cb = ctx.element(id);
      out.push(
        diag(this, `Controlling bridge ${nameOf(cb, id)} must number ${vifs} VIFs (${b.fexPorts} extender ports and ${b.vifs.vntag} virtual interface${b.vifs.vntag === 1 ? '' : 's'} from ${listNames([...b.sources.vntag].map((s) => nameOf(ctx.element(s), s)))}), more than the ${VNTAG_SVIF_IDS} a 12-bit SVIF_ID holds; spread the hosts over more controlling bridges.`, [id, ...b.fexes, ...b.sources.vntag]),
      );
    }
    for (const { nic, vifs } of tally.nics.values()) {
      if (nic.vifBudget === null || vifs <= nic.vifBudget || nic.portExtension === '802.1br') continue;
      out.push(diag(this, `${nameOf(nic)} carries ${vifs} virtual interfaces but the adapter supports ${nic.vifBudget}; move VMs to another adapter or reduce the vNICs using it.`, [nic.id, ...(nic.parent ? [nic.parent] : [])]));
    }
    return out;
  },
};

export const EXTENSION_RULES: readonly FabricRule[] = [BR_001, VNT_001];

/** Who owns a NIC port: one software bridge per port, and one edge-bridging standard per port (DOMAIN.md §3 UPL-001). */
import type { ElementOf } from '../../model/elements';
import type { LinkOf } from '../../model/links';
import type { Command } from '../../history/commands';
import { asPortName } from '../../model/ids';
import { diag, type Diagnostic, type HostContext, type HostRule, type QuickFix } from '../types';
import { listNames, nameOf } from '../format';

type Attachment = LinkOf<'uplink'> | LinkOf<'sChannel'>;

/** The uplinks and S-channels landing on each port of a NIC, by port name (links of the NIC itself, in document order). */
function attachmentsByPort(ctx: HostContext, nic: ElementOf<'nic'>): Map<string, Attachment[]> {
  const byPort = new Map<string, Attachment[]>();
  for (const l of ctx.linksOf(nic.id)) {
    if ((l.kind !== 'uplink' && l.kind !== 'sChannel') || l.b.element !== nic.id) continue;
    const list = byPort.get(l.b.port);
    if (list) list.push(l);
    else byPort.set(l.b.port, [l]);
  }
  return byPort;
}

const isQbg = (vs: ElementOf<'vswitch'>) => vs.evbMode === 'vepa' || vs.evbMode === 'vepa-multichannel';

/** Moves each plain uplink in `moving` to a NIC port no bridge uses, or null when the NIC has too few free ports. */
function moveToFreePorts(nic: ElementOf<'nic'>, used: ReadonlySet<string>, moving: readonly LinkOf<'uplink'>[]): QuickFix | null {
  const free: string[] = [];
  for (let i = 0; i < nic.ports && free.length < moving.length; i++) if (!used.has(`eth${i}`)) free.push(`eth${i}`);
  if (free.length < moving.length) return null;
  const commands: Command[] = moving.map((l, i) => ({ type: 'updateLink', id: l.id, changes: { b: { ...l.b, port: asPortName(free[i]!) } } }));
  return { label: moving.length === 1 ? `Move ${moving[0]!.id} to ${nic.name || nic.id} ${free[0]}` : `Move ${moving.length} uplinks to free ports`, commands };
}

export const UPL_001: HostRule = {
  id: 'UPL-001',
  severity: 'error',
  scope: 'host',
  title: 'One bridge per NIC port',
  description:
    'A NIC port is the uplink of at most one software bridge (virtual switches share a port only through S-channels or VFs), and it is either an 802.1Qbg port (VEPA, S-channels) or an 802.1BR/VN-Tag port, never both.',
  source:
    'Linux net/core/dev.c netdev_rx_handler_register (one rx_handler per netdev: a second Linux bridge, OVS datapath port or bond gets -EBUSY); IEEE 802.1Qbg-2012 (EVB station, S-channels by CDCP) vs IEEE 802.1BR-2012 (port extension, E-TAG) and Cisco VN-Tag',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const nic of ctx.children('nic')) {
      const byPort = attachmentsByPort(ctx, nic);
      if (byPort.size === 0) continue;
      const used = new Set(byPort.keys());
      for (const [port, links] of byPort) {
        // One link alone neither shares the port nor mixes standards (a VN-Tag switch's lone S-channel is EVB-004's).
        if (links.length < 2) continue;
        // Group by switch: which switches take the port whole (plain uplink) and which through S-channels.
        const plain = new Map<string, LinkOf<'uplink'>[]>();
        const channelled = new Set<string>();
        for (const l of links) {
          if (l.kind === 'uplink') plain.set(l.a.element, [...(plain.get(l.a.element) ?? []), l]);
          else channelled.add(l.a.element);
        }
        const switches = new Map<string, ElementOf<'vswitch'>>();
        for (const l of links) {
          const vs = ctx.element(l.a.element);
          if (vs?.kind === 'vswitch') switches.set(vs.id, vs);
        }
        const others = [...channelled].filter((id) => !plain.has(id));
        const shared = plain.size > 1 || (plain.size === 1 && others.length > 0);
        // Each standard on the port, by the switch that brings it (S-channels are 802.1Qbg whatever the switch says).
        const qbg = [...switches.values()].filter((vs) => isQbg(vs) || channelled.has(vs.id));
        const br = [...switches.values()].filter((vs) => vs.evbMode === 'vntag');
        // One switch that is VN-Tag and has S-channels is EVB-004's finding (a channel on a switch not in multichannel mode).
        const mixed = qbg.length > 0 && br.length > 0 && new Set([...qbg, ...br]).size > 1;
        const where = `${nameOf(nic)} ${port}`;
        const mix = mixed ? `; it also mixes 802.1Qbg (${listNames(qbg.map((v) => nameOf(v)))}) with VN-Tag/802.1BR (${listNames(br.map((v) => nameOf(v)))}), which no port can be at once` : '';
        if (shared) {
          const owners = [...plain.keys(), ...others].map((id) => nameOf(switches.get(id), id));
          // Keep the first plain uplink where the port has no S-channels of other switches; else the S-channels stay.
          const moving = others.length > 0 ? [...plain.values()].flat() : [...plain.values()].slice(1).flat();
          const fix = moveToFreePorts(nic, used, moving);
          out.push(
            diag(
              this,
              `${where} is the uplink of ${listNames(owners)}: a port belongs to one software bridge (Linux and OVS refuse a second with EBUSY), and switches share a port only through S-channels or VFs${mix}; give each switch its own port or carry them as S-channels.`,
              [nic.id, ...switches.keys()],
              links.map((l) => l.id),
              fix ?? undefined,
            ),
          );
        } else if (mixed) {
          out.push(
            diag(
              this,
              `${where} carries 802.1Qbg traffic (${listNames(qbg.map((v) => nameOf(v)))}: VEPA or S-channels) and VN-Tag/802.1BR traffic (${listNames(br.map((v) => nameOf(v)))}) at once: the port is either an EVB station port facing a bridge or a port-extension uplink facing a controlling bridge, never both; move the VN-Tag switch to a port of its own.`,
              [nic.id, ...switches.keys()],
              links.map((l) => l.id),
            ),
          );
        }
      }
    }
    return out;
  },
};

export const UPLINK_RULES: readonly HostRule[] = [UPL_001];

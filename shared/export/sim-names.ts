/**
 * Simulation results in the words of the design: element names, not internal ids. A resource id
 * (`eth:r01.h001.nic0.eth0:ab`) becomes "esx-r01-h001 nic0 eth0 → r01-tor-a p1", a flow id
 * (`r01.h001.vm01->r01.h002.vm01#2`) "r01-h001-vm01 → r01-h002-vm01 (#2)". Used by the simulation panel and both
 * reports, so they name things alike.
 */
import type { Design } from '../model/design';
import type { PathMode } from '../sim/paths';

export const MODE_LABELS: Record<PathMode, string> = {
  'vswitch-local': 'vSwitch (local copy)',
  'sriov-embedded': 'SR-IOV embedded bridge',
  'vepa-hairpin': 'VEPA hairpin',
  vntag: 'VN-Tag',
  routed: 'routed (L3 gateway)',
  fabric: 'fabric',
};

/** An element's name (its id when it has none, or the id itself when the design no longer has it). */
export function elementName(d: Design, id: string): string {
  const e = d.elements[id];
  return e ? e.name || e.id : id;
}

// Devices inside servers share names ("nic0" in every host): a link end names its server too.
function endName(d: Design, id: string): string {
  const e = d.elements[id];
  if (!e) return id;
  const host = e.parent !== null ? d.elements[e.parent] : undefined;
  return host ? `${host.name || host.id} ${e.name || e.id}` : e.name || e.id;
}

/** A resource id as a person reads it: which link and which direction, or whose vSwitch copy budget. */
export function resourceLabel(d: Design, resourceId: string): string {
  if (resourceId === 'demand') return 'demand cap';
  const [kind, ...rest] = resourceId.split(':');
  if (kind === 'copy') return `vSwitch copy on ${elementName(d, rest.join(':'))}`;
  const dir = rest.pop();
  const linkId = rest.join(':');
  const link = d.links[linkId];
  if (!link) return resourceId;
  const a = `${endName(d, link.a.element)} ${link.a.port}`;
  const b = `${endName(d, link.b.element)} ${link.b.port}`;
  if (kind === 'pcie') return dir === 'down' ? `PCIe ${a} → ${b}` : `PCIe ${b} → ${a}`;
  return dir === 'ab' ? `${a} → ${b}` : `${b} → ${a}`;
}

/** A flow id (`<src id>-><dst id>`, `#n` for a second flow between the same ends) in element names. */
export function flowLabel(d: Design, flowId: string): string {
  const m = /^(.+?)->(.+?)(#\d+)?$/.exec(flowId);
  if (!m) return flowId;
  const end = (id: string) => (id === 'outside' ? 'outside' : elementName(d, id));
  return `${end(m[1]!)} → ${end(m[2]!)}${m[3] ? ` (${m[3]})` : ''}`;
}

/**
 * The inspector's passthrough rows for a NIC or PCIe endpoint: which VM holds each of its whole functions (a NIC's
 * physical functions `pf<i>`, an endpoint's whole device `dev`), the choices offered, and the commands a choice makes.
 * A change is one undo step: the old passthrough link goes, and for a NIC function the chosen vNIC leaves its port
 * group or VF (a vNIC has one attachment) before the new link is added.
 */
import { canConnect } from '../../shared/model/connect';
import type { Design } from '../../shared/model/design';
import { ENDPOINT_DEVICE_PORT, HOSTDEV_PORT, pfPortName, type Element } from '../../shared/model/elements';
import { randomIds, type IdSource } from '../../shared/model/ids';
import type { Command } from '../../shared/history/commands';
import { applyCommand } from '../../shared/history/commands';

export interface PassthroughChoice {
  /** `''` = the host keeps it; `vm` (an endpoint to the VM's hostdev port) or `vm\u0000vnic` (a NIC function to a vNIC). */
  value: string;
  label: string;
}

export interface PassthroughRow {
  /** The device's port: `pf0`, `pf1`, … or `dev`. */
  fn: string;
  label: string;
  /** The current choice's value. */
  value: string;
  choices: PassthroughChoice[];
}

const nameOf = (el: Element) => el.name || el.id;
const KEEP: PassthroughChoice = { value: '', label: 'Host (not passed through)' };

/** VMs in the device's server, in document order. */
function hostVms(design: Design, device: Element) {
  return Object.values(design.elements).filter((e) => e.kind === 'vm' && e.parent !== null && e.parent === device.parent);
}

/** The passthrough link on a device port, if any. */
function linkOn(design: Design, device: string, port: string) {
  return Object.values(design.links).find((l) => l.kind === 'passthrough' && l.b.element === device && l.b.port === port);
}

/** The rows for a device, or none when it is not a NIC or endpoint inside a server. */
export function passthroughRows(design: Design, device: Element): PassthroughRow[] {
  if ((device.kind !== 'nic' && device.kind !== 'endpoint') || device.parent === null) return [];
  const vms = hostVms(design, device);
  if (device.kind === 'endpoint') {
    const cur = linkOn(design, device.id, ENDPOINT_DEVICE_PORT);
    return [{ fn: ENDPOINT_DEVICE_PORT, label: 'Passed through to', value: cur ? cur.a.element : '', choices: [KEEP, ...vms.map((vm) => ({ value: vm.id, label: nameOf(vm) }))] }];
  }
  const vnicChoices = vms.flatMap((vm) => (vm.kind === 'vm' ? vm.vnics.map((n) => ({ value: `${vm.id}\u0000${n.id}`, label: `${nameOf(vm)} · ${n.id}` })) : []));
  return device.physicalFunctions.map((_, i) => {
    const fn = pfPortName(i);
    const cur = linkOn(design, device.id, fn);
    return { fn, label: `PF ${i} (eth${i}) passed through to`, value: cur ? `${cur.a.element}\u0000${cur.a.port}` : '', choices: [KEEP, ...vnicChoices] };
  });
}

/**
 * The commands that make `value` the holder of the device's function `fn`, or a reason it cannot be done (the same
 * sentence the wiring tool would give). An empty list means nothing changes.
 */
export function passthroughCommands(design: Design, device: string, fn: string, value: string, ids: IdSource = randomIds): { ok: true; commands: Command[] } | { ok: false; reason: string } {
  const cur = linkOn(design, device, fn);
  const curValue = cur ? (cur.a.port === HOSTDEV_PORT ? cur.a.element : `${cur.a.element}\u0000${cur.a.port}`) : '';
  if (value === curValue) return { ok: true, commands: [] };
  const commands: Command[] = [];
  const drop = (linkIds: string[]) => void (linkIds.length && commands.push({ type: 'remove', elements: [], links: linkIds as never }));
  if (cur) drop([cur.id]);
  if (value === '') return { ok: true, commands };
  const [vm, vnic] = value.split('\u0000') as [string, string | undefined];
  const vmPort = vnic ?? HOSTDEV_PORT;
  // A vNIC has one attachment: taking a NIC function moves it off its port group or VF in the same step.
  if (vnic !== undefined) drop(Object.values(design.links).filter((l) => l.id !== cur?.id && l.a.element === vm && l.a.port === vnic).map((l) => l.id));
  let after = design;
  for (const c of commands) after = applyCommand(after, c).design;
  const r = canConnect(after, { element: vm, port: vmPort }, { element: device, port: fn }, ids);
  if (!r.ok) return r;
  commands.push({ type: 'add', elements: [], links: [r.link] });
  return { ok: true, commands };
}

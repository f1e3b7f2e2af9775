/**
 * The report's "Device assignment" table: every whole function passed through to a VM (a NIC physical function on a
 * vNIC, a GPU, HBA/NVMe controller or accelerator on the VM's hostdev port), one row each, as a reviewer checks what
 * is pinned to which server: those VMs cannot live-migrate (IOV-003).
 */
import type { Design } from '../model/design';
import { HOSTDEV_PORT, type Element } from '../model/elements';
import { valueLabel } from '../scene/labels';

export interface AssignmentRow {
  server: string;
  vm: string;
  /** The VM's end: a vNIC id, or "PCI hostdev". */
  vmPort: string;
  device: string;
  /** NIC, or the endpoint's class (GPU, NVMe, …). */
  kind: string;
  /** `pf1`, or `whole device`. */
  fn: string;
}

/** Rows the report prints before it says how many more there are. */
export const ASSIGNMENT_ROWS_SHOWN = 200;

const label = (el: Element | undefined, id: string) => (el ? el.name || el.id : id);

/** Every passthrough link as a row, by server, VM and device name. */
export function assignmentRows(d: Design): AssignmentRow[] {
  const rows: AssignmentRow[] = [];
  for (const l of Object.values(d.links)) {
    if (l.kind !== 'passthrough') continue;
    const vm = d.elements[l.a.element];
    const dev = d.elements[l.b.element];
    const server = vm?.parent ? d.elements[vm.parent] : undefined;
    const model = dev && (dev.kind === 'nic' || dev.kind === 'endpoint') && dev.model ? ` (${dev.model})` : '';
    rows.push({
      server: server ? label(server, server.id) : '—',
      vm: label(vm, l.a.element),
      vmPort: l.a.port === HOSTDEV_PORT ? 'PCI hostdev' : l.a.port,
      device: `${label(dev, l.b.element)}${model}`,
      kind: dev?.kind === 'endpoint' ? valueLabel(dev.deviceClass) : 'NIC',
      fn: l.b.port === 'dev' ? 'whole device' : l.b.port,
    });
  }
  const key = (r: AssignmentRow) => [r.server, r.vm, r.device, r.fn];
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}

/** Header and cells of the table, shared by the HTML and PDF reports. */
export const ASSIGNMENT_HEADER = ['Server', 'VM', 'VM port', 'Device', 'Kind', 'Function'] as const;
export const assignmentCells = (r: AssignmentRow): string[] => [r.server, r.vm, r.vmPort, r.device, r.kind, r.fn];

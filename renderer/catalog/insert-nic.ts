/**
 * "Insert into design" from the catalog: where a catalog NIC goes (the selected server), where inside it
 * (the first free device cell), and which root port it plugs into (a free one of the server's first root
 * complex). The result is one `add` command, so one undo removes the NIC and its PCIe link together.
 */
import { nicFromCatalog, type NicCatalogEntry } from '../../shared/catalog';
import type { Command } from '../../shared/history/commands';
import type { Design } from '../../shared/model/design';
import { rootComplexPorts, type Element, type Host, type Nic, type RootComplex } from '../../shared/model/elements';
import { asElementId, asLinkId, asPortName } from '../../shared/model/ids';
import type { Link } from '../../shared/model/links';
import { KIND_SIZES } from '../../shared/scene/describe';
import { lookOf } from '../../shared/scene/scene';
import type { AppStore, Selection } from '../state/store';

/** The device grid inside a host, as the templates lay it out (shared/templates/layout.ts). */
const HOST_PAD = 16;
const HOST_TITLE = 32;
const CELL_W = 160;
const CELL_H = 72;

export type InsertTarget = { ok: true; host: Host } | { ok: false; reason: string };

/** The server a NIC would go into: the selected server, or the server holding the selected element. */
export function insertTarget(design: Design, selection: Selection): InsertTarget {
  const n = selection.elements.size + selection.links.size;
  if (n === 0) return { ok: false, reason: 'Select a server (in the outline or on the canvas) to insert a NIC into it' };
  if (n > 1 || selection.elements.size !== 1) return { ok: false, reason: 'Select exactly one server to insert a NIC into' };
  const el = design.elements[[...selection.elements][0]!];
  if (!el) return { ok: false, reason: 'The selected element no longer exists' };
  if (el.kind === 'host') return { ok: true, host: el };
  const parent = el.parent ? design.elements[el.parent] : undefined;
  if (parent?.kind === 'host') return { ok: true, host: parent };
  return { ok: false, reason: `A NIC goes inside a server; the selection (${el.name || el.id}) is not in one` };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Top-left of the first device cell inside the host that no child covers, scanning rows top-down; when
 * the host is full, a new row under its lowest child, and `grow` is the host height that makes it fit.
 */
export function freeSpot(host: Host, children: readonly Element[]): { x: number; y: number; grow: number | null } {
  const size = KIND_SIZES.nic;
  const boxes = children.map((c) => {
    const look = lookOf(c);
    return { x: c.x, y: c.y, w: look.w, h: look.h };
  });
  const cols = Math.max(1, Math.floor((host.width - 2 * HOST_PAD) / CELL_W));
  for (let y = HOST_TITLE; y + size.h + HOST_PAD <= host.height; y += CELL_H) {
    for (let c = 0; c < cols; c++) {
      const spot = { x: HOST_PAD + c * CELL_W, y, w: size.w, h: size.h };
      if (!boxes.some((b) => overlaps(spot, b))) return { x: spot.x, y: spot.y, grow: null };
    }
  }
  const bottom = boxes.reduce((m, b) => Math.max(m, b.y + b.h), HOST_TITLE);
  const y = bottom + (CELL_H - size.h);
  return { x: HOST_PAD, y, grow: Math.max(host.height, y + size.h + HOST_PAD) };
}

/** A free root port of the host's first root complex: the narrowest as wide as the NIC, else the widest free one. */
export function freeRootPort(design: Design, children: readonly Element[], nicWidth: number | null): { rc: RootComplex; port: string } | null {
  const rcs = children.filter((c): c is RootComplex => c.kind === 'rootComplex').sort((a, b) => a.socket - b.socket || a.id.localeCompare(b.id));
  const rc = rcs[0];
  if (!rc) return null;
  const used = new Set<string>();
  for (const l of Object.values(design.links)) {
    if (l.kind !== 'pcie') continue;
    for (const end of [l.a, l.b]) if (end.element === rc.id) used.add(end.port);
  }
  const free = rootComplexPorts(rc).filter((p) => !used.has(p.name));
  if (free.length === 0) return null;
  // The narrowest port the card trains at full width on, keeping wide ports for wide cards; else the widest.
  const fits = free.filter((p) => (p.width ?? 0) >= (nicWidth ?? 0));
  const best = fits.length ? fits.reduce((a, b) => ((b.width ?? 0) < (a.width ?? 0) ? b : a)) : free.reduce((a, b) => ((b.width ?? 0) > (a.width ?? 0) ? b : a));
  return { rc, port: best.name };
}

export interface InsertPlan {
  /** Run as one history step. */
  commands: Command[];
  nicId: string;
  nicName: string;
  /** `CPU0 root complex rp3`, or null when no root port was free (the NIC is placed unlinked). */
  linkedTo: string | null;
  label: string;
}

/** The commands that put a NIC built from `entry` into `host`, linked to a free root port when there is one. */
export function planNicInsert(design: Design, host: Host, entry: NicCatalogEntry): InsertPlan {
  const children = Object.values(design.elements).filter((e) => e.parent === host.id);
  let n = 0;
  while (design.elements[`${host.id}.nic${n}`] || children.some((c) => c.name === `nic${n}`)) n++;
  const nicId = asElementId(`${host.id}.nic${n}`);
  const spot = freeSpot(host, children);
  const nic: Nic = nicFromCatalog(entry, { id: nicId, name: `nic${n}`, parent: host.id, x: spot.x, y: spot.y });

  const links: Link[] = [];
  const port = freeRootPort(design, children, entry.pcieWidth);
  if (port) {
    let linkId = `${nicId}.pcie`;
    for (let k = 2; design.links[linkId]; k++) linkId = `${nicId}.pcie${k}`;
    links.push({ id: asLinkId(linkId), kind: 'pcie', a: { element: port.rc.id, port: asPortName(port.port) }, b: { element: nicId, port: asPortName('pcie') }, slotGen: null, slotWidth: null });
  }
  const commands: Command[] = [{ type: 'add', elements: [nic], links }];
  // A full server grows to hold the NIC, in the same undo step.
  if (spot.grow !== null) commands.push({ type: 'updateElement', id: host.id, changes: { height: spot.grow } });
  return {
    commands,
    nicId,
    nicName: nic.name,
    linkedTo: port ? `${port.rc.name || port.rc.id} ${port.port}` : null,
    label: `Insert ${entry.vendor} ${entry.model}`,
  };
}

/** Inserts the NIC into the selected server as one undo step, selects it and says where it went. */
export function insertCatalogNic(store: AppStore, entry: NicCatalogEntry): boolean {
  const { doc, selection } = store.getState();
  if (!doc) {
    store.error('Open or create a design first, then insert the NIC into one of its servers');
    return false;
  }
  const target = insertTarget(doc.design, selection);
  if (!target.ok) {
    store.error(target.reason);
    return false;
  }
  const plan = planNicInsert(doc.design, target.host, entry);
  if (!store.execute(plan.commands, { label: plan.label }).ok) return false;
  store.select({ elements: new Set([plan.nicId]), links: new Set() });
  const where = target.host.name || target.host.id;
  store.notify(
    plan.linkedTo
      ? `Inserted ${plan.nicName} (${entry.vendor} ${entry.model}) into ${where}, on ${plan.linkedTo}`
      : `Inserted ${plan.nicName} (${entry.vendor} ${entry.model}) into ${where}; no root port was free, so link its PCIe port by hand`,
    'success',
  );
  return true;
}

/**
 * The bill of materials: the hardware a design needs, one row per component model, with how many each server
 * holds and the total. Virtual things (VMs, virtual switches) and root complexes (part of the CPU) are not
 * bought and are left out. Written as RFC 4180 CSV for spreadsheets and as rows for the HTML report.
 */
import type { Design } from '../model/design';
import { exhaustive, type Element } from '../model/elements';
import { shortLabel, valueLabel } from '../scene/labels';

export const BOM_CATEGORIES = ['Server', 'NIC', 'PCIe switch', 'PCIe endpoint', 'Ethernet switch', 'Fabric extender', 'Storage target'] as const;
export type BomCategory = (typeof BOM_CATEGORIES)[number];

export interface BomRow {
  category: BomCategory;
  /** The element's model, or "(unspecified)" when the design does not name one. */
  model: string;
  /** NICs: the catalog entry the NIC was placed from; empty otherwise. */
  catalogId: string;
  /** What tells otherwise identical rows apart: switch tier, device class, storage protocol, server hypervisor. */
  detail: string;
  /** "server" for parts inside servers, "fabric" for parts that stand alone (switches, storage, the servers). */
  location: 'server' | 'fabric';
  /** Servers holding at least one (server parts only). */
  hosts: number | null;
  /** Fewest and most held by one of those servers (server parts only). */
  perHostMin: number | null;
  perHostMax: number | null;
  total: number;
}

/** CSV columns, in order, with what each holds (docs/export.md repeats this). */
export const BOM_COLUMNS = ['category', 'model', 'catalog_id', 'detail', 'location', 'hosts', 'per_host_min', 'per_host_max', 'total'] as const;

const UNSPECIFIED = '(unspecified)';

/** The BOM category and distinguishing detail of an element; null for what is not bought. */
function classify(el: Element): { category: BomCategory; model: string; catalogId: string; detail: string } | null {
  const model = (m: string | null) => (m && m.trim() !== '' ? m : UNSPECIFIED);
  switch (el.kind) {
    case 'host':
      return { category: 'Server', model: model(el.model), catalogId: '', detail: valueLabel(el.hypervisor) };
    case 'nic':
      return { category: 'NIC', model: model(el.model), catalogId: el.catalogId ?? '', detail: '' };
    case 'pcieSwitch':
      return { category: 'PCIe switch', model: model(el.model), catalogId: '', detail: '' };
    case 'endpoint':
      return { category: 'PCIe endpoint', model: model(el.model), catalogId: '', detail: valueLabel(el.deviceClass) };
    case 'tor':
      return { category: 'Ethernet switch', model: model(el.model), catalogId: '', detail: shortLabel(el.tier) };
    case 'fex':
      return { category: 'Fabric extender', model: model(el.model), catalogId: '', detail: '' };
    case 'storage':
      return { category: 'Storage target', model: model(el.model), catalogId: '', detail: valueLabel(el.protocol) };
    case 'rootComplex':
    case 'vm':
    case 'vswitch':
      return null;
    default:
      return exhaustive(el);
  }
}

/** The server an element sits in, or null at top level. */
function hostOf(d: Design, el: Element): string | null {
  let cur = el.parent;
  for (let guard = 0; cur !== null && guard < 16; guard++) {
    const p = d.elements[cur];
    if (!p) return null;
    if (p.kind === 'host') return p.id;
    cur = p.parent;
  }
  return null;
}

/** BOM rows in category order, then by model and detail. */
export function bomRows(d: Design): BomRow[] {
  const groups = new Map<string, { row: Omit<BomRow, 'hosts' | 'perHostMin' | 'perHostMax' | 'total'>; perHost: Map<string, number>; total: number }>();
  for (const el of Object.values(d.elements)) {
    const c = classify(el);
    if (!c) continue;
    const host = el.kind === 'host' ? null : hostOf(d, el);
    const location = host === null ? 'fabric' : 'server';
    const key = JSON.stringify([c.category, c.model, c.catalogId, c.detail, location]);
    let g = groups.get(key);
    if (!g) {
      g = { row: { ...c, location }, perHost: new Map(), total: 0 };
      groups.set(key, g);
    }
    g.total++;
    if (host !== null) g.perHost.set(host, (g.perHost.get(host) ?? 0) + 1);
  }
  const rank = (c: BomCategory) => BOM_CATEGORIES.indexOf(c);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .map(({ row, perHost, total }) => {
      const counts = [...perHost.values()];
      const server = row.location === 'server';
      return {
        ...row,
        hosts: server ? perHost.size : null,
        perHostMin: server ? Math.min(...counts) : null,
        perHostMax: server ? Math.max(...counts) : null,
        total,
      };
    })
    .sort((a, b) => rank(a.category) - rank(b.category) || cmp(a.model, b.model) || cmp(a.detail, b.detail) || cmp(a.catalogId, b.catalogId) || cmp(a.location, b.location));
}

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (leading = + - @, tab or return) gets a leading
 * apostrophe, because model names are user input and a CSV opened in a spreadsheet must not execute them.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The bill of materials as CSV: a header row, then one row per component model; CRLF line ends (RFC 4180). */
export function bomCsv(d: Design): string {
  const lines = [BOM_COLUMNS.join(',')];
  for (const r of bomRows(d)) {
    lines.push([r.category, r.model, r.catalogId, r.detail, r.location, r.hosts, r.perHostMin, r.perHostMax, r.total].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

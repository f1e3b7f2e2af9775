/**
 * Append-only migrations of the design document's plain-JSON form. Each entry lifts version `from` to
 * `from + 1`. Never edit or reorder a shipped entry: old files must keep loading exactly as they did.
 */
export interface DocumentMigration {
  from: number;
  description: string;
  migrate(doc: RawDocument): RawDocument;
}

/** The plain-JSON document before schema parsing. */
export interface RawDocument {
  meta?: unknown;
  elements: unknown[];
  links: unknown[];
  [key: string]: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 1,
    // 0 keeps what version 1 simulated (no disk was ever copied); users enter real sizes where storage is local.
    description: 'VMs gained a disk size (diskGiB, set to 0: no local disk copied on migration)',
    migrate: (doc) => ({
      ...doc,
      elements: doc.elements.map((e) => (isRecord(e) && e.kind === 'vm' && !Object.hasOwn(e, 'diskGiB') ? { ...e, diskGiB: 0 } : e)),
    }),
  },
  {
    from: 2,
    // Each value keeps what version 2 meant: 1500-byte MTUs everywhere, VMs not pinned, the IOMMU on (version 2 let any
    // VM hold a VF), and uplinks teamed as version 2 treated them: a VDS by originating port and a Hyper-V external
    // switch as SET (both never loop), but Open vSwitch and Linux bridges with independent ports, as L2-004 judged them.
    description: 'virtual switches gained a team policy, standby uplinks, an MTU (1500) and overlay bytes (0); NICs and switches an MTU (1500); VMs NUMA nodes (any); hosts an IOMMU flag (on)',
    migrate: (doc) => ({
      ...doc,
      elements: doc.elements.map((e) => (isRecord(e) ? toVersion3(e) : e)),
    }),
  },
];

const V2_TEAM: Readonly<Record<string, string>> = { vds: 'vmware-port-id', hyperv: 'hyperv-set', ovs: 'none', 'linux-bridge': 'none' };

/** One element lifted from version 2 to 3; fields already present (a hand-edited file) are kept. */
function toVersion3(e: Record<string, unknown>): Record<string, unknown> {
  const fill = (defaults: Record<string, unknown>) => {
    const out = { ...e };
    for (const [k, v] of Object.entries(defaults)) if (!Object.hasOwn(out, k)) out[k] = v;
    return out;
  };
  switch (e.kind) {
    case 'vswitch': {
      // Port groups need no MTU: without one they take the switch's.
      return fill({ teamPolicy: V2_TEAM[String(e.switchKind)] ?? 'none', standbyUplinks: [], mtu: 1500, overlayBytes: 0 });
    }
    case 'nic':
    case 'tor':
      return fill({ mtu: 1500 });
    case 'vm':
      return fill({ numaNodes: [] });
    case 'host':
      return fill({ iommu: true });
    default:
      return e;
  }
}

/** The document version this build writes. */
export const CURRENT_DOCUMENT_VERSION = 1 + DOCUMENT_MIGRATIONS.length;

/** Applies every migration from `version` to current; returns the descriptions of those applied. */
export function migrateDocument(doc: RawDocument, version: number): { doc: RawDocument; applied: string[] } {
  const applied: string[] = [];
  let cur = doc;
  for (const m of DOCUMENT_MIGRATIONS) {
    if (m.from < version) continue;
    cur = m.migrate(cur);
    applied.push(`v${m.from}→v${m.from + 1}: ${m.description}`);
  }
  return { doc: cur, applied };
}

/** The server itself as hwloc describes it: CPU packages with their cores and threads, memory, identity. */
import type { Socket } from '../model/elements';
import { descendants, numAttr, type HwlocDocument, type HwlocObject } from './hwloc-xml';
import { isPackage, packagesOf } from './hwloc-tree';

export interface HostFacts {
  sockets: Socket[];
  memoryGiB: number;
  /** DMI vendor and product, when hwloc recorded them. */
  model: string | null;
  hostName: string | null;
  /** CPU model strings of the packages, deduplicated. */
  cpuModels: string[];
  hwlocVersion: string | null;
  notes: string[];
}

/** The schema's limits: at most 16 sockets, 1024 cores per socket, 8 threads per core. */
const MAX_SOCKETS = 16;
const MAX_CORES = 1024;
const MAX_SMT = 8;
/** Memory used when hwloc records none (the schema needs a positive size); flagged in the notes. */
const FALLBACK_MEMORY_GIB = 1;

const GIB = 1024 ** 3;

function countBelow(obj: HwlocObject, type: string): number {
  let n = 0;
  for (const o of descendants(obj)) if (o.type === type) n++;
  return n;
}

function socketOf(cores: number, pus: number): Socket {
  const c = Math.min(MAX_CORES, cores > 0 ? cores : pus);
  const smt = c > 0 ? Math.round(pus / c) : 1;
  return { cores: c, threadsPerCore: Math.min(MAX_SMT, Math.max(1, smt)) };
}

/** Sockets, memory and identity of the machine. */
export function readHostFacts(doc: HwlocDocument): HostFacts {
  const notes: string[] = [];
  const packages = packagesOf(doc);
  let sockets: Socket[];
  if (packages.length === 0) {
    let cores = 0;
    let pus = 0;
    for (const r of doc.roots) {
      cores += countBelow(r, 'Core') + (r.type === 'Core' ? 1 : 0);
      pus += countBelow(r, 'PU') + (r.type === 'PU' ? 1 : 0);
    }
    sockets = [socketOf(cores, pus)];
    notes.push('hwloc lists no CPU package; all cores are put on one socket.');
  } else {
    sockets = packages.map((p) => socketOf(countBelow(p, 'Core'), countBelow(p, 'PU')));
    if (packages.some((p) => countBelow(p, 'Core') === 0 && countBelow(p, 'PU') > 0)) {
      notes.push('hwloc lists no Core objects in some packages; their processing units are counted as single-thread cores.');
    }
  }
  if (sockets.length > MAX_SOCKETS) {
    notes.push(`hwloc lists ${sockets.length} packages; the model holds ${MAX_SOCKETS} sockets, so only the first ${MAX_SOCKETS} are kept.`);
    sockets = sockets.slice(0, MAX_SOCKETS);
  }

  let bytes = 0;
  const all = doc.roots.flatMap((r) => [r, ...descendants(r)]);
  for (const o of all) if (o.type === 'NUMANode') bytes += numAttr(o, 'local_memory') ?? 0;
  // hwloc 1.x without NUMA nodes keeps the machine's memory on the Machine object itself.
  if (bytes <= 0) for (const r of doc.roots) bytes += numAttr(r, 'local_memory') ?? 0;
  let memoryGiB = Math.round((bytes / GIB) * 100) / 100;
  if (!(memoryGiB > 0)) {
    memoryGiB = FALLBACK_MEMORY_GIB;
    notes.push(`hwloc records no memory size; ${FALLBACK_MEMORY_GIB} GiB is a placeholder, set the real size.`);
  }

  const machine = doc.roots.find((r) => r.type === 'Machine') ?? doc.roots[0]!;
  // Format 3.0 keeps machine-wide infos on <topology>; earlier formats on the Machine object.
  const infos = { ...doc.infos, ...machine.infos };
  const model = [infos.DMISysVendor ?? infos.DMIBoardVendor, infos.DMIProductName ?? infos.DMIBoardName].filter((s) => s && s.trim()).join(' ').slice(0, 200) || null;
  const cpuModels = [...new Set(all.filter((o) => isPackage(o) && o.infos.CPUModel).map((o) => o.infos.CPUModel!.trim()))];
  return {
    sockets,
    memoryGiB,
    model,
    hostName: infos.HostName?.trim() || null,
    cpuModels,
    hwlocVersion: infos.hwlocVersion ?? null,
    notes,
  };
}

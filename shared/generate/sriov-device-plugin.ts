/**
 * The Kubernetes SR-IOV network device plugin's configuration per host (`rackplane generate --target
 * sriov-device-plugin`): the `resourceList` of its config.json (github.com/k8snetworkplumbingwg/sriov-network-device-plugin,
 * "Config parameters"), one resource pool per physical function whose VFs the design assigns, selected by the VF's PCI
 * vendor and device id and by the PF's name with the VF index range (`pfNames: ["ens1f0#0-3"]`).
 *
 * The VF ids come from the NIC's catalog entry (its PF `pciId` vendor and `vfDeviceId`); a NIC without them gets a
 * selector by PF name only and a note. The PF's netdev name is not in the design: a placeholder (placeholder.ts).
 */
import { BUILTIN_CATALOG, type CatalogEntry } from '../catalog';
import type { Design } from '../model/design';
import { parseVfPort, type ElementOf } from '../model/elements';
import { hostOf } from '../sim/failures';
import { fileNameOf } from './libvirt';
import { netdevPlaceholder } from './placeholder';
import type { GeneratedFile, Generation } from './types';

interface Selectors {
  vendors?: string[];
  devices?: string[];
  pfNames: string[];
}

interface Resource {
  resourceName: string;
  selectors: Selectors;
}

/** Consecutive VF indexes as ranges: [0,1,2,3,6] → ["0-3", "6"]. */
export function vfRanges(indexes: readonly number[]): string[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out;
}

/** One config.json per host whose VMs hold VFs. */
export function generateSriovDevicePlugin(d: Design, catalog: readonly CatalogEntry[] = BUILTIN_CATALOG): Generation {
  const notes: string[] = [];
  // host → nic → pf → VF indexes
  const byHost = new Map<string, Map<string, Map<number, number[]>>>();
  for (const l of Object.values(d.links)) {
    if (l.kind !== 'vf') continue;
    const vf = parseVfPort(l.b.port);
    const nic = d.elements[l.b.element];
    const host = hostOf(d, l.b.element);
    if (!vf || nic?.kind !== 'nic' || host === null) continue;
    let nics = byHost.get(host);
    if (!nics) byHost.set(host, (nics = new Map()));
    let pfs = nics.get(nic.id);
    if (!pfs) nics.set(nic.id, (pfs = new Map()));
    const list = pfs.get(vf.pf);
    if (list) list.push(vf.vf);
    else pfs.set(vf.pf, [vf.vf]);
  }
  const files: GeneratedFile[] = [];
  for (const hostId of [...byHost.keys()].sort()) {
    const host = d.elements[hostId] as ElementOf<'host'>;
    const resources: Resource[] = [];
    for (const [nicId, pfs] of [...byHost.get(hostId)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const nic = d.elements[nicId] as ElementOf<'nic'>;
      const entry = nic.catalogId ? catalog.find((e) => e.kind === 'nic' && e.id === nic.catalogId) : undefined;
      const vendor = entry?.kind === 'nic' && entry.pciId ? entry.pciId.slice(0, 4) : null;
      const device = entry?.kind === 'nic' ? entry.vfDeviceId : null;
      if (!vendor || !device) notes.push(`${host.name || hostId}: ${nic.name || nicId} has no VF PCI id in its catalog entry, so its pools select by PF name only (lspci -nn on the host shows the VF's [vendor:device])`);
      for (const [pf, vfs] of [...pfs].sort(([a], [b]) => a - b)) {
        const selectors: Selectors = { pfNames: vfRanges(vfs).map((r) => `${netdevPlaceholder(nicId, `eth${pf}`)}#${r}`) };
        if (vendor && device) Object.assign(selectors, { vendors: [vendor], devices: [device] });
        // Resource names are [A-Za-z0-9_]: pods request `<prefix>/<name>` (the plugin's default prefix is intel.com).
        resources.push({ resourceName: `${fileNameOf(nic)}_pf${pf}`.replace(/[^A-Za-z0-9_]+/g, '_'), selectors: orderSelectors(selectors) });
      }
    }
    files.push({ path: `${fileNameOf(host)}/config.json`, text: JSON.stringify({ resourceList: resources }, null, 2) + '\n' });
  }
  if (files.length === 0) notes.push('no VM holds a VF: there is no SR-IOV device plugin pool to configure');
  return { files, notes };
}

/** vendors, devices, pfNames: the order the plugin's README lists them. */
function orderSelectors(s: Selectors): Selectors {
  return { ...(s.vendors ? { vendors: s.vendors } : {}), ...(s.devices ? { devices: s.devices } : {}), pfNames: s.pfNames };
}

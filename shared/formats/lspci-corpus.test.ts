// Real lspci captures from the team corpus (../shared/corpus/lspci, see its SOURCES.md): every one imports and the
// validator finds no error in the result. The corpus is read in place when present and never copied into the repo;
// without it these tests are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import { sequentialIds } from '../model/ids';
import { ALL_RULES, validateDesign } from '../validate';
import { importLspci } from './lspci';

const CORPUS = join(__dirname, '../../../shared/corpus/lspci');
const present = existsSync(join(CORPUS, 'SOURCES.md'));

/** Captures: every file of the corpus folders but licences, config-space dumps and the tree drawings (read with their listing). */
function captures(): { name: string; text: string; tree?: string }[] {
  const out: { name: string; text: string; tree?: string }[] = [];
  for (const dir of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(CORPUS, dir.name)).sort()) {
      if (/^(COPYING|LICENSE)/.test(file) || file.endsWith('.dump') || file.endsWith('.lspci-tv.txt')) continue;
      const treePath = join(CORPUS, dir.name, file.replace(/\.lspci-vvvnn\.txt$/, '.lspci-tv.txt'));
      const tree = file.endsWith('.lspci-vvvnn.txt') && existsSync(treePath) ? readFileSync(treePath, 'utf8') : undefined;
      out.push({ name: `${dir.name}/${file}`, text: readFileSync(join(CORPUS, dir.name, file), 'utf8'), tree });
    }
  }
  return out;
}

const nics = (d: Design) => Object.values(d.elements).filter((e): e is ElementOf<'nic'> => e.kind === 'nic');

describe.skipIf(!present)('lspci corpus', () => {
  const all = present ? captures() : [];

  it('holds the captures SOURCES.md lists', () => {
    // 11 pciutils test listings, 3 dpdk_playground captures, the cmd_handbook and sriov-network-device-plugin pages.
    expect(all.length).toBe(16);
  });

  for (const c of all) {
    for (const variant of c.tree ? (['listing', 'listing + tree'] as const) : (['listing'] as const)) {
      for (const devices of ['important', 'all'] as const) {
        it(`${c.name} (${variant}, ${devices} devices): imports with no validator error`, () => {
          const r = importLspci(c.text, { ids: sequentialIds(), treeText: variant === 'listing' ? undefined : c.tree, devices });
          if (!r.ok) throw new Error(r.reason);
          const errors = validateDesign(r.design, ALL_RULES).diagnostics.filter((d) => d.severity === 'error');
          expect(errors.map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
        });
      }
    }
  }

  const imported = (name: string, tree = false) => {
    const c = all.find((x) => x.name === name)!;
    const r = importLspci(c.text, { ids: sequentialIds(), treeText: tree ? c.tree : undefined });
    if (!r.ok) throw new Error(r.reason);
    return r.design;
  };

  it('ConnectX-4 Lx: LnkCap 8GT/s x8 but LnkSta x4 (downgraded) → PCI-003; SR-IOV Total VFs 8, none enabled', () => {
    const d = imported('dpdk_playground/connectx4lx_08-00.0_lspci-vv.txt');
    const [nic] = nics(d);
    expect(nic).toMatchObject({ pcieGen: 3, pcieWidth: 8, physicalFunctions: [{ totalVfs: 8, enabledVfs: 0 }] });
    const warnings = validateDesign(d, ALL_RULES).diagnostics.filter((x) => x.rule === 'PCI-003');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/ConnectX-4 Lx\] trains at Gen3 x4 \(8 GT\/s\) .*capable of Gen3 x8 /)]);
  });

  it('82576 PF (cap-pcie-2): Initial/Total VFs 8, Number of VFs 1', () => {
    expect(nics(imported('pciutils-tests/cap-pcie-2.lspci-vvvnn.txt', true))[0]!.physicalFunctions).toEqual([{ totalVfs: 8, enabledVfs: 1 }]);
  });

  it('ThunderX NIC (cap-ea-1): 128 of 128 VFs enabled', () => {
    expect(nics(imported('pciutils-tests/cap-ea-1.lspci-vvvnn.txt'))[0]!.physicalFunctions).toEqual([{ totalVfs: 128, enabledVfs: 128 }]);
  });

  it('Samsung PM174X NVMe (cap-phy32): an SR-IOV endpoint, 64 VFs, Gen5 x2 trained at Gen4 → PCI-003', () => {
    const d = imported('pciutils-tests/cap-phy32.lspci-vvvnn.txt');
    const nvme = Object.values(d.elements).find((e): e is ElementOf<'endpoint'> => e.kind === 'endpoint')!;
    expect(nvme).toMatchObject({ deviceClass: 'nvme', pcieGen: 5, pcieWidth: 2, sriov: { totalVfs: 64, enabledVfs: 0 } });
    expect(validateDesign(d, ALL_RULES).diagnostics.filter((x) => x.rule === 'PCI-003')).toHaveLength(1);
  });

  it('X58 board (tree-asus-p6t6): the PLX switch below root port 03.0 with the SAS HBA on one downstream port', () => {
    const d = imported('pciutils-tests/tree-asus-p6t6.lspci-vvvnn.txt', true);
    const sw = Object.values(d.elements).find((e) => e.kind === 'pcieSwitch')!;
    const hba = Object.values(d.elements).find((e) => e.kind === 'endpoint' && e.deviceClass === 'hba')!;
    expect(Object.values(d.links).some((l) => l.a.element === sw.id && l.b.element === hba.id)).toBe(true);
  });
});

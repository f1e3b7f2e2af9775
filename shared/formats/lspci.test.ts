// Importing a host from lspci text. The fixtures in test/fixtures/lspci are written by hand in the format
// pciutils prints (lspci.man, ls-caps.c): a two-socket host with a PLX switch (a GPU and an NVMe drive below it),
// a dual-port X710 with 4 of PF0's 64 VFs enabled and listed, a ConnectX-5 capable of Gen3 x16 trained at x8, and
// a second root bus on NUMA node 1 with an NVMe drive. See test/fixtures/lspci/SOURCES.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import type { Element, ElementOf, ElementKind } from '../model/elements';
import { sequentialIds } from '../model/ids';
import { ALL_RULES, validateDesign } from '../validate';
import { deviceIommuGroup } from '../validate/iommu';
import { importLspci, type LspciImportOptions } from './lspci';

const FIXTURES = join(__dirname, '../../test/fixtures/lspci');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const HOST = read('switch-sriov-host.lspci-vvvnn.txt');
const TREE = read('switch-sriov-host.lspci-tv.txt');
const SHORT = read('switch-sriov-host.lspci-nn.txt');

function imported(text: string, opts: LspciImportOptions = {}): { design: Design; notes: string[] } {
  const r = importLspci(text, { ids: sequentialIds(), ...opts });
  if (!r.ok) throw new Error(r.reason);
  return r;
}
const ofKind = <K extends ElementKind>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is ElementOf<K> => e.kind === kind);
const byName = (d: Design, prefix: string): Element => Object.values(d.elements).find((e) => e.name.startsWith(prefix))!;
/** The element a device's PCIe link hangs from, with the port. */
function parentOf(d: Design, id: string): { el: Element; port: string } {
  const l = Object.values(d.links).find((x) => x.kind === 'pcie' && x.b.element === id)!;
  return { el: d.elements[l.a.element]!, port: l.a.port };
}
const findings = (d: Design, severity: string) => validateDesign(d, ALL_RULES).diagnostics.filter((x) => x.severity === severity);

describe('importLspci: a host with a switch, an SR-IOV NIC, a GPU and NVMe drives', () => {
  const { design, notes } = imported(HOST);

  it('builds a root complex per root bus, on the socket of its NUMA node', () => {
    const rcs = ofKind(design, 'rootComplex');
    expect(rcs.map((r) => [r.name, r.socket, r.gen, r.rootPortWidths])).toEqual([
      ['Root complex 0000:00', 0, 3, [16, 8, 16]],
      ['Root complex 0000:80', 1, 3, [4]],
    ]);
    // Lanes: the root ports' LnkCap widths, 16 + 8 + 16.
    expect(rcs[0]!.lanes).toBe(40);
    const host = ofKind(design, 'host')[0]!;
    expect(host.sockets).toHaveLength(2);
    expect(host.iommu).toBe(true);
  });

  it('reads the PLX switch: upstream port x16, a downstream port per bridge with its LnkCap width', () => {
    const [sw] = ofKind(design, 'pcieSwitch');
    expect(sw).toMatchObject({ name: 'PCIe switch 01:00.0', gen: 3, upstreamWidth: 16, downstreamWidths: [16, 4], acs: true, model: expect.stringContaining('PEX 8747') });
    expect(parentOf(design, sw!.id)).toMatchObject({ el: { name: 'Root complex 0000:00' }, port: 'rp0' });
    const gpu = byName(design, '03:00.0') as ElementOf<'endpoint'>;
    const nvme = byName(design, '04:00.0') as ElementOf<'endpoint'>;
    expect([gpu.deviceClass, gpu.pcieGen, gpu.pcieWidth]).toEqual(['gpu', 3, 16]);
    expect([nvme.deviceClass, nvme.pcieGen, nvme.pcieWidth]).toEqual(['nvme', 3, 4]);
    expect(parentOf(design, gpu.id).port).toBe('dp0');
    expect(parentOf(design, nvme.id).port).toBe('dp1');
  });

  it('counts the SR-IOV capability on the NIC: one port per PF, TotalVFs and NumVFs per PF, listed VFs not drawn as devices', () => {
    const nics = ofKind(design, 'nic');
    expect(nics).toHaveLength(2);
    const x710 = byName(design, '05:00.0') as ElementOf<'nic'>;
    expect(x710).toMatchObject({ ports: 2, speedGbps: 10, pcieGen: 3, pcieWidth: 8, ari: true });
    expect(x710.physicalFunctions).toEqual([
      { totalVfs: 64, enabledVfs: 4 },
      { totalVfs: 64, enabledVfs: 0 },
    ]);
    // 05:02.0-.3 are PF0's VFs: routing ID 0x0500 + VF offset 16 + n × stride 1 = 0x0510-0x0513 (SR-IOV spec §3.3.9-10).
    expect(Object.values(design.elements).some((e) => e.name.startsWith('05:02.'))).toBe(false);
    expect(x710.notes).toContain('05:00.0 SR-IOV: Initial VFs 64, Total VFs 64, Number of VFs 4, VF device id 154c; 4 VF(s) listed.');
    expect(notes[0]).toBe('lspci: 18 function(s); 2 root complex(es), 1 PCIe switch(es) or shared bus(es), 2 NIC(s), 3 other endpoint(s); 4 SR-IOV VF(s) enabled, counted on their physical functions.');
  });

  it('keeps a downgraded link: the ConnectX-5 capable of Gen3 x16 trained at x8 fires PCI-003 (which hwloc imports cannot)', () => {
    const cx5 = byName(design, '06:00.0') as ElementOf<'nic'>;
    expect([cx5.pcieGen, cx5.pcieWidth]).toEqual([3, 16]);
    const link = Object.values(design.links).find((l) => l.b.element === cx5.id)!;
    expect(link).toMatchObject({ slotGen: null, slotWidth: 8 });
    // Gen3 moves 8 GT/s with 128b/130b encoding (PCIe base spec 3.0 §4.2.2): 8 × 128/130 = 7.877 Gb/s a lane,
    // × 8 lanes = 63.0 Gb/s trained, × 16 lanes = 126 Gb/s capable.
    const lane = (8 * 128) / 130;
    expect((lane * 8).toFixed(1)).toBe('63.0');
    const pci003 = findings(design, 'warning').filter((f) => f.rule === 'PCI-003');
    expect(pci003.map((f) => f.message)).toEqual([
      `06:00.0 Mellanox Technologies MT27800 Family [ConnectX-5] trains at Gen3 x8 (8 GT/s) (${(lane * 8).toFixed(1)} Gb/s), capable of Gen3 x16 (8 GT/s) (${(lane * 16).toFixed(0)} Gb/s), limited by the slot (x8); move it to a faster, wider port if it needs the bandwidth.`,
    ]);
    expect(notes).toContain('1 link(s) trained below what both ends can do (LnkSta below LnkCap); they carry the trained figures as slot limits, so PCI-003 reports them.');
  });

  it('passes the validator with no error', () => {
    expect(findings(design, 'error').map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
  });

  it('gives the same design for the same text, and takes a host name', () => {
    expect(imported(HOST).design).toEqual(design);
    expect(imported(HOST, { hostName: ' db-07 ' }).design.meta.name).toBe('db-07');
  });

  it('leaves out the chipset host bridge, and keeps it with devices: all', () => {
    expect(notes).toContain("Left out 1 chipset/uncore function(s) (Host bridge ×1); import with devices: 'all' to keep them.");
    expect(byName(imported(HOST, { devices: 'all' }).design, '00:00.0')).toMatchObject({ kind: 'endpoint', deviceClass: 'other' });
  });
});

describe('importLspci: ACS decides the IOMMU groups below the switch', () => {
  // Linux pci_acs_enabled needs SrcValid, ReqRedir, CmpltRedir and UpstreamFwd on every bridge above a device;
  // without ACS on a switch's downstream port the devices below the switch share a group (drivers/iommu/iommu.c).
  const withoutAcs = (text: string, port: string) => {
    const start = text.indexOf(`${port} PCI bridge`);
    const end = text.indexOf('\n\n', start);
    const block = text.slice(start, end).replace(/\n\tCapabilities: \[148 v1\] Access Control Services\n\t\tACSCap:[^\n]*\n\t\tACSCtl:[^\n]*/, '');
    expect(block).not.toContain('Access Control Services');
    return text.slice(0, start) + block + text.slice(end);
  };

  it('with ACS on both downstream ports, the GPU and the NVMe drive each have their own group', () => {
    const { design } = imported(HOST);
    expect(deviceIommuGroup(design, byName(design, '03:00.0').id)).toEqual({ summary: 'Own group per function (ACS on every bridge above isolates it)', shared: [] });
  });

  it('without ACS on one downstream port, the switch has none and the GPU shares its group with the NVMe drive', () => {
    const { design } = imported(withoutAcs(HOST, '02:10.0'));
    const sw = ofKind(design, 'pcieSwitch')[0]!;
    expect(sw.acs).toBe(false);
    expect(sw.notes).toContain('ACS missing on downstream port(s) 02:10.0: devices below share an IOMMU group.');
    const nvme = byName(design, '04:00.0');
    expect(deviceIommuGroup(design, byName(design, '03:00.0').id)?.shared).toEqual([nvme.id]);
  });

  it("compares the capture's IOMMU groups with the design's: they agree when ACS is everywhere", () => {
    expect(imported(HOST).notes).toContain("IOMMU groups: the capture's groups of the 5 imported device(s) match what ACS on the imported ports predicts.");
  });

  it('says when the design shares a group the capture splits (a kernel ACS quirk), and when the capture shares one the design splits', () => {
    const stricter = imported(withoutAcs(HOST, '02:10.0')).notes;
    expect(stricter).toContain(
      'IOMMU groups: the design puts 03:00.0 NVIDIA Corporation TU104GL [Tesla T4] and 04:00.0 Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 in one group (a port above lacks ACS) but the capture separates them (a kernel ACS quirk or pcie_acs_override): the design is the stricter.',
    );
    // The NVMe drive's function in the GPU's group 34, as a machine whose switch port ignores its ACS would show it.
    const lax = imported(HOST.replace('\tIOMMU group: 35\n', '\tIOMMU group: 34\n')).notes;
    expect(lax).toContain(
      'IOMMU groups: the capture puts 03:00.0 NVIDIA Corporation TU104GL [Tesla T4] and 04:00.0 Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 in one group, which ACS on the imported ports does not predict (a multifunction device or bridge without ACS): pass them through to one owner.',
    );
  });

  it('without ACS on a root port, that root complex has none', () => {
    const { design } = imported(withoutAcs(HOST, '00:02.0'));
    const rc = ofKind(design, 'rootComplex')[0]!;
    expect(rc.acs).toBe(false);
    expect(rc.notes).toContain('ACS missing on root port(s) 00:02.0: devices below them share an IOMMU group.');
  });
});

describe('importLspci with lspci -tv', () => {
  it('builds the same tree from a short listing (no "Bus:" lines) and the tree drawing', () => {
    const full = imported(HOST).design;
    const short = imported(SHORT, { treeText: TREE });
    const shape = (d: Design) => Object.values(d.links).map((l) => `${d.elements[l.a.element]!.name} ${l.a.port} → ${d.elements[l.b.element]!.name}`);
    expect(shape(short.design)).toEqual(shape(full));
    expect(short.notes).toContain('7 bridge(s) had no "Bus:" line; their secondary bus was read from the tree.');
    // No SR-IOV capability in a short listing: the listed VFs are counted on the PF before them (a stated guess; the
    // capture shows they are PF0's), TotalVFs from the catalog (X710: 64 per PF).
    expect((byName(short.design, '05:00.0') as ElementOf<'nic'>).physicalFunctions).toEqual([
      { totalVfs: 64, enabledVfs: 0 },
      { totalVfs: 64, enabledVfs: 4 },
    ]);
    expect(short.notes).toContain('4 VF(s) named "Virtual Function" have no SR-IOV capability to place them by; each is counted on the last physical function before it on its bus (a guess: /sys/bus/pci/devices/<PF>/virtfn* shows the owner).');
    expect(findings(short.design, 'error')).toEqual([]);
  });

  it('without the tree, a short listing hangs each device from a root bus it assumes, and says so', () => {
    const { design, notes } = imported(SHORT);
    expect(notes).toContain('7 PCI bridge(s) have no "Bus:" line, so what sits below them is unknown; capture with lspci -vvv or add the tree (--tree, from lspci -tv).');
    // The GPU's, the two NVMe drives', the X710's and the ConnectX-5's buses: 03, 04, 05, 06 and 81.
    expect(ofKind(design, 'rootComplex').map((r) => r.name)).toEqual(['03', '04', '05', '06', '81'].map((b) => `Root complex 0000:${b}`));
    expect(notes).toContain('5 bus(es) are taken as root buses because no bridge in the capture leads to them and they hold no root port; the output of lspci -tv places them.');
    expect(byName(design, 'Root complex 0000:03').notes).toContain('Bus 0000:03 is taken as a root bus: no bridge in the capture leads to it and it holds no root port. Add the output of lspci -tv (--tree) to place it.');
    expect(findings(design, 'error')).toEqual([]);
  });

  it('refuses a tree file that draws no tree, naming the tree as the source', () => {
    expect(importLspci(HOST, { treeText: HOST })).toEqual({ ok: false, reason: 'not an lspci -t tree: no root bus such as "-[0000:00]-" is drawn', source: 'tree' });
  });
});

describe('importLspci: refusals and guesses', () => {
  it('refuses garbage with one line and no design', () => {
    const r = importLspci('\u0000\u0001binary\u001b[31m junk\n');
    expect(r).toEqual({ ok: false, reason: 'not an lspci capture: no line names a PCI function ("00:1f.2 SATA controller: …"); capture it with lspci -vvv (or -vvvnn)' });
  });

  it('refuses a capture of chipset functions only, saying how to keep them', () => {
    const r = importLspci('00:14.0 USB controller [0c03]: Intel Corporation C620 Series Chipset Family USB 3.0 xHCI Controller [8086:a1af] (rev 09)\n');
    expect(r).toEqual({ ok: false, reason: "the capture lists 1 PCI function(s) but none Rackplane models by default (network, storage, display, accelerator, SR-IOV): nothing to import; import with devices: 'all' to keep chipset functions" });
    expect(importLspci('00:14.0 USB controller [0c03]: Intel Corporation C620 USB [8086:a1af]\n', { devices: 'all' }).ok).toBe(true);
  });

  it('counts VFs named so on the physical function before them when no SR-IOV capability is printed (82576 VFs at 82:10.x)', () => {
    const { design, notes } = imported(
      [
        '82:00.0 Ethernet controller: Intel Corporation 82576 Gigabit Network Connection (rev 01)',
        '82:00.1 Ethernet controller: Intel Corporation 82576 Gigabit Network Connection (rev 01)',
        '82:10.0 Ethernet controller: Intel Corporation 82576 Virtual Function (rev 01)',
        '82:10.1 Ethernet controller: Intel Corporation 82576 Virtual Function (rev 01)',
      ].join('\n'),
    );
    const nic = ofKind(design, 'nic');
    expect(nic).toHaveLength(1);
    expect(nic[0]!.physicalFunctions.map((p) => p.enabledVfs)).toEqual([0, 2]);
    // Without ids or a capability, nothing shows the speed of "Gigabit": 1 Gb/s from the name.
    expect(nic[0]!.speedGbps).toBe(1);
    expect(notes.some((n) => n.startsWith('Bus 0000:82'))).toBe(false);
    expect(byName(design, 'Root complex 0000:82').notes).toMatch(/taken as a root bus/);
  });

  it('stays linear on a hostile capture: 5,000 functions each claiming 65,535 enabled VFs', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const bus = (i >> 5).toString(16).padStart(2, '0');
      const dev = (i & 31).toString(16).padStart(2, '0');
      lines.push(`${bus}:${dev}.0 Ethernet controller [0200]: Acme NIC [1234:0001]`, '\tCapabilities: [160 v1] Single Root I/O Virtualization (SR-IOV)', '\t\tInitial VFs: 65535, Total VFs: 65535, Number of VFs: 65535, Function Dependency Link: 00', '\t\tVF offset: 1, stride: 1, Device ID: 0002', '');
    }
    const t0 = performance.now();
    const r = importLspci(lines.join('\n'), { ids: sequentialIds() });
    expect(r.ok).toBe(true);
    // 5,000 × 65,535 routing-ID lookups would take minutes; the bounded matching takes well under the limit.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('rounds a width the model lacks (x12) down and says so', () => {
    const text = HOST.replace('LnkCap:\tPort #0, Speed 8GT/s, Width x16, ASPM L1, Exit Latency L1 <8us\n\t\t\tClockPM- Surprise- LLActRep+ BwNot+ ASPMOptComp+\n\t\tLnkCtl:\tASPM Disabled; RCB 64 bytes, Disabled- CommClk+\n\t\t\tExtSynch- ClockPM- AutWidDis- BWInt- AutBWInt-\n\t\tLnkSta:\tSpeed 8GT/s, Width x16\n\t\t\tTrErr- Train- SlotClk+ DLActive+ BWMgmt- ABWMgmt-\n\t\tDevCap2', 'LnkCap:\tPort #0, Speed 8GT/s, Width x12, ASPM L1\n\t\tLnkSta:\tSpeed 8GT/s, Width x12\n\t\tDevCap2');
    expect(text).not.toBe(HOST);
    const rc = ofKind(imported(text).design, 'rootComplex')[0]!;
    expect(rc.rootPortWidths[0]).toBe(8);
    expect(rc.notes).toContain('Root port 00:01.0: LnkCap width x12 is not a width the model has; taken as x8.');
  });
});

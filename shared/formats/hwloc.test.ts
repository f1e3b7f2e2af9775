/// <reference types="vite/client" />
// Real machines' topologies from hwloc's own test suite (test/fixtures/hwloc, BSD-3-Clause, see SOURCES.md there).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importHwloc, type HwlocImportResult } from './hwloc';
import { exportTopologyJson, importTopologyJson } from './topology';
import { checkIntegrity, countByKind, type Design } from '../model/design';
import { elementSchema, type Element } from '../model/elements';
import { linkSchema } from '../model/links';
import { sequentialIds } from '../model/ids';
import { NIC_CATALOG } from '../catalog';
import { PLACEHOLDER_ROOT_GEN } from './hwloc-design';
import { hwlocV2ToV3 } from './hwloc-v3.test-support';

const FIXTURES = import.meta.glob<string>('../../test/fixtures/hwloc/*.xml', { query: '?raw', import: 'default', eager: true });
const corpus = Object.fromEntries(Object.entries(FIXTURES).map(([path, text]) => [path.split('/').pop()!, text]));

function imported(file: string, opts: Parameters<typeof importHwloc>[1] = {}): { design: Design; notes: string[] } {
  const text = corpus[file];
  if (text === undefined) throw new Error(`fixture ${file} is missing`);
  const r = importHwloc(text, { ids: sequentialIds(), ...opts });
  if (!r.ok) throw new Error(`${file}: ${r.reason}`);
  return r;
}

const ofKind = <K extends Element['kind']>(d: Design, kind: K) => Object.values(d.elements).filter((e): e is Extract<Element, { kind: K }> => e.kind === kind);
const vfsOf = (d: Design) => ofKind(d, 'nic').reduce((s, n) => s + n.physicalFunctions.reduce((t, pf) => t + pf.enabledVfs, 0), 0);

/** Counts read off the XML by hand (see the comments): root complexes, switches, NICs, other endpoints, PCIe links. */
const EXPECTED: Record<string, { rc: number; sw: number; nic: number; ep: number; links: number }> = {
  // Two sockets, each a host bridge; socket 0: I350 on 00:01.1 and a Cisco VIC (two nested switches, two NICs)
  // on 00:03.0; socket 1: the same VIC on 80:03.0. Userspace-NIC functions are VFs, not devices.
  '16intel64-manyVFs.xml': { rc: 2, sw: 4, nic: 5, ep: 0, links: 9 },
  // 82576 NIC, ConnectX-2 (0c06), Tesla GPU, ES1000 behind 00:1e.0, ICH10 SATA 00:1f.{2,5} (one device); two Teslas on socket 1.
  '24em64t-2n6c2t-pci.xml': { rc: 2, sw: 0, nic: 1, ep: 6, links: 7 },
  // One host bridge: RAID 01:00, two VICs on 00:02.0/00:02.2 (two switches each; an enic NIC and an FC HBA below each).
  '28intel64-2p2g7c-CoDgroups.v1.xml': { rc: 1, sw: 4, nic: 2, ep: 3, links: 9 },
  '28intel64-2p2g7c-CoDgroups.v1tov2.xml': { rc: 1, sw: 4, nic: 2, ep: 3, links: 9 },
  // Socket 0: I350, NVMe 00:02.0, VGA behind a PCIe-to-PCI bridge, SATA 00:1f; socket 1: ConnectX-3 (IB only), Xeon Phi.
  // The 7f/ff uncore buses hold only functions hwloc hides by default: no root complex for them.
  '32em64t-2n8c+1mic.xml': { rc: 2, sw: 0, nic: 1, ep: 5, links: 6 },
  // 80:03.0 lists 84:00 (Tesla + Radeon functions) and 04:00.0 (ConnectX-4): a shared bus, modelled as one switch.
  '32em64t-2n8c2t-pci-normalio.xml': { rc: 2, sw: 1, nic: 1, ep: 7, links: 9 },
  '32em64t-2n8c2t-pci-wholeio.xml': { rc: 2, sw: 1, nic: 1, ep: 7, links: 9 },
  // RAID, two BCM5709, VGA behind 00:1e.0, ICH10 SATA; QLogic IB HCA on the second host bridge.
  '40intel64-2g2n4c+pci.xml': { rc: 2, sw: 0, nic: 2, ep: 4, links: 6 },
  // Five host bridges over four NUMA nodes: four BCM5709 NICs; ES1000, ICH7 SATA and four SAS1078 (three behind two bridges each).
  '96em64t-4n4d3ca2co-pci.xml': { rc: 5, sw: 0, nic: 4, ep: 6, links: 10 },
  // QEMU Q35: VGA, 82574L, AHCI on the root bus; a CXL switch tree (3 switches) with four CXL memory devices.
  'cxlmem+dax.v2.xml': { rc: 2, sw: 3, nic: 1, ep: 6, links: 10 },
  'cxlmem+dax.v3.xml': { rc: 2, sw: 3, nic: 1, ep: 6, links: 10 },
  // BCM5716, MegaRAID, MGA behind 00:1e.0, ICH10 SATA, ConnectX IB DDR.
  'devel09-pci.xml': { rc: 1, sw: 0, nic: 1, ep: 4, links: 5 },
};

describe('importHwloc on the corpus', () => {
  it('has every fixture the expectations name', () => {
    expect(Object.keys(corpus).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: imports with the expected elements, schema-valid and sound`, () => {
      const { design } = imported(file);
      const c = countByKind(design);
      expect({ rc: c.rootComplex, sw: c.pcieSwitch, nic: c.nic, ep: c.endpoint, links: Object.keys(design.links).length }).toEqual(want);
      expect(c.host).toBe(1);
      expect(c.vm + c.vswitch + c.tor + c.fex + c.storage).toBe(0);
      expect(checkIntegrity(design)).toEqual([]);
      for (const el of Object.values(design.elements)) expect(elementSchema.safeParse(el).success).toBe(true);
      for (const l of Object.values(design.links)) expect(linkSchema.safeParse(l)).toMatchObject({ success: true, data: { kind: 'pcie' } });
      // Every device hangs from exactly one PCIe link, and every link starts at a root or switch downstream port.
      const parents = new Map<string, number>();
      for (const l of Object.values(design.links)) {
        parents.set(l.b.element, (parents.get(l.b.element) ?? 0) + 1);
        expect(l.a.port).toMatch(/^(rp|dp)\d+$/);
      }
      for (const el of Object.values(design.elements)) if (el.kind !== 'host' && el.kind !== 'rootComplex') expect(parents.get(el.id)).toBe(1);
    });
  }

  it('survives a topology JSON round trip', () => {
    for (const file of Object.keys(EXPECTED)) {
      const { design } = imported(file);
      const back = importTopologyJson(exportTopologyJson(design));
      expect(back.ok && back.repairs).toEqual([]);
      expect(back.ok && exportTopologyJson(back.design)).toBe(exportTopologyJson(design));
    }
  });

  it('is deterministic for a given id source', () => {
    expect(imported('16intel64-manyVFs.xml').design).toEqual(imported('16intel64-manyVFs.xml').design);
  });
});

describe('what the importer reads', () => {
  it('recognises the usNIC VFs of 16intel64-manyVFs and counts them on their PFs', () => {
    const { design, notes } = imported('16intel64-manyVFs.xml');
    const byName = Object.fromEntries(ofKind(design, 'nic').map((n) => [n.name.slice(0, 5), n.physicalFunctions.map((pf) => pf.enabledVfs)]));
    // 0b:00.1-3 and 88:00.1-5 are 1137:00cf; in 0c:00 only .1 and .4 are, .2/.3 were edited to vendor 1138.
    expect(byName).toEqual({ '02:00': [0, 0], '0b:00': [3], '0c:00': [2, 0, 0], '88:00': [5], '89:00': [0] });
    expect(vfsOf(design)).toBe(10);
    expect(notes[0]).toContain('10 SR-IOV VF(s)');
  });

  it('reads sockets, threads and memory from packages and NUMA nodes', () => {
    const host = ofKind(imported('32em64t-2n8c2t-pci-normalio.xml').design, 'host')[0]!;
    expect(host).toMatchObject({ name: 'conan', model: 'Supermicro X9DRG-HF', hypervisor: 'bare-metal', memoryGiB: 63.97 });
    expect(host.sockets).toEqual([
      { cores: 8, threadsPerCore: 2 },
      { cores: 8, threadsPerCore: 2 },
    ]);
    expect(ofKind(imported('96em64t-4n4d3ca2co-pci.xml').design, 'host')[0]!.sockets).toHaveLength(16);
  });

  it('places each root complex on the socket its host bridge sits under', () => {
    const sockets = (f: string) => ofKind(imported(f).design, 'rootComplex').map((rc) => rc.socket);
    expect(sockets('16intel64-manyVFs.xml')).toEqual([0, 1]);
    // Host bridges under a Group holding packages 0-3, 4-7, …: the group's first package.
    expect(sockets('96em64t-4n4d3ca2co-pci.xml')).toEqual([0, 0, 4, 8, 12]);
  });

  it('decodes link speeds into device, port and switch widths, and derives root-complex lanes', () => {
    const { design } = imported('28intel64-2p2g7c-CoDgroups.v1.xml');
    const rc = ofKind(design, 'rootComplex')[0]!;
    expect(rc).toMatchObject({ gen: PLACEHOLDER_ROOT_GEN, rootPortWidths: [8, 8, 8], lanes: 24 });
    expect(rc.notes).toContain(`Gen${PLACEHOLDER_ROOT_GEN} is a placeholder`);
    expect(ofKind(design, 'pcieSwitch').map((s) => [s.upstreamWidth, s.downstreamWidths])).toEqual([
      [8, [16]],
      [16, [16, 16]],
      [8, [16]],
      [16, [16, 16]],
    ]);
    expect(ofKind(design, 'nic').map((n) => [n.pcieGen, n.pcieWidth])).toEqual([
      [3, 16],
      [3, 16],
    ]);
  });

  it('takes a device\'s link from whichever function recorded it (40intel64: only 03:00.1 did)', () => {
    const nic = ofKind(imported('40intel64-2g2n4c+pci.xml').design, 'nic').find((n) => n.name.startsWith('03:00'))!;
    expect(nic).toMatchObject({ pcieGen: 1, pcieWidth: 1, ports: 2, speedGbps: 1 });
    expect(nic.notes).toContain('from device 03:00.1');
  });

  it('keeps unknown links null on the device and says where placeholders stand in', () => {
    const { design, notes } = imported('16intel64-manyVFs.xml');
    for (const n of ofKind(design, 'nic')) expect([n.pcieGen, n.pcieWidth]).toEqual([null, null]);
    const rc = ofKind(design, 'rootComplex')[0]!;
    expect(rc.gen).toBe(PLACEHOLDER_ROOT_GEN);
    expect(rc.notes).toContain(`Gen${PLACEHOLDER_ROOT_GEN} is a placeholder`);
    expect(notes.some((n) => n.includes('drawn x16 (placeholder)'))).toBe(true);
  });

  it('maps PCI classes to NICs and endpoint classes', () => {
    const classes = (f: string) => ofKind(imported(f).design, 'endpoint').map((e) => e.deviceClass).sort();
    expect(classes('32em64t-2n8c+1mic.xml')).toEqual(['accelerator', 'gpu', 'hba', 'ib-hca', 'nvme']);
    expect(classes('24em64t-2n6c2t-pci.xml')).toEqual(['gpu', 'gpu', 'gpu', 'gpu', 'hba', 'ib-hca']);
    expect(classes('cxlmem+dax.v3.xml')).toEqual(['gpu', 'hba', 'other', 'other', 'other', 'other']);
  });

  it('takes NIC speed from the catalog, then the device name, then a stated default', () => {
    const nic82576 = ofKind(imported('24em64t-2n6c2t-pci.xml').design, 'nic')[0]!;
    const entry = NIC_CATALOG.find((e) => e.pciId === '8086:10c9')!;
    expect(nic82576).toMatchObject({ catalogId: entry.id, ports: 2, speedGbps: entry.speedGbps });
    expect(nic82576.physicalFunctions.every((pf) => pf.totalVfs === entry.totalVfsPerPf)).toBe(true);
    expect(ofKind(imported('devel09-pci.xml').design, 'nic')[0]!).toMatchObject({ speedGbps: 1, ports: 2 });
    const vic = ofKind(imported('16intel64-manyVFs.xml').design, 'nic').find((n) => n.name.startsWith('0b:00'))!;
    expect(vic.speedGbps).toBe(10);
    expect(vic.notes).toContain('10 Gb/s is a default');
  });

  it('reads format 1.x like its 2.0 conversion, and 3.0 like 2.0', () => {
    const strip = (d: Design) => Object.values(d.elements).map(({ notes: _n, ...rest }) => rest);
    expect(strip(imported('28intel64-2p2g7c-CoDgroups.v1.xml').design)).toEqual(strip(imported('28intel64-2p2g7c-CoDgroups.v1tov2.xml').design));
    expect(strip(imported('cxlmem+dax.v3.xml').design)).toEqual(strip(imported('cxlmem+dax.v2.xml').design));
  });

  // Issue #11 item 18: hwloc 3.0 writes the OS-device type as a bit mask, and an OpenFabrics device (mlx4_0, usnic_0)
  // carries NETWORK|OPENFABRICS = 48. Counting it as a network port made the ConnectX-3 in InfiniBand mode of
  // 32em64t-2n8c+1mic (ib0 + mlx4_0) a 2-port 10GbE NIC, and each Cisco VIC vNIC (eth + usnic) a 2-port NIC.
  it('reads every corpus machine rewritten as hwloc 3.0 exactly as its 2.0 file', () => {
    const strip = (d: Design) => Object.values(d.elements).map(({ notes: _n, ...rest }) => rest);
    const v2 = Object.keys(EXPECTED).filter((f) => corpus[f]!.includes('<topology version="2.0">'));
    expect(v2.length).toBeGreaterThanOrEqual(9);
    for (const file of v2) {
      const r = importHwloc(hwlocV2ToV3(corpus[file]!), { ids: sequentialIds() });
      expect(r.ok, file).toBe(true);
      if (r.ok) expect(strip(r.design), file).toEqual(strip(imported(file).design));
    }
  });

  it('imports the ConnectX-3 in InfiniBand mode as an HCA and a VIC vNIC with one port, from 3.0 files', () => {
    const v3 = (file: string) => {
      const r = importHwloc(hwlocV2ToV3(corpus[file]!), { ids: sequentialIds() });
      if (!r.ok) throw new Error(r.reason);
      return r;
    };
    const mic = v3('32em64t-2n8c+1mic.xml');
    expect(ofKind(mic.design, 'nic').map((n) => n.name.slice(0, 5))).toEqual(['02:00']);
    const cx3 = ofKind(mic.design, 'endpoint').find((e) => e.name.startsWith('82:00'))!;
    expect(cx3).toMatchObject({ deviceClass: 'ib-hca' });
    expect(cx3.notes).toContain('RDMA (OpenFabrics) device(s) mlx4_0: not network ports');
    const vics = ofKind(v3('16intel64-manyVFs.xml').design, 'nic').filter((n) => n.name.includes('VIC'));
    // 0b:00, 0c:00, 88:00 each list eth + usnic_N; 89:00 lists eth7 only.
    expect(vics.map((n) => [n.name.slice(0, 5), n.ports])).toEqual([
      ['0b:00', 1],
      ['0c:00', 1],
      ['88:00', 1],
      ['89:00', 1],
    ]);
  });

  it('leaves out chipset and uncore functions unless asked for all devices', () => {
    const normal = imported('32em64t-2n8c+1mic.xml');
    expect(normal.notes.some((n) => /Left out \d+ chipset\/uncore function/.test(n))).toBe(true);
    const all = imported('32em64t-2n8c+1mic.xml', { devices: 'all' }).design;
    expect(countByKind(all).rootComplex).toBe(4);
    expect(countByKind(all).endpoint).toBeGreaterThan(countByKind(normal.design).endpoint);
    expect(checkIntegrity(all)).toEqual([]);
  });

  it('names the host as asked, else by the recorded HostName', () => {
    expect(ofKind(imported('devel09-pci.xml', { hostName: '  rack4-node7 ' }).design, 'host')[0]!.name).toBe('rack4-node7');
    expect(imported('devel09-pci.xml').design.meta.name).toBe('devel09');
  });

  it('lays the tree out inside the host, children below and left of their parents, without overlaps', () => {
    for (const file of Object.keys(EXPECTED)) {
      const { design } = imported(file);
      const host = ofKind(design, 'host')[0]!;
      const boxes = Object.values(design.elements).filter((e) => e.kind !== 'host');
      for (const e of boxes) {
        expect(e.x).toBeGreaterThanOrEqual(0);
        expect(e.y).toBeGreaterThanOrEqual(32);
        expect(e.x + 148).toBeLessThanOrEqual(host.width);
        expect(e.y + 56).toBeLessThanOrEqual(host.height);
      }
      for (const l of Object.values(design.links)) {
        const [a, b] = [design.elements[l.a.element]!, design.elements[l.b.element]!];
        expect(b.y).toBeGreaterThan(a.y);
        expect(b.x).toBeLessThan(a.x);
      }
      const seen = new Set(boxes.map((e) => `${e.x},${e.y}`));
      expect(seen.size).toBe(boxes.length);
    }
  });
});

describe('importHwloc refuses what it cannot use, in one line', () => {
  const reasonOf = (r: HwlocImportResult) => {
    expect(r.ok).toBe(false);
    const reason = r.ok ? '' : r.reason;
    expect(reason).not.toMatch(/\n/);
    expect(reason).not.toMatch(/\bat .*:\d+:\d+/);
    return reason;
  };

  it('malformed XML', () => {
    expect(reasonOf(importHwloc('<topology version="2.0"><object type="Machine"></topology>'))).toMatch(/^not well-formed XML \(line 1, column \d+\): Expected closing tag 'object'/);
    const truncated = corpus['devel09-pci.xml']!.slice(0, 5000);
    expect(reasonOf(importHwloc(truncated))).toMatch(/^not well-formed XML \(line \d+/);
  });

  it('XML that is not an hwloc topology', () => {
    expect(reasonOf(importHwloc('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      'not an hwloc topology: the root element is <svg>, expected <topology> (export one with lstopo file.xml)',
    );
    expect(reasonOf(importHwloc('<topologydiff refname="x"/>'))).toContain('topology diff');
    expect(reasonOf(importHwloc('<topology version="4.0"><object type="Machine"/></topology>'))).toContain('format "4.0" is not supported');
  });

  it('an hwloc topology without PCI objects', () => {
    const noIo = '<topology version="2.0"><object type="Machine" os_index="0"><object type="Package" os_index="0"><object type="Core"><object type="PU" os_index="0"/></object></object></object></topology>';
    expect(reasonOf(importHwloc(noIo))).toBe('the hwloc topology has no PCI devices: export it with I/O objects (lstopo --whole-io file.xml, without --no-io)');
  });

  it('absurdly deep nesting', () => {
    const deep = `<topology version="2.0">${'<object type="Group">'.repeat(5000)}${'</object>'.repeat(5000)}</topology>`;
    expect(reasonOf(importHwloc(deep))).toBe('not an hwloc topology: elements are nested more than 200 deep');
  });

  it('empty and non-text input', () => {
    expect(reasonOf(importHwloc(''))).toContain('empty');
    expect(reasonOf(importHwloc(null as unknown as string))).toBe('expected hwloc XML text');
  });

  it('never throws, whatever the text', () => {
    const devel = corpus['devel09-pci.xml']!;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.nat(devel.length).map((n) => devel.slice(0, n)), fc.tuple(fc.nat(devel.length), fc.string()).map(([n, s]) => devel.slice(0, n) + s + devel.slice(n))), (text) => {
        const r = importHwloc(text, { ids: sequentialIds() });
        if (r.ok) expect(checkIntegrity(r.design)).toEqual([]);
        else expect(r.reason).not.toMatch(/\n/);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUILTIN_CATALOG,
  CatalogError,
  NIC_CATALOG,
  SOURCE_KEYS,
  SWITCH_CATALOG,
  catalogEntrySchema,
  elementFromCatalog,
  findCatalogEntry,
  mergeCatalog,
  nicFromCatalog,
  pcieSwitchLanes,
  switchFromCatalog,
  type CatalogEntry,
  type NicCatalogEntry,
  type SwitchCatalogEntry,
} from './index';
import { elementSchema, type Fex, type PcieSwitch, type Tor } from '../model/elements';
import { defaultProps } from '../model/defaults';
import { asElementId } from '../model/ids';
import { pcieRawGbps } from '../model/pcie';

const common = { id: asElementId('n1'), name: 'NIC 1' };

function nicEntry(id: string): NicCatalogEntry {
  const e = findCatalogEntry(id);
  if (!e || e.kind !== 'nic') throw new Error(`no NIC entry ${id}`);
  return e;
}

function switchEntry(id: string): SwitchCatalogEntry {
  const e = findCatalogEntry(id);
  if (!e || e.kind === 'nic') throw new Error(`no switch entry ${id}`);
  return e;
}

describe('built-in catalog: shape', () => {
  it('holds the NICs and then the generic switches', () => {
    expect(BUILTIN_CATALOG).toEqual([...NIC_CATALOG, ...SWITCH_CATALOG]);
    expect(NIC_CATALOG.length).toBeGreaterThanOrEqual(20);
    expect(SWITCH_CATALOG.map((e) => e.kind).sort()).toEqual(['fex', 'pcieSwitch', 'pcieSwitch', 'pcieSwitch', 'tor', 'tor', 'tor']);
  });

  it.each(BUILTIN_CATALOG.map((e) => [e.id, e] as const))('%s parses with catalogEntrySchema unchanged', (_id, entry) => {
    const parsed = catalogEntrySchema.safeParse(entry);
    expect(parsed.success ? null : parsed.error.issues).toBeNull();
    expect(parsed.data).toEqual(entry);
    expect(entry.user).toBe(false);
  });

  it('has unique ids', () => {
    const ids = BUILTIN_CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('cites every NIC figure with known source keys and their citation text', () => {
    for (const e of NIC_CATALOG) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      const keys = e.sources.map((s) => s.key);
      expect(new Set(keys).size, `${e.id} cites a source twice`).toBe(keys.length);
      for (const s of e.sources) {
        expect(SOURCE_KEYS, e.id).toContain(s.key);
        expect(s.citation.length, `${e.id} ${s.key}`).toBeGreaterThan(40);
      }
    }
  });

  it('never puts a per-PF VF limit above the device-wide cap', () => {
    for (const e of NIC_CATALOG) {
      if (e.totalVfsPerPf !== null && e.maxVfsPerDevice !== null) expect(e.totalVfsPerPf, e.id).toBeLessThanOrEqual(e.maxVfsPerDevice);
    }
  });

  it('marks every switch entry generic, and explains it', () => {
    for (const e of SWITCH_CATALOG) {
      expect(e.vendor).toBe('Generic');
      expect(e.notes.length, e.id).toBeGreaterThan(20);
    }
  });
});

describe('built-in catalog: figures match the NIC fact table', () => {
  it('E810-XXV: 2 × 25G, Gen4 x8, 256 VFs per device, per-PF TotalVFs unknown', () => {
    expect(nicEntry('intel-e810-xxv-2x25g')).toMatchObject({
      pciId: '8086:159b',
      vfDeviceId: '1889',
      ports: 2,
      speedGbps: 25,
      pcieGen: 4,
      pcieWidth: 8,
      totalVfsPerPf: null,
      maxVfsPerDevice: 256,
    });
  });

  it('X550-T2: Gen3 x4, 64 TotalVFs per PF', () => {
    expect(nicEntry('intel-x550-t2')).toMatchObject({ ports: 2, speedGbps: 10, pcieGen: 3, pcieWidth: 4, totalVfsPerPf: 64, maxVfsPerDevice: null });
  });

  it('82599: 63 VFs per PF (ixgbe), PCIe unknown, 64 VMDq pools', () => {
    expect(nicEntry('intel-82599-x520')).toMatchObject({
      pciId: '8086:10fb',
      ports: 2,
      speedGbps: 10,
      pcieGen: null,
      pcieWidth: null,
      totalVfsPerPf: 63,
      maxVfsPerDevice: null,
      vmdqPools: 64,
    });
  });

  it('i40e parts: 64 per PF under a 128-per-device cap, in each documented port layout', () => {
    expect(nicEntry('intel-x710-4x10g')).toMatchObject({ ports: 4, speedGbps: 10, totalVfsPerPf: 64, maxVfsPerDevice: 128, pcieGen: null });
    expect(nicEntry('intel-x710-2x10g')).toMatchObject({ ports: 2, speedGbps: 10, maxVfsPerDevice: 128 });
    expect(nicEntry('intel-xl710-2x40g')).toMatchObject({ ports: 2, speedGbps: 40, pcieGen: 3, pcieWidth: 8, totalVfsPerPf: 64, maxVfsPerDevice: 128 });
    expect(nicEntry('intel-xl710-1x40g')).toMatchObject({ ports: 1, speedGbps: 40, pcieGen: 3, pcieWidth: 8, maxVfsPerDevice: 128 });
  });

  it('ConnectX: firmware-dependent limits use the conservative documented figure', () => {
    expect(nicEntry('nvidia-connectx-4-x16')).toMatchObject({ pcieGen: 3, pcieWidth: 16, totalVfsPerPf: 63 });
    expect(nicEntry('nvidia-connectx-4-x8')).toMatchObject({ pcieGen: 3, pcieWidth: 8, totalVfsPerPf: 63 });
    expect(nicEntry('nvidia-connectx-4-lx')).toMatchObject({ ports: 2, speedGbps: 25, pcieGen: 3, pcieWidth: 8, totalVfsPerPf: 8 });
    expect(nicEntry('nvidia-connectx-5-ex')).toMatchObject({ pcieGen: 4, pcieWidth: 16, totalVfsPerPf: 127 });
    expect(nicEntry('nvidia-connectx-7')).toMatchObject({ ports: 4, pcieGen: 5, pcieWidth: 16, totalVfsPerPf: 127, vfDeviceId: null });
    for (const e of NIC_CATALOG.filter((n) => n.id.startsWith('nvidia-'))) expect(e.notes, e.id).toMatch(/each port's own Ethernet rate/);
  });

  // Issue #11 item 17: the entries used to divide mlx5.rst's device total over the ports (a dual-port 100GbE
  // ConnectX-5 became 2 × 50G). Each port runs at its card's per-port rate (NVIDIA card tables, keys N7-N12).
  it('ConnectX ports run at their own rate, not the device total divided over the ports', () => {
    const layouts: Record<string, string> = {
      'nvidia-connectx-4-x16': '2x100', // MCX416A-CCAT, 2 × QSFP28 up to 100GbE [N7]
      'nvidia-connectx-4-x8': '2x50', // MCX414A-GCAT, 2 × QSFP28 up to 50GbE [N7]
      'nvidia-connectx-4-lx': '2x25', // MCX4121A-ACAT, 2 × SFP28 up to 25 Gb/s [N8]
      'nvidia-connectx-5': '2x100', // "the two 100Gb/s physical ports" [N9]
      'nvidia-connectx-5-ex': '2x100', // MCX546A-CDAN, 2 × QSFP28 up to 100 Gb/s [N10]
      'nvidia-connectx-6': '2x200', // MCX613106A-VDAT, 2 × QSFP56 up to 200 Gb/s [N11]
      'nvidia-connectx-6-dx': '2x100',
      'nvidia-connectx-6-lx': '2x25',
      'nvidia-connectx-7-2x200g': '2x200', // "up to two ports of … 200GbE" [N12]
      'nvidia-connectx-7': '4x50', // "Quad-port SFP56 … 50/25GbE" [N12]
    };
    for (const [id, layout] of Object.entries(layouts)) {
      const e = nicEntry(id);
      expect(`${e.ports}x${e.speedGbps}`, id).toBe(layout);
    }
  });

  it('lists a NIC\'s port speeds only where its card table gives them, with its line rate among them', () => {
    const sets = Object.fromEntries(NIC_CATALOG.filter((e) => e.speedsGbps).map((e) => [e.id, e.speedsGbps]));
    expect(sets).toEqual({
      'nvidia-connectx-4-x16': [100, 50, 40, 25, 10, 1],
      'nvidia-connectx-4-x8': [50, 40, 25, 10, 1],
      'nvidia-connectx-4-lx': [25, 10, 1],
      'nvidia-connectx-5-ex': [100, 50, 40, 25, 10],
      'nvidia-connectx-6': [200, 100, 50, 40, 25, 10],
      'nvidia-connectx-7': [50, 25],
    });
    for (const e of NIC_CATALOG) if (e.speedsGbps) expect(e.speedsGbps).toContain(e.speedGbps);
  });

  it('leaves the total to PCIe: two 100G ConnectX-5 ports exceed a Gen3 x16 link', () => {
    const cx5 = nicEntry('nvidia-connectx-5');
    // Gen3 x16: 8 GT/s × 128/130 × 16 lanes = 126.03 Gb/s raw; × 256/(256+24) TLP efficiency = 115.2 Gb/s usable < 2 × 100.
    expect(pcieRawGbps(cx5.pcieGen!, cx5.pcieWidth!) * (256 / 280)).toBeCloseTo(115.2, 1);
    expect(cx5.ports * cx5.speedGbps).toBeGreaterThan(pcieRawGbps(cx5.pcieGen!, cx5.pcieWidth!));
  });

  it('Broadcom BCM57500 adapters carry only their port layout; everything else is unknown', () => {
    const broadcom = NIC_CATALOG.filter((e) => e.vendor === 'Broadcom');
    expect(broadcom.map((e) => `${e.ports}x${e.speedGbps}`)).toEqual(['4x10', '4x25', '1x100', '2x100', '2x200']);
    for (const e of broadcom) {
      expect(e).toMatchObject({ pciId: null, vfDeviceId: null, pcieGen: null, pcieWidth: null, totalVfsPerPf: null, maxVfsPerDevice: null, vmdqPools: null });
    }
  });

  it('agrees with the PCIe arithmetic the notes rely on', () => {
    const xl710 = nicEntry('intel-xl710-2x40g');
    const e810 = nicEntry('intel-e810-xxv-2x25g');
    // DPDK's advice for the XL710: two 40G ports need more than one Gen3 x8 link.
    expect(xl710.ports * xl710.speedGbps).toBeGreaterThan(pcieRawGbps(xl710.pcieGen!, xl710.pcieWidth!));
    expect(e810.ports * e810.speedGbps).toBeLessThan(pcieRawGbps(e810.pcieGen!, e810.pcieWidth!));
  });
});

describe('nicFromCatalog', () => {
  it.each(NIC_CATALOG.map((e) => [e.id, e] as const))('%s becomes a valid NIC element', (_id, entry) => {
    const nic = nicFromCatalog(entry, { ...common, parent: asElementId('host-1'), x: 10, y: 20 });
    const parsed = elementSchema.safeParse(nic);
    expect(parsed.success ? null : parsed.error.issues).toBeNull();
    expect(nic).toMatchObject({
      kind: 'nic',
      id: 'n1',
      name: 'NIC 1',
      parent: 'host-1',
      x: 10,
      y: 20,
      catalogId: entry.id,
      ports: entry.ports,
      speedGbps: entry.speedGbps,
      pcieGen: entry.pcieGen,
      pcieWidth: entry.pcieWidth,
      maxVfsPerDevice: entry.maxVfsPerDevice,
      vmdqPools: entry.vmdqPools,
    });
    expect(nic.model).toContain(entry.model);
    expect(nic.speedsGbps).toEqual(entry.speedsGbps);
    expect(nic.physicalFunctions).toEqual(Array.from({ length: entry.ports }, () => ({ totalVfs: entry.totalVfsPerPf, enabledVfs: 0 })));
  });

  it('gives each physical function its own object', () => {
    const nic = nicFromCatalog(nicEntry('intel-x710-4x10g'), common);
    expect(new Set(nic.physicalFunctions).size).toBe(4);
  });
});

describe('generic switches', () => {
  it.each(SWITCH_CATALOG.map((e) => [e.id, e] as const))('%s props are valid for its element kind', (_id, entry) => {
    const known = Object.keys(defaultProps(entry.kind));
    expect(Object.keys(entry.props).filter((k) => !known.includes(k))).toEqual([]);
    const el = switchFromCatalog(entry, { id: asElementId('s1'), name: 'S1' });
    expect(elementSchema.safeParse(el).success).toBe(true);
    expect(el).toMatchObject({ id: 's1', kind: entry.kind, ...entry.props });
  });

  it('ToR 48 × 25G + 8 × 100G and spine 32 × 100G', () => {
    const tor = switchFromCatalog(switchEntry('generic-tor-48x25g-8x100g'), common) as Tor;
    expect(tor.tier).toBe('tor');
    expect(tor.ports.map((p) => p.speedGbps)).toEqual([...Array(48).fill(25), ...Array(8).fill(100)]);
    expect(tor.ports.every((p) => !p.reflectiveRelay && !p.evb)).toBe(true);
    const evb = switchFromCatalog(switchEntry('generic-tor-48x25g-8x100g-evb'), common) as Tor;
    expect(evb).toMatchObject({ multichannel: true, controllingBridge: true, sChannelLimit: null });
    expect(evb.ports.slice(0, 48).every((p) => p.reflectiveRelay && p.evb)).toBe(true);
    expect(evb.ports.slice(48).some((p) => p.reflectiveRelay)).toBe(false);
    const spine = switchFromCatalog(switchEntry('generic-spine-32x100g'), common) as Tor;
    expect(spine.tier).toBe('spine');
    expect(spine.ports.map((p) => p.speedGbps)).toEqual(Array(32).fill(100));
  });

  it('lists each ToR port\'s speeds: SFP28 server ports 25/10, QSFP28 uplinks and spine ports 100/40', () => {
    for (const id of ['generic-tor-48x25g-8x100g', 'generic-tor-48x25g-8x100g-evb']) {
      const tor = switchFromCatalog(switchEntry(id), common) as Tor;
      expect(tor.ports.map((p) => p.speedsGbps)).toEqual([...Array(48).fill([25, 10]), ...Array(8).fill([100, 40])]);
    }
    const spine = switchFromCatalog(switchEntry('generic-spine-32x100g'), common) as Tor;
    expect(spine.ports.every((p) => p.speedsGbps?.join() === '100,40')).toBe(true);
    // Every configured rate is one its port runs (ETH-002), and no two ports share a speed-set array.
    for (const e of SWITCH_CATALOG.filter((x) => x.kind === 'tor')) {
      const t = switchFromCatalog(e, common) as Tor;
      expect(t.ports.every((p) => p.speedsGbps!.includes(p.speedGbps))).toBe(true);
      expect(new Set(t.ports.map((p) => p.speedsGbps)).size).toBe(t.ports.length);
    }
  });

  it('lets the leaves\' QSFP28 uplinks break out as 4 × 25G or 4 × 10G (LEAF-N9K, LEAF-7050X3), placed not broken out', () => {
    for (const id of ['generic-tor-48x25g-8x100g', 'generic-tor-48x25g-8x100g-evb']) {
      const e = switchEntry(id);
      const tor = switchFromCatalog(e, common) as Tor;
      // 100GBASE-SR4/CR4 is four 25G lanes (802.3bm/802.3bj): four sub-ports of 25G, or of 10G with SFP+ optics.
      const modes = [
        { lanes: 4, speedGbps: 25 },
        { lanes: 4, speedGbps: 10 },
      ];
      expect(tor.ports.map((p) => p.breakoutModes)).toEqual([...Array(48).fill(undefined), ...Array(8).fill(modes)]);
      expect(tor.ports.every((p) => p.breakout === undefined)).toBe(true);
      expect(new Set(tor.ports.slice(48).map((p) => p.breakoutModes)).size).toBe(8);
      expect(e.sources.map((s) => s.key)).toEqual(['LEAF-N9K', 'LEAF-7050X3']);
    }
    const spine = switchFromCatalog(switchEntry('generic-spine-32x100g'), common) as Tor;
    expect(spine.ports.some((p) => p.breakoutModes)).toBe(false);
  });

  it('FEX: 48 × 10G host ports, 4 × 40G uplinks, no controlling bridge until assigned', () => {
    const fex = switchFromCatalog(switchEntry('generic-fex-48x10g-4x40g'), common) as Fex;
    expect(fex).toMatchObject({ hostPorts: 48, hostPortSpeedGbps: 10, uplinks: 4, uplinkSpeedGbps: 40, controllingBridge: null });
    expect((fex.hostPorts * fex.hostPortSpeedGbps) / (fex.uplinks * fex.uplinkSpeedGbps)).toBe(3);
  });

  it('PCIe switches: one upstream port, lane counts of real Gen4 and Gen5 switch classes', () => {
    const lanes = SWITCH_CATALOG.filter((e) => e.kind === 'pcieSwitch').map((e) => {
      const sw = switchFromCatalog(e, common) as PcieSwitch;
      expect(sw).toMatchObject({ upstreamPorts: 1, mrIov: false, acs: true });
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      return [sw.gen, pcieSwitchLanes(sw)];
    });
    expect(lanes).toEqual([
      [4, 48],
      [4, 96],
      [5, 144],
    ]);
  });

  it('refuses props that do not fit the kind, naming the property', () => {
    const base = switchEntry('generic-fex-48x10g-4x40g');
    expect(() => switchFromCatalog({ ...base, props: { ...base.props, uplinkSpeedGbps: -40 } }, common)).toThrow(/uplinkSpeedGbps/);
    expect(() => switchFromCatalog({ ...base, props: { ...base.props, id: 'evil' } }, common)).toThrow(CatalogError);
    expect(() => switchFromCatalog({ ...base, props: { ...base.props, lanes: 4 } }, common)).toThrow(/no property lanes/);
  });
});

describe('findCatalogEntry', () => {
  it('finds by id in the built-in or a given catalog', () => {
    expect(findCatalogEntry('intel-x550-t2')?.model).toMatch(/X550-T2/);
    expect(findCatalogEntry('no-such-entry')).toBeUndefined();
    expect(findCatalogEntry('intel-x550-t2', [])).toBeUndefined();
  });
});

const userNic = (over: Partial<NicCatalogEntry> = {}): NicCatalogEntry => ({
  ...nicEntry('intel-x550-t2'),
  id: 'acme-x1',
  vendor: 'Acme',
  model: 'X1',
  sources: [],
  notes: '',
  user: true,
  ...over,
});

describe('mergeCatalog', () => {
  it('appends valid user entries after the built-ins, marked as user entries', () => {
    const sw = { ...switchEntry('generic-spine-32x100g'), id: 'my-spine', vendor: 'Me', user: false };
    const r = mergeCatalog(BUILTIN_CATALOG, [userNic(), sw]);
    expect(r.rejected).toEqual([]);
    expect(r.entries.slice(0, BUILTIN_CATALOG.length)).toEqual(BUILTIN_CATALOG);
    expect(r.entries.slice(BUILTIN_CATALOG.length)).toEqual([userNic(), { ...sw, user: true }]);
    expect(elementFromCatalog(r.entries.at(-1)!, common).kind).toBe('tor');
  });

  it('refuses an id that belongs to a built-in entry, and says which', () => {
    const r = mergeCatalog(BUILTIN_CATALOG, [userNic({ id: 'intel-x550-t2' })]);
    expect(r.entries).toEqual(BUILTIN_CATALOG);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ index: 0, id: 'intel-x550-t2' });
    expect(r.rejected[0]!.reason).toMatch(/built-in entry "Intel X550-T2.*another id/);
  });

  it('keeps the first of two user entries with one id', () => {
    const r = mergeCatalog(BUILTIN_CATALOG, [userNic(), userNic({ model: 'X1 rev B' })]);
    expect(r.entries.filter((e) => e.id === 'acme-x1').map((e) => e.model)).toEqual(['X1']);
    expect(r.rejected).toEqual([{ index: 1, id: 'acme-x1', reason: expect.stringMatching(/more than once/) }]);
  });

  it('refuses entries that do not parse or cannot become a valid element, one line each', () => {
    const inputs: unknown[] = [
      null,
      42,
      { kind: 'gpu', id: 'x' },
      userNic({ id: 'Bad Id' }),
      userNic({ id: 'zero-ports', ports: 0 }),
      userNic({ id: 'too-many-vfs', totalVfsPerPf: 70_000 }),
      { ...switchEntry('generic-fex-48x10g-4x40g'), id: 'bad-fex', props: { hostPorts: -1 } },
      { ...switchEntry('generic-fex-48x10g-4x40g'), id: 'odd-fex', props: { kind: 'tor' } },
    ];
    const r = mergeCatalog(BUILTIN_CATALOG, inputs);
    expect(r.entries).toEqual(BUILTIN_CATALOG);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const x of r.rejected) {
      expect(x.reason).not.toMatch(/\n/);
      expect(x.reason.length).toBeLessThan(300);
    }
    expect(r.rejected[5]!.reason).toMatch(/too-many-vfs: physicalFunctions\.0\.totalVfs/);
    expect(r.rejected[6]!.reason).toMatch(/bad-fex: hostPorts/);
    expect(r.rejected[7]!.reason).toMatch(/no property kind/);
  });

  it('never throws on arbitrary input and accounts for every user entry', () => {
    const arbUserEntry = fc.oneof(
      fc.jsonValue(),
      fc.record({ id: fc.constantFrom('acme-1', 'acme-2', 'intel-x710-4x10g'), ports: fc.integer({ min: -1, max: 80 }), totalVfsPerPf: fc.option(fc.integer({ min: 0, max: 70_000 })) }).map((o) => userNic(o as Partial<NicCatalogEntry>)),
    );
    fc.assert(
      fc.property(fc.array(arbUserEntry, { maxLength: 8 }), (user) => {
        const r = mergeCatalog(BUILTIN_CATALOG, user);
        const added = r.entries.slice(BUILTIN_CATALOG.length);
        expect(added.length + r.rejected.length).toBe(user.length);
        const ids = r.entries.map((e: CatalogEntry) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const e of added) {
          expect(e.user).toBe(true);
          expect(() => elementFromCatalog(e, common)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { decodeLinkSpeed, describeDecode, linkCandidates, linkGBytes } from './hwloc-link-speed';
import { PCIE_GENS, PCIE_WIDTHS } from '../model/units';

describe('decodeLinkSpeed', () => {
  it('reads hwloc\'s Gen3 figures as Gen3, preferring the width over a faster generation', () => {
    // 7.876923 = 8 GT/s × 128/130 / 8 × 8 lanes, exactly what hwloc prints for a Gen3 x8 link.
    expect(decodeLinkSpeed(7.876923)).toMatchObject({ status: 'ambiguous', gen: 3, width: 8 });
    expect(decodeLinkSpeed(15.753846)).toMatchObject({ status: 'ambiguous', gen: 3, width: 16 });
  });

  it('lists the generation × width pairs that carry the same bandwidth as alternatives', () => {
    const d = decodeLinkSpeed(7.876923);
    expect(d.status === 'ambiguous' && d.alternatives).toEqual([
      { gen: 4, width: 4 },
      { gen: 5, width: 2 },
    ]);
    expect(describeDecode(d)).toBe('pci_link_speed 7.876923 GB/s fits Gen3 x8, Gen4 x4, Gen5 x2 (same bandwidth); taken as Gen3 x8, the widest the device can have');
  });

  it('treats 0 (and anything not a positive number) as unknown', () => {
    expect(decodeLinkSpeed(0)).toEqual({ status: 'unknown', gbytes: 0 });
    expect(decodeLinkSpeed(-1).status).toBe('unknown');
    expect(decodeLinkSpeed(Number.NaN).status).toBe('unknown');
    expect(describeDecode(decodeLinkSpeed(0))).toBe('hwloc recorded no link speed (0)');
  });

  it('decides 2 GB/s (Gen1 x8 or Gen2 x4) as Gen1 x8 and says it was a choice', () => {
    const d = decodeLinkSpeed(2);
    expect(d).toEqual({ status: 'ambiguous', gbytes: 2, gen: 1, width: 8, alternatives: [{ gen: 2, width: 4 }] });
    expect(describeDecode(d)).toContain('fits Gen1 x8, Gen2 x4');
  });

  it('gives an exact answer where only one pair fits', () => {
    expect(decodeLinkSpeed(0.25)).toEqual({ status: 'exact', gbytes: 0.25, gen: 1, width: 1 });
    expect(decodeLinkSpeed(0.984615)).toMatchObject({ status: 'exact', gen: 3, width: 1 });
    expect(describeDecode(decodeLinkSpeed(0.25))).toBeNull();
  });

  it('keeps values that fit no generation × width unknown, with a note', () => {
    // Old hwloc exports in the corpus carry such values (0.2, 0.4 GB/s).
    for (const v of [0.2, 0.4, 0.1, 3.3]) expect(decodeLinkSpeed(v).status).toBe('no-match');
    expect(describeDecode(decodeLinkSpeed(0.4))).toBe('pci_link_speed 0.4 GB/s fits no PCIe generation × width; kept unknown');
  });

  it('never picks x32 when an x16 link carries the same bandwidth', () => {
    // 8 GB/s = Gen1 x32 = Gen2 x16; 31.5 GB/s = Gen3 x32 = Gen4 x16 = Gen5 x8.
    expect(decodeLinkSpeed(8)).toMatchObject({ gen: 2, width: 16 });
    expect(decodeLinkSpeed(linkGBytes(4, 16))).toMatchObject({ gen: 4, width: 16 });
  });

  it('tells the 8b/10b and 128b/130b encodings apart (3.938 is Gen3 x4, not Gen2 x8 = 4.0)', () => {
    expect(decodeLinkSpeed(3.938462)).toMatchObject({ gen: 3, width: 4 });
    expect(decodeLinkSpeed(4)).toMatchObject({ gen: 1, width: 16 });
  });

  it('round-trips every generation × width through the chosen or an alternative pair of equal bandwidth', () => {
    for (const gen of PCIE_GENS) {
      for (const width of PCIE_WIDTHS) {
        const v = Number(linkGBytes(gen, width).toFixed(6));
        const d = decodeLinkSpeed(v);
        expect(d.status === 'exact' || d.status === 'ambiguous').toBe(true);
        const all = d.status === 'ambiguous' ? [d, ...d.alternatives] : d.status === 'exact' ? [d] : [];
        expect(all.map((c) => `${c.gen}x${c.width}`)).toContain(`${gen}x${width}`);
      }
    }
  });

  it('orders candidates widest first (x16 before x32), then by generation', () => {
    expect(linkCandidates(linkGBytes(3, 32))).toEqual([
      { gen: 4, width: 16 },
      { gen: 5, width: 8 },
      { gen: 3, width: 32 },
    ]);
    expect(linkCandidates(0)).toEqual([]);
  });

  // Issue #11 item 18: an NVMe drive's 7.876923 GB/s was decoded as Gen3 x8, as if it were a NIC; U.2, M.2 and
  // EDSFF drives have x4 links, so the same bandwidth is Gen4 x4 (16 GT/s × 128/130 / 8 × 4 = 7.877 GB/s).
  it('prefers the widest width the device can have, then the nearest wider one', () => {
    expect(decodeLinkSpeed(7.876923, 4)).toMatchObject({ status: 'ambiguous', gen: 4, width: 4 });
    // 2 GB/s = Gen1 x8 = Gen2 x4 (5 GT/s × 8/10 / 8 × 4 = 2.0 GB/s): an x4 device is Gen2 x4.
    expect(decodeLinkSpeed(2, 4)).toMatchObject({ gen: 2, width: 4 });
    // 4 GB/s fits only x8 and wider for Gen1/2 (Gen2 x8, Gen1 x16): nearest wider first.
    expect(linkCandidates(4, 4).map((c) => `Gen${c.gen} x${c.width}`)).toEqual(['Gen2 x8', 'Gen1 x16']);
    expect(decodeLinkSpeed(7.876923)).toMatchObject({ gen: 3, width: 8 });
  });
});

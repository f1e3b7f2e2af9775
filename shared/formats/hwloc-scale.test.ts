// Issue #17 item 5: hwloc import is linear in the size of the topology, with limits on size and nesting. These are
// correctness tests at sizes that used to take seconds (timings live in test/bench/import.bench.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importHwloc } from './hwloc';
import { MAX_OBJECTS, MAX_XML_CHARS } from './hwloc-xml';
import { sequentialIds } from '../model/ids';
import type { Design } from '../model/design';
import type { Nic, RootComplex } from '../model/elements';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const busId = (domain: number, bus: number, dev: number, fn: number) => `${hex(domain, 4)}:${hex(bus, 2)}:${hex(dev, 2)}.${fn}`;
const pciDev = (id: string, vendor: string, device: string) => `<object type="PCIDev" pci_busid="${id}" pci_type="0200 [${vendor}:${device}] [0000:0000] 01" pci_link_speed="0"/>`;
const topology = (machineBody: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<topology version="2.0"><object type="Machine" os_index="0"><object type="NUMANode" os_index="0" local_memory="1073741824"/>${machineBody}</object></topology>`;
const onePackage = '<object type="Package" os_index="0"><object type="Core" os_index="0"><object type="PU" os_index="0"/></object></object>';
/** One host bridge and root port holding `body` (siblings on one bus). */
const rootPort = (body: string) =>
  `<object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="0000:[00-ff]"><object type="Bridge" bridge_type="1-1" depth="1" bridge_pci="0000:[01-ff]" pci_busid="0000:00:01.0" pci_type="0604 [8086:3c02] [0000:0000] 07" pci_link_speed="0">${body}</object></object>`;

function imported(xml: string): { design: Design; notes: string[] } {
  const r = importHwloc(xml, { ids: sequentialIds() });
  if (!r.ok) throw new Error(r.reason);
  return r;
}
const ofKind = <T>(d: Design, kind: string) => Object.values(d.elements).filter((e) => e.kind === kind) as T[];

describe('hwloc import at scale', () => {
  it('places 2,000 host bridges of a machine with no CPU package on socket 0', () => {
    const bridges = Array.from({ length: 2000 }, (_, i) => {
      const bus = (i % 250) + 1;
      return `<object type="Bridge" bridge_type="0-1" depth="0" bridge_pci="${hex(i >> 8, 4)}:[${hex(bus, 2)}-${hex(bus, 2)}]">${pciDev(busId(i >> 8, bus, 0, 0), '8086', '1521')}</object>`;
    });
    const { design } = imported(topology(bridges.join('')));
    const rcs = ofKind<RootComplex>(design, 'rootComplex');
    expect(rcs).toHaveLength(2000);
    expect(rcs.every((rc) => rc.socket === 0 && rc.notes.includes('hwloc gives this host bridge no CPU package; placed on socket 0.'))).toBe(true);
  });

  it('counts 20,000 VFs on the two PFs of their card, round robin', () => {
    const vfs = Array.from({ length: 20_000 }, (_, i) => pciDev(busId(0, 3 + (i >> 8), (i >> 3) & 31, i & 7), '8086', '10ed'));
    const { design } = imported(topology(onePackage + rootPort(pciDev(busId(0, 2, 0, 0), '8086', '10fb') + pciDev(busId(0, 2, 0, 1), '8086', '10fb') + vfs.join(''))));
    const [nic] = ofKind<Nic>(design, 'nic');
    expect(nic!.physicalFunctions.map((pf) => pf.enabledVfs)).toEqual([10_000, 10_000]);
  });

  it('counts each VF on the last card of its vendor at or below its routing ID, as the documented rule says', () => {
    // Sibling cards of two vendors with VFs scattered among them, in one or two PCI domains; the expected counts
    // come from the rule applied directly (docs/hwloc-import.md, "SR-IOV virtual functions").
    const VENDORS = [
      { vendor: '8086', pf: '10fb', vf: '10ed' },
      { vendor: '15b3', pf: '1003', vf: '1004' },
    ];
    const arbFn = fc.record({ domain: fc.constantFrom(0, 1), bus: fc.integer({ min: 1, max: 40 }), dev: fc.integer({ min: 0, max: 31 }), v: fc.constantFrom(0, 1) });
    const arbCase = fc.record({
      cards: fc.uniqueArray(fc.record({ at: arbFn, pfs: fc.constantFrom(1, 2) }), { minLength: 1, maxLength: 12, selector: (c) => `${c.at.domain}:${c.at.bus}:${c.at.dev}` }),
      vfs: fc.array(arbFn, { maxLength: 60 }),
    });
    fc.assert(
      fc.property(arbCase, ({ cards, vfs }) => {
        const cardKey = (f: { domain: number; bus: number; dev: number }) => `${f.domain}:${f.bus}:${f.dev}`;
        const taken = new Set(cards.map((c) => cardKey(c.at)));
        const vfList = vfs.filter((f) => !taken.has(cardKey(f)) && VENDORS.some((_, v) => v === f.v && cards.some((c) => c.at.v === v)));
        const uniqueVfs = [...new Map(vfList.map((f, i) => [`${cardKey(f)}.${i & 7}`, { ...f, fn: i & 7 }])).values()];
        const body = [
          ...cards.flatMap((c) => Array.from({ length: c.pfs }, (_, fn) => pciDev(busId(c.at.domain, c.at.bus, c.at.dev, fn), VENDORS[c.at.v]!.vendor, VENDORS[c.at.v]!.pf))),
          ...uniqueVfs.map((f) => pciDev(busId(f.domain, f.bus, f.dev, f.fn), VENDORS[f.v]!.vendor, VENDORS[f.v]!.vf)),
        ];
        const { design } = imported(topology(onePackage + rootPort(body.join(''))));

        const rid = (f: { bus: number; dev: number; fn?: number }) => (f.bus << 8) | (f.dev << 3) | (f.fn ?? 0);
        const order = [...cards].sort((a, b) => a.at.domain - b.at.domain || rid(a.at) - rid(b.at));
        const expected = new Map(order.map((c) => [c, Array<number>(c.pfs).fill(0)]));
        const sortedVfs = [...uniqueVfs].sort((a, b) => a.domain - b.domain || rid(a) - rid(b));
        for (const vf of sortedVfs) {
          const same = order.filter((c) => c.at.v === vf.v);
          const below = same.filter((c) => rid(c.at) <= rid(vf));
          const card = (below.length ? below : same).at(-1)!;
          const counts = expected.get(card)!;
          const dealt = counts.reduce((s, n) => s + n, 0);
          counts[dealt % counts.length]!++;
        }
        const nics = ofKind<Nic>(design, 'nic');
        for (const card of order) {
          const label = `${card.at.domain ? `${hex(card.at.domain, 4)}:` : ''}${hex(card.at.bus, 2)}:${hex(card.at.dev, 2)} `;
          const nic = nics.find((n) => n.name.startsWith(label));
          expect(nic?.physicalFunctions.map((pf) => pf.enabledVfs), label).toEqual(expected.get(card));
        }
      }),
      { seed: 1717, numRuns: 150 },
    );
  });
});

describe('hwloc limits and encodings', () => {
  it('refuses a file larger than the limit before parsing it, in one line', () => {
    const r = importHwloc(`<topology>${' '.repeat(MAX_XML_CHARS)}</topology>`);
    expect(r).toEqual({ ok: false, reason: `too large for an hwloc topology: 64 MiB, more than the ${MAX_XML_CHARS / 2 ** 20} MiB Rackplane reads` });
  });

  it('refuses more objects than the limit, in one line', () => {
    const r = importHwloc(topology(onePackage + '<object type="PU"/>'.repeat(MAX_OBJECTS)));
    expect(r).toEqual({ ok: false, reason: `too large for an hwloc topology: more than ${MAX_OBJECTS.toLocaleString('en-US')} objects` });
  });

  it('refuses objects nested deeper than the limit', () => {
    const r = importHwloc(topology(`${'<object type="Group">'.repeat(300)}${'</object>'.repeat(300)}`));
    expect(r.ok === false && r.reason).toMatch(/nested more than 200 deep/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const r = importHwloc(`\ufeff${topology(onePackage + rootPort(pciDev(busId(0, 2, 0, 0), '8086', '10fb')))}`, { ids: sequentialIds() });
    expect(r.ok && ofKind<Nic>(r.design, 'nic')).toHaveLength(1);
  });

  it('escapes control characters a reason quotes from the file', () => {
    const r = importHwloc('<?xml version="1.0"?><topology version="9\u001b[2J\n.0"><object type="Machine"/></topology>');
    expect(r).toEqual({ ok: false, reason: 'hwloc XML format "9\\x1b[2J .0" is not supported (this importer reads formats 1.x, 2.0 and 3.0)' });
  });
});

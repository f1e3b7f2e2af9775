// The NetBox device-type library sample of the team corpus (../shared/corpus/netbox, see its SOURCES.md): every file
// imports with no error, and the interface table matches the library's own type enum. Read in place when present,
// never copied into the repo; without it these tests are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NicCatalogEntry, SwitchCatalogEntry } from '../catalog';
import { importNetbox, NETBOX_ETHERNET_TYPES } from './netbox';

const CORPUS = join(__dirname, '../../../shared/corpus/netbox');
const present = existsSync(join(CORPUS, 'SOURCES.md'));

const yamlFiles = () =>
  readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();

describe.skipIf(!present)('NetBox corpus', () => {
  it('imports every file with no error: NICs, switches and fabric extenders, servers reported', () => {
    const files = yamlFiles().map((p) => ({ name: relative(CORPUS, p), text: readFileSync(p, 'utf8') }));
    // SOURCES.md: 12 device types and 19 module types.
    expect(files).toHaveLength(31);
    const r = importNetbox(files);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const byId = new Map(r.entries.map((e) => [e.id, e]));
    // SOURCES.md: Intel XXV710-DA2 is 2 × 25G SFP28 — 25 Gb/s ports that take 10G SFP+ modules.
    expect(byId.get('netbox-intel-xxv710-da2')).toMatchObject({ kind: 'nic', ports: 2, speedGbps: 25, speedsGbps: [25, 10], pcieGen: null, pcieWidth: null, totalVfsPerPf: null });
    // Intel XL710-QDA2: 2 × 40G QSFP+.
    expect((byId.get('netbox-intel-xl710-qda2') as NicCatalogEntry).speedGbps).toBe(40);
    // Arista 7050SX3-48YC8: 48 × 25G SFP28 + 8 × 100G QSFP28, management port left out.
    const arista = byId.get('netbox-arista-dcs-7050sx3-48yc8-f') as SwitchCatalogEntry;
    const speeds = (arista.props.ports as { speedGbps: number }[]).map((p) => p.speedGbps);
    expect([speeds.length, speeds.filter((s) => s === 25).length, speeds.filter((s) => s === 100).length]).toEqual([56, 48, 8]);
    // Nexus 2348UPQ: 48 × 10G host ports, 6 × 40G uplinks (SOURCES.md).
    expect((byId.get('netbox-cisco-n2k-c2348upq-10ge') as SwitchCatalogEntry).props).toMatchObject({ hostPorts: 48, hostPortSpeedGbps: 10, uplinks: 6, uplinkSpeedGbps: 40 });
    // The four servers (R650, R750, DL380 Gen10, AS-1115SV) import nothing and say so.
    const servers = r.files.filter((f) => f.id === null);
    expect(servers.map((f) => f.file).sort()).toEqual(['device-types/Dell/PowerEdge-R650.yaml', 'device-types/Dell/PowerEdge-R750.yml', 'device-types/HPE/ProLiant-DL380-Gen10.yaml', 'device-types/Supermicro/AS-1115SV-WTNRT.yml']);
    expect(servers.every((f) => /not imported: a server/.test(f.summary))).toBe(true);
    expect(r.entries).toHaveLength(27);
  });

  it('names only types of the library schema, and covers each of its BASE Ethernet types', () => {
    const schema = JSON.parse(readFileSync(join(CORPUS, 'schema/generated_schema.json'), 'utf8')) as { definitions: { interface: { properties: { type: { enum: string[] } } } } };
    const types = schema.definitions.interface.properties.type.enum;
    const table = Object.keys(NETBOX_ETHERNET_TYPES);
    expect(table.filter((t) => !types.includes(t))).toEqual([]);
    expect(types.filter((t) => /base-/.test(t) && !table.includes(t))).toEqual([]);
  });
});

/** Rows of the entry tables in docs/catalog.md, rendered from the data so that a test can keep them in step. Test-only. */
import type { TorPort } from '../model/elements';
import type { NicCatalogEntry, SwitchCatalogEntry } from './schema';

const unknown = (v: number | null, unit = '') => (v === null ? 'unknown' : `${v}${unit}`);

/** `| id | vendor model | ports (speeds) | PCIe | VFs per PF | VFs per device | VMDq pools | sources |` */
export function nicTableRow(e: NicCatalogEntry): string {
  const pcie = e.pcieGen === null && e.pcieWidth === null ? 'unknown' : `${e.pcieGen === null ? 'Gen ?' : `Gen${e.pcieGen}`} ${e.pcieWidth === null ? 'x?' : `x${e.pcieWidth}`}`;
  const cells = [
    `\`${e.id}\``,
    `${e.vendor} ${e.model}`,
    `${e.ports} × ${e.speedGbps}G${e.speedsGbps ? ` (${e.speedsGbps.join('/')})` : ''}`,
    pcie,
    unknown(e.totalVfsPerPf),
    e.maxVfsPerDevice === null ? '—' : String(e.maxVfsPerDevice),
    unknown(e.vmdqPools),
    e.sources.map((s) => s.key).join(' '),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** A ToR's ports as runs of one rate, speed set and breakouts: "48 × 25G (25/10), 8 × 100G (100/40; breakout 4×25G, 4×10G)"; "—" for other kinds. */
function portRuns(e: SwitchCatalogEntry): string {
  if (e.kind !== 'tor') return '—';
  const runs: { label: string; n: number }[] = [];
  for (const p of (e.props as { ports: TorPort[] }).ports) {
    const breakouts = p.breakoutModes ? `; breakout ${p.breakoutModes.map((m) => `${m.lanes}×${m.speedGbps}G`).join(', ')}` : '';
    const label = `${p.speedGbps}G${p.speedsGbps || breakouts ? ` (${p.speedsGbps?.join('/') ?? ''}${breakouts})` : ''}`;
    const last = runs.at(-1);
    if (last?.label === label) last.n++;
    else runs.push({ label, n: 1 });
  }
  return runs.map((r) => `${r.n} × ${r.label}`).join(', ');
}

/** `| id | kind | model | ports (speeds) |` */
export function switchTableRow(e: SwitchCatalogEntry): string {
  return `| \`${e.id}\` | \`${e.kind}\` | ${e.model} | ${portRuns(e)} |`;
}

/** Rows of the entry tables in docs/catalog.md, rendered from the data so that a test can keep them in step. Test-only. */
import type { NicCatalogEntry, SwitchCatalogEntry } from './schema';

const unknown = (v: number | null, unit = '') => (v === null ? 'unknown' : `${v}${unit}`);

/** `| id | vendor model | ports | PCIe | VFs per PF | VFs per device | VMDq pools | sources |` */
export function nicTableRow(e: NicCatalogEntry): string {
  const pcie = e.pcieGen === null && e.pcieWidth === null ? 'unknown' : `${e.pcieGen === null ? 'Gen ?' : `Gen${e.pcieGen}`} ${e.pcieWidth === null ? 'x?' : `x${e.pcieWidth}`}`;
  const cells = [
    `\`${e.id}\``,
    `${e.vendor} ${e.model}`,
    `${e.ports} × ${e.speedGbps}G`,
    pcie,
    unknown(e.totalVfsPerPf),
    e.maxVfsPerDevice === null ? '—' : String(e.maxVfsPerDevice),
    unknown(e.vmdqPools),
    e.sources.map((s) => s.key).join(' '),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** `| id | kind | model |` */
export function switchTableRow(e: SwitchCatalogEntry): string {
  return `| \`${e.id}\` | \`${e.kind}\` | ${e.model} |`;
}

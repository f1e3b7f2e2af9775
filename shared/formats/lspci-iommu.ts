/**
 * Checking the IOMMU groups a capture shows (`IOMMU group: N`, from Linux's /sys/kernel/iommu_groups) against the
 * groups the imported design predicts from the ports' ACS (shared/validate/iommu.ts). Where they differ the
 * machine knows something the capabilities do not (a kernel ACS quirk for a root port without the capability,
 * `pcie_acs_override`, a multifunction device without ACS), and the user should know which one the design follows.
 */
import type { Design } from '../model/design';
import { deviceIommuGroup } from '../validate/iommu';

/** Devices compared at most: each comparison walks the tree once, and real hosts have at most a few hundred. */
const MAX_DEVICES = 2_000;
/** Differences named one by one before the rest are counted. */
const MAX_LISTED = 5;

/** One line per difference between the capture's IOMMU groups and the design's, or one line saying they agree; none when the capture has no groups. */
export function compareIommuGroups(design: Design, captured: ReadonlyMap<string, readonly string[]>): string[] {
  if (captured.size === 0) return [];
  if (captured.size > MAX_DEVICES) return [`IOMMU groups: ${captured.size} devices are more than the ${MAX_DEVICES} compared; not compared with the design.`];
  const name = (id: string) => design.elements[id]?.name ?? id;
  // The capture's sharing: devices with a function in the same group.
  const byGroup = new Map<string, string[]>();
  for (const [id, groups] of captured) for (const g of new Set(groups)) (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(id);
  const sharedInCapture = new Set<string>();
  for (const ids of byGroup.values()) for (const a of ids) for (const b of ids) if (a < b) sharedInCapture.add(`${a}\u0000${b}`);
  const sharedInDesign = new Set<string>();
  for (const id of captured.keys()) {
    for (const other of deviceIommuGroup(design, id)?.shared ?? []) if (captured.has(other)) sharedInDesign.add(id < other ? `${id}\u0000${other}` : `${other}\u0000${id}`);
  }
  const lines: string[] = [];
  const pair = (k: string) => k.split('\u0000').map(name).join(' and ');
  const onlyCapture = [...sharedInCapture].filter((k) => !sharedInDesign.has(k));
  const onlyDesign = [...sharedInDesign].filter((k) => !sharedInCapture.has(k));
  for (const k of onlyCapture.slice(0, MAX_LISTED)) {
    lines.push(`IOMMU groups: the capture puts ${pair(k)} in one group, which ACS on the imported ports does not predict (a multifunction device or bridge without ACS): pass them through to one owner.`);
  }
  for (const k of onlyDesign.slice(0, MAX_LISTED)) {
    lines.push(`IOMMU groups: the design puts ${pair(k)} in one group (a port above lacks ACS) but the capture separates them (a kernel ACS quirk or pcie_acs_override): the design is the stricter.`);
  }
  const rest = onlyCapture.length + onlyDesign.length - lines.length;
  if (rest > 0) lines.push(`IOMMU groups: ${rest} more pair(s) of devices differ between the capture and the design.`);
  if (lines.length === 0) lines.push(`IOMMU groups: the capture's groups of the ${captured.size} imported device(s) match what ACS on the imported ports predicts.`);
  return lines;
}

/**
 * Arrange Design's racks: a group of top-level elements (./groups.ts) that holds servers cabled to ToRs is placed
 * with the templates' rack geometry (./rack-grid.ts) instead of by ELK. ELK's layered layout puts every server
 * cabled to one ToR pair in one layer, so a rack of 8 came out as one row too wide to read; as a rack (ToRs on top,
 * servers in a grid of 2-4 per row, racks side by side under the spines) it fits a window.
 */
import type { Design } from '../model/design';
import type { Element } from '../model/elements';
import { rankOf, topSize, type HostInterior } from './graph';
import type { Block } from './groups';
import { placeRack, placeRacks, type GridBox, type Placed } from './rack-grid';

/** Ranks (./graph.ts rankOf) of the rows of a rack: ToRs on top, then extenders, then servers and storage. */
const TOR_RANK = 1;
const FEX_RANK = 2;
const SERVER_RANK = 3;

/**
 * `group` placed as a rack when it is one: at least one server and at least one ToR or extender (the group is
 * connected by cables, so the servers are cabled to those switches, directly or through each other). Null for any
 * other group (servers cabled only to each other, switches alone), which ELK lays out as before.
 */
export function rackBlock(group: readonly Element[], interiors: ReadonlyMap<string, HostInterior>): Block | null {
  const tors: GridBox[] = [];
  const fexes: GridBox[] = [];
  const servers: GridBox[] = [];
  let hosts = 0;
  for (const el of group) {
    const size = topSize(el, interiors.get(el.id));
    const box: GridBox = { id: el.id, w: size.w, h: size.h };
    const rank = rankOf(el);
    if (rank === TOR_RANK) tors.push(box);
    else if (rank === FEX_RANK) fexes.push(box);
    else if (rank === SERVER_RANK) {
      servers.push(box);
      if (el.kind === 'host') hosts++;
    } else return null;
  }
  if (hosts === 0 || tors.length + fexes.length === 0) return null;
  const placed = placeRack([tors, fexes], servers);
  return { id: group[0]!.id, members: group.map((g) => g.id), w: placed.w, h: placed.h, positions: placed.positions };
}

/** The top level when there are racks: spines in a row above, racks and lone elements side by side beneath. */
export function racksTopLevel(design: Design, blocks: readonly Block[]): Placed {
  const spines: GridBox[] = [];
  const rest: GridBox[] = [];
  for (const b of blocks) {
    const spine = b.members.length === 1 && rankOf(design.elements[b.members[0]!]!) === 0;
    (spine ? spines : rest).push({ id: b.id, w: b.w, h: b.h });
  }
  return placeRacks(spines, rest);
}

// placeLinkLabels asks its box grid only for the boxes near each route's segments (meetingRoute), not for every box
// in the route's label search box. These tests hold it to the plain definition: every link labelled against all the
// boxes meeting its search box, as the canvas does, then one pickLabels over the lot.
import { describe, expect, it } from 'vitest';
import type { Design } from '../model/design';
import { makeTemplate } from '../templates';
import { selectDiagram } from '../export/selection';
import { paintsAboveServers } from './labels-ends';
import { cachedLinkLabelText, labelSearchBox, linkLabels, pickLabels, placeLinkLabels, type PlacedLabels } from './labels-link';
import type { RoutingStyle } from './routing';
import type { Bounds, LinkPath, TextShape } from './types';

const meets = (n: Bounds, b: Bounds) => n.x < b.x + b.w && n.x + n.w > b.x && n.y < b.y + b.h && n.y + n.h > b.y;

/** placeLinkLabels as its comment defines it, testing every box for every link. */
function reference(design: Design, under: readonly LinkPath[], inner: readonly LinkPath[], containers: readonly Bounds[], contents: readonly Bounds[]): PlacedLabels {
  const place = (links: readonly LinkPath[], boxes: readonly Bounds[]) =>
    links.flatMap((l) => (l.part === 'inside' || cachedLinkLabelText(design, l.id) === null ? [] : linkLabels(design, l, boxes.filter((b) => meets(b, labelSearchBox(l.points))))));
  const underChoices = place(under, [...containers, ...contents]);
  const innerChoices = place(inner, contents);
  const kept = pickLabels([...innerChoices, ...underChoices]);
  const fromUnder = new Set(underChoices.flat());
  const beneath = (t: TextShape) => fromUnder.has(t) && !paintsAboveServers(t);
  return { under: kept.filter(beneath), inner: kept.filter((t) => !beneath(t)) };
}

const plain = (labels: PlacedLabels) => JSON.stringify(labels);

describe('placeLinkLabels with the segment-strip box grid', () => {
  it.each<[string, RoutingStyle]>([
    ['orthogonal', 'orthogonal'],
    // Straight routes have slanted segments, where a label moves off its line by the segment's rise.
    ['straight', 'straight'],
  ])('places exactly the labels of the plain definition on a fabric with %s links', (_label, routing) => {
    const d = makeTemplate('fabric', { hosts: 90, vmsPerHost: 2 });
    const sel = selectDiagram(d, { routing });
    const containers = sel.containers.map((i) => sel.nodes[i]!);
    const contents = sel.contents.map((i) => sel.nodes[i]!);
    const fast = placeLinkLabels(d, sel.underLinks, sel.innerLinks, containers, contents);
    const slow = reference(d, sel.underLinks, sel.innerLinks, containers, contents);
    expect(fast.under.length + fast.inner.length).toBeGreaterThan(200);
    expect(plain(fast)).toBe(plain(slow));
  });
});

/**
 * Arbitrary valid commands for property tests. A command depends on the design it runs on, so the
 * arbitraries produce *intents* (what to do, with choices as indices) and `resolveIntent` turns an intent
 * into a concrete, valid command against the current design, or null when it does not apply (e.g. an
 * update of a kind the design does not hold). Test-only.
 */
import fc from 'fast-check';
import type { Command } from './commands';
import type { Design, DesignMeta } from '../model/design';
import { HOSTED_KINDS, type Element } from '../model/elements';
import type { Link } from '../model/links';
import { asElementId, asLinkId, type ElementId, type LinkId } from '../model/ids';
import {
  allPorts,
  arbCommonFields,
  arbCoord,
  arbId,
  arbKindSpec,
  arbLinkPlan,
  arbText,
  buildElement,
  busyPorts,
  idsOfKind,
  resolveLinkPlan,
  type CommonFields,
  type KindSpec,
  type LinkPlan,
} from '../model/arbitraries.test-support';

export type Intent =
  | { t: 'add'; elements: { spec: KindSpec; common: CommonFields; id: string; parent: number | null }[]; links: { plan: LinkPlan; id: string }[] }
  | { t: 'update'; spec: KindSpec; pick: number; mask: number }
  | { t: 'updateLink'; pick: number; plan: LinkPlan }
  | { t: 'move'; moves: { pick: number; x: number; y: number }[] }
  | { t: 'reparent'; pick: number; host: number | null; x: number; y: number }
  | { t: 'remove'; picks: number[]; linkPicks: number[] }
  | { t: 'setMeta'; changes: Partial<DesignMeta> };

const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

export const arbIntent: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('add' as const),
      elements: fc.array(fc.record({ spec: arbKindSpec, common: arbCommonFields, id: arbId, parent: nullable(fc.nat()) }), { maxLength: 3 }),
      links: fc.array(fc.record({ plan: arbLinkPlan, id: arbId }), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('update' as const), spec: arbKindSpec, pick: fc.nat(), mask: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('updateLink' as const), pick: fc.nat(), plan: arbLinkPlan }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('move' as const), moves: fc.array(fc.record({ pick: fc.nat(), x: arbCoord, y: arbCoord }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reparent' as const), pick: fc.nat(), host: nullable(fc.nat()), x: arbCoord, y: arbCoord }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), picks: fc.array(fc.nat(), { maxLength: 2 }), linkPicks: fc.array(fc.nat(), { maxLength: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('setMeta' as const),
      changes: fc.record({ name: arbText(40), description: arbText(60), revision: fc.nat() }, { requiredKeys: [] }),
    }),
  },
);

/** Fresh ids for things an intent creates when its suggested id is taken. */
export function counterIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}-fresh-${++n}`;
}

const has = (rec: object, key: string) => Object.hasOwn(rec, key);
const sortedKeys = (rec: object) => Object.keys(rec).sort();
const pickOf = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

function resolveAdd(intent: Extract<Intent, { t: 'add' }>, d: Design, fresh: (p: string) => string): Command | null {
  const elements: Element[] = [];
  const taken = new Set<string>();
  for (const e of intent.elements) {
    const id = has(d.elements, e.id) || taken.has(e.id) ? fresh('e') : e.id;
    taken.add(id);
    elements.push(buildElement(id, e.spec, e.common));
  }
  const hosts = [...idsOfKind(d, 'host'), ...elements.filter((e) => e.kind === 'host').map((e) => e.id)];
  intent.elements.forEach((e, i) => {
    const el = elements[i]!;
    if (e.parent !== null && hosts.length && HOSTED_KINDS.has(el.kind)) elements[i] = { ...el, parent: asElementId(pickOf(hosts, e.parent)!) };
  });
  const all: Record<string, Element> = { ...d.elements };
  for (const el of elements) all[el.id] = el;
  const ports = allPorts(all);
  const busy = busyPorts(d.links);
  const links: Link[] = [];
  const linkTaken = new Set<string>();
  for (const l of intent.links) {
    const id = has(d.links, l.id) || linkTaken.has(l.id) ? fresh('l') : l.id;
    const link = resolveLinkPlan(l.plan, id, ports, busy);
    if (!link) continue;
    linkTaken.add(id);
    links.push(link);
  }
  return elements.length || links.length ? { type: 'add', elements, links } : null;
}

function resolveUpdateLink(intent: Extract<Intent, { t: 'updateLink' }>, d: Design): Command | null {
  const id = pickOf(sortedKeys(d.links), intent.pick);
  if (id === undefined) return null;
  const link = d.links[id]!;
  const others = Object.fromEntries(Object.entries(d.links).filter(([k]) => k !== id));
  const moved = resolveLinkPlan({ ...intent.plan, kind: link.kind }, id, allPorts(d.elements), busyPorts(others), true);
  const ends = moved ? { a: moved.a, b: moved.b } : {};
  const p = intent.plan;
  switch (link.kind) {
    case 'pcie':
      return { type: 'updateLink', id: link.id, changes: { ...ends, slotGen: p.slotGen, slotWidth: p.slotWidth } };
    case 'ethernet':
      return { type: 'updateLink', id: link.id, changes: { ...ends, speedGbps: p.speedGbps, lag: p.lag, fullDuplex: p.fullDuplex } };
    case 'sChannel':
      return { type: 'updateLink', id: link.id, changes: { ...ends, svid: p.svid, mode: p.mode } };
    default:
      return moved ? { type: 'updateLink', id: link.id, changes: ends } : null;
  }
}

/** The valid command an intent stands for in design `d`, or null when it does not apply there. */
export function resolveIntent(intent: Intent, d: Design, fresh: (prefix: string) => string): Command | null {
  switch (intent.t) {
    case 'add':
      return resolveAdd(intent, d, fresh);
    case 'update': {
      const id = pickOf(idsOfKind(d, intent.spec.kind), intent.pick);
      if (id === undefined) return null;
      const keys = Object.keys(intent.spec.props);
      const chosen = keys.filter((_, i) => intent.mask & (1 << i % 30));
      const changes = Object.fromEntries((chosen.length ? chosen : keys).map((k) => [k, intent.spec.props[k]]));
      return { type: 'updateElement', id, changes };
    }
    case 'updateLink':
      return resolveUpdateLink(intent, d);
    case 'move': {
      const ids = sortedKeys(d.elements);
      if (!ids.length) return null;
      return { type: 'move', moves: intent.moves.map((m) => ({ id: asElementId(pickOf(ids, m.pick)!), x: m.x, y: m.y })) };
    }
    case 'reparent': {
      const id = pickOf(sortedKeys(d.elements).filter((k) => HOSTED_KINDS.has(d.elements[k]!.kind)), intent.pick);
      if (id === undefined) return null;
      const host = intent.host === null ? undefined : pickOf(idsOfKind(d, 'host'), intent.host);
      return { type: 'reparent', id: asElementId(id), parent: host ?? null, x: intent.x, y: intent.y };
    }
    case 'remove': {
      const ids = sortedKeys(d.elements);
      const linkIds = sortedKeys(d.links);
      const elements = ids.length ? intent.picks.map((i) => asElementId(pickOf(ids, i)!)) : [];
      const links = linkIds.length ? intent.linkPicks.map((i) => asLinkId(pickOf(linkIds, i)!)) : [];
      return elements.length || links.length ? { type: 'remove', elements: elements as ElementId[], links: links as LinkId[] } : null;
    }
    case 'setMeta':
      return { type: 'setMeta', changes: intent.changes };
  }
}

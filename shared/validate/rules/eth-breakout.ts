/**
 * ETH-002 on switch-port breakout: a port is broken out only into a mode its cage and switch allow (a QSFP28 uplink as
 * 4 × 25G or 4 × 10G where the datasheet lists it), and no cable is left on a port since broken out, or on a sub-port
 * its breakout (or the lack of one) does not make. Such a cable is kept in the design, not dropped, so that the user
 * sees it and moves it; it carries nothing until then.
 */
import { breakoutLabel, subPortName, torPortAt, type BreakoutMode, type ElementOf, type TorPort } from '../../model/elements';
import type { EndpointRef, LinkOf } from '../../model/links';
import { listNames, nameOf } from '../format';
import { diag, type Diagnostic, type FabricContext, type FabricRule, type QuickFix } from '../types';

const sameMode = (a: BreakoutMode, b: BreakoutMode) => a.lanes === b.lanes && a.speedGbps === b.speedGbps;
const modesText = (modes: readonly BreakoutMode[]) => listNames(modes.map(breakoutLabel), 8);
const subPortRange = (i: number, lanes: number) => `${subPortName(i, 1)}–${subPortName(i, lanes)}`;

/** A switch with one port's settings replaced (fixes rewrite the `ports` array, the one field that holds them). */
function setPort(t: ElementOf<'tor'>, index: number, port: TorPort): QuickFix['commands'][number] {
  return { type: 'updateElement', id: t.id, changes: { ports: t.ports.map((p, i) => (i === index ? port : p)) } };
}

function withBreakout(p: TorPort, mode: BreakoutMode | undefined): TorPort {
  const { breakout: _old, ...rest } = p;
  return mode ? { ...rest, breakout: { ...mode } } : rest;
}

/** A cable end on the switch: the link, which end is the switch's, and the port it names. */
interface SwitchEnd {
  link: LinkOf<'ethernet'>;
  end: 'a' | 'b';
  port: string;
}

/** Ethernet cable ends on the switch's ports, by port index, with the sub-port (or null) each names. */
function endsByPort(ctx: FabricContext, t: ElementOf<'tor'>): Map<number, { lane: number | null; live: boolean; e: SwitchEnd }[]> {
  const out = new Map<number, { lane: number | null; live: boolean; e: SwitchEnd }[]>();
  for (const l of ctx.linksOf(t.id)) {
    if (l.kind !== 'ethernet') continue;
    for (const end of ['a', 'b'] as const) {
      if (l[end].element !== t.id) continue;
      const r = torPortAt(t, l[end].port);
      if (!r) continue;
      let list = out.get(r.index);
      if (!list) out.set(r.index, (list = []));
      list.push({ lane: r.lane, live: r.live, e: { link: l, end, port: l[end].port } });
    }
  }
  return out;
}

/** (a) A breakout the port does not list in its `breakoutModes`. */
function checkMode(rule: FabricRule, t: ElementOf<'tor'>, i: number, cabledLanes: number[], out: Diagnostic[]): void {
  const p = t.ports[i]!;
  const mode = p.breakout;
  const allowed = p.breakoutModes ?? [];
  if (!mode || allowed.some((m) => sameMode(m, mode))) return;
  const name = `${nameOf(t)} p${i}`;
  const highest = Math.max(0, ...cabledLanes);
  // The fix keeps every cabled sub-port: the same lane count when the port allows it, else enough lanes.
  const to = allowed.find((m) => m.lanes === mode.lanes) ?? allowed.find((m) => m.lanes >= highest);
  let fix: QuickFix | undefined;
  if (to) fix = { label: `Break out p${i} as ${breakoutLabel(to)}`, commands: [setPort(t, i, withBreakout(p, to))] };
  else if (!allowed.length && highest === 0) fix = { label: `Do not break out p${i}`, commands: [setPort(t, i, withBreakout(p, undefined))] };
  const why = allowed.length
    ? `but the port allows only ${modesText(allowed)}; break it out as one of those`
    : "but the port allows no breakout (it lists no `breakoutModes`); declare the modes the switch's datasheet lists for it, or do not break it out";
  out.push(diag(rule, `${name} is broken out as ${breakoutLabel(mode)}, ${why}.`, [t.id], [], fix));
}

/** (b) Cables left on a port since broken out, or on sub-ports the port's breakout (or none) does not make. */
function checkStranded(rule: FabricRule, t: ElementOf<'tor'>, i: number, ends: { lane: number | null; live: boolean; e: SwitchEnd }[], out: Diagnostic[]): void {
  const stranded = ends.filter((x) => !x.live);
  if (!stranded.length) return;
  const p = t.ports[i]!;
  const links = stranded.map((x) => x.e.link);
  const elements = [...new Set([t.id, ...stranded.map((x) => (x.e.end === 'a' ? x.e.link.b.element : x.e.link.a.element))])];
  const linkIds = links.map((l) => l.id);
  const where = `link${links.length === 1 ? '' : 's'} ${listNames(linkIds)} ${links.length === 1 ? 'ends' : 'end'} at ${listNames(stranded.map((x) => x.e.port))}`;
  const move = (e: SwitchEnd, port: string): QuickFix['commands'][number] => ({ type: 'updateLink', id: e.link.id, changes: { [e.end]: { element: t.id, port } as EndpointRef } });
  let fix: QuickFix | undefined;
  let message: string;
  if (p.breakout) {
    // Move each cable to a free sub-port of the breakout, as one re-plugs a server onto a leg of the breakout cable.
    const taken = new Set(ends.filter((x) => x.live).map((x) => x.lane));
    const free: string[] = [];
    for (let j = 1; j <= p.breakout.lanes; j++) if (!taken.has(j)) free.push(subPortName(i, j));
    if (free.length >= stranded.length) {
      fix = {
        label: stranded.length === 1 ? `Move ${linkIds[0]} to ${free[0]}` : `Move the cables to ${listNames(free.slice(0, stranded.length))}`,
        commands: stranded.map((x, k) => move(x.e, free[k]!)),
      };
    }
    message = `${nameOf(t)} p${i} is broken out as ${breakoutLabel(p.breakout)} into ${subPortRange(i, p.breakout.lanes)}, but ${where}, which carr${links.length === 1 ? 'ies' : 'y'} nothing now; move ${links.length === 1 ? 'it' : 'them'} to a sub-port.`;
  } else {
    // Not broken out (any more): break it out again into a mode the port allows with enough lanes, or put a lone cable back on the port.
    const highest = Math.max(...stranded.map((x) => x.lane ?? 0));
    const to = (p.breakoutModes ?? []).find((m) => m.lanes >= highest);
    const portFree = !ends.some((x) => x.live);
    if (to) fix = { label: `Break out p${i} as ${breakoutLabel(to)}`, commands: [setPort(t, i, withBreakout(p, to))] };
    else if (stranded.length === 1 && portFree) fix = { label: `Move ${linkIds[0]} to p${i}`, commands: [move(stranded[0]!.e, `p${i}`)] };
    message = `${nameOf(t)} p${i} is not broken out, but ${where}, ${links.length === 1 ? 'a sub-port' : 'sub-ports'} it does not have, which carr${links.length === 1 ? 'ies' : 'y'} nothing; break the port out again or move the cable${links.length === 1 ? '' : 's'} to a port.`;
  }
  out.push(diag(rule, message, elements, linkIds, fix));
}

/** ETH-002's breakout findings on one switch, port by port. */
export function checkBreakouts(rule: FabricRule, ctx: FabricContext, t: ElementOf<'tor'>, out: Diagnostic[]): void {
  const ends = endsByPort(ctx, t);
  t.ports.forEach((p, i) => {
    const list = ends.get(i) ?? [];
    if (p.breakout) checkMode(rule, t, i, list.flatMap((x) => (x.live && x.lane !== null ? [x.lane] : [])), out);
    if (list.length) checkStranded(rule, t, i, list, out);
  });
}

/**
 * What-if failures set from the canvas: which failure a selected item stands for (an Ethernet cable, a ToR or FEX
 * switch, a host, a vSwitch uplink — a team member — or the one cabled port of a NIC), adding and removing
 * failures in the scenario draft, their names, and which elements and links the canvas marks as failed. Pure
 * functions over the design, so the actions and the panel only call them and the tests need no DOM.
 */
import type { Design } from '../../shared/model/design';
import type { Link } from '../../shared/model/links';
import type { Failure } from '../../shared/sim/failures';
import type { ScenarioDraft } from './scenario-draft';

export interface SelectionLike {
  readonly elements: ReadonlySet<string>;
  readonly links: ReadonlySet<string>;
}

/** A stable key per failure, for comparing and React keys. */
export function failureKey(f: Failure): string {
  if ('link' in f) return `link:${f.link}`;
  if ('switch' in f) return `switch:${f.switch}`;
  if ('nic' in f) return `nic:${f.nic}:${f.port}`;
  if ('vswitch' in f) return `vswitch:${f.vswitch}:${f.uplink}`;
  return `host:${f.host}`;
}

const nameOf = (d: Design, id: string) => {
  const e = Object.hasOwn(d.elements, id) ? d.elements[id]! : undefined;
  return e ? e.name || e.id : id;
};

/** The failure as a person reads it: "switch tor-a", "team member vs0 uplink1", "link r01.h001.nic0.eth0". */
export function failureName(d: Design, f: Failure): string {
  if ('link' in f) return `link ${f.link}`;
  if ('switch' in f) return `switch ${nameOf(d, f.switch)}`;
  if ('nic' in f) return `NIC port ${nameOf(d, f.nic)} ${f.port}`;
  if ('vswitch' in f) return `team member ${nameOf(d, f.vswitch)} ${f.uplink}`;
  return `host ${nameOf(d, f.host)}`;
}

// The Ethernet cables at each element, built once per design object: the context menu and the palette ask about
// every selected item on each render, and a select-all on a 2,000-server design must not scan every link per item.
const cablesByDesign = new WeakMap<Design, Map<string, Link[]>>();
function cablesAt(d: Design, element: string): readonly Link[] {
  let index = cablesByDesign.get(d);
  if (!index) {
    index = new Map();
    for (const l of Object.values(d.links)) {
      if (l.kind !== 'ethernet') continue;
      for (const end of [l.a.element, l.b.element]) {
        const list = index.get(end);
        if (list) list.push(l);
        else index.set(end, [l]);
      }
    }
    cablesByDesign.set(d, index);
  }
  return index.get(element) ?? [];
}
const portOf = (l: Link, element: string) => (l.a.element === element ? l.a.port : l.b.port);
/** The cable on a NIC port, if any. */
const cableOnPort = (d: Design, element: string, port: string) => cablesAt(d, element).find((l) => (l.a.element === element && l.a.port === port) || (l.b.element === element && l.b.port === port));

/** The link a vSwitch uplink (or S-channel) is: a → the vSwitch's uplink, b → the NIC port it rides on. */
function uplinkLink(d: Design, vswitch: string, uplink: string): Link | undefined {
  return Object.values(d.links).find((x) => (x.kind === 'uplink' || x.kind === 'sChannel') && x.a.element === vswitch && x.a.port === uplink);
}

/**
 * The failure one canvas item stands for, or null when it is nothing that fails on its own (a VM, a PCIe link) or
 * failing it would change nothing (an uplink whose port has no cable). The same cases as failures.ts failureProblem.
 */
export function failureOfItem(d: Design, item: { element: string } | { link: string }): Failure | null {
  if ('link' in item) {
    const l = Object.hasOwn(d.links, item.link) ? d.links[item.link]! : undefined;
    if (l?.kind === 'ethernet') return { link: l.id };
    // A vSwitch uplink (or S-channel) is a team member: failing it takes down the cable of the port it rides on.
    if ((l?.kind === 'uplink' || l?.kind === 'sChannel') && cableOnPort(d, l.b.element, l.b.port)) return { vswitch: l.a.element, uplink: l.a.port };
    return null;
  }
  const e = Object.hasOwn(d.elements, item.element) ? d.elements[item.element]! : undefined;
  if (e?.kind === 'tor' || e?.kind === 'fex') return { switch: e.id };
  if (e?.kind === 'host') return { host: e.id };
  // A NIC with one cabled port fails that port; with several, the user picks the cable (or the uplink) itself.
  const cabled = e?.kind === 'nic' ? cablesAt(d, e.id) : [];
  return cabled.length === 1 ? { nic: e!.id, port: portOf(cabled[0]!, e!.id) } : null;
}

/** The failures a selection stands for, in selection order, each once. */
export function failuresOfSelection(d: Design, sel: SelectionLike): Failure[] {
  const out = new Map<string, Failure>();
  for (const link of sel.links) {
    const f = failureOfItem(d, { link });
    if (f) out.set(failureKey(f), f);
  }
  for (const element of sel.elements) {
    const f = failureOfItem(d, { element });
    if (f) out.set(failureKey(f), f);
  }
  return [...out.values()];
}

/** The draft's failures that a selection stands for (what Restore would bring back). */
export function failedInSelection(d: Design, draft: ScenarioDraft, sel: SelectionLike): Failure[] {
  const keys = new Set(failuresOfSelection(d, sel).map(failureKey));
  return draft.failures.filter((f) => keys.has(failureKey(f)));
}

/** The selection's failures the draft does not have yet (what Fail would add). */
export function newFailures(d: Design, draft: ScenarioDraft, sel: SelectionLike): Failure[] {
  const have = new Set(draft.failures.map(failureKey));
  return failuresOfSelection(d, sel).filter((f) => !have.has(failureKey(f)));
}

/** The draft with `fs` added (those already there are kept once). */
export function withFailures(draft: ScenarioDraft, fs: readonly Failure[]): ScenarioDraft {
  const have = new Set(draft.failures.map(failureKey));
  return { ...draft, failures: [...draft.failures, ...fs.filter((f) => !have.has(failureKey(f)))] };
}

/** The draft without `fs`. */
export function withoutFailures(draft: ScenarioDraft, fs: readonly Failure[]): ScenarioDraft {
  const drop = new Set(fs.map(failureKey));
  return { ...draft, failures: draft.failures.filter((f) => !drop.has(failureKey(f))) };
}

export interface FailedMarks {
  /** Switches and hosts that are down. */
  elements: Set<string>;
  /** Cables down: failed links, and the cables of failed ports and team members (not every link of a failed switch). */
  links: Set<string>;
}

/**
 * What the canvas marks as failed: the failed switches and hosts themselves, and the cable each other failure cuts
 * (the cable failures.ts applyFailures takes down for it).
 */
export function failedMarks(d: Design, failures: readonly Failure[]): FailedMarks {
  const marks: FailedMarks = { elements: new Set(), links: new Set() };
  const cut = (l: Link | undefined) => void (l && marks.links.add(l.id));
  for (const f of failures) {
    if ('switch' in f) marks.elements.add(f.switch);
    else if ('host' in f) marks.elements.add(f.host);
    else if ('link' in f) cut(Object.hasOwn(d.links, f.link) ? d.links[f.link] : undefined);
    else if ('nic' in f) cut(cableOnPort(d, f.nic, f.port));
    else {
      const up = uplinkLink(d, f.vswitch, f.uplink);
      if (up) cut(cableOnPort(d, up.b.element, up.b.port));
    }
  }
  return marks;
}

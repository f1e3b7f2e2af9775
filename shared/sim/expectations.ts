/**
 * Checks a scenario states about its own outcome, evaluated after the run (`rackplane simulate` exits 1 when one
 * fails): `minRate` for one flow or every flow of a traffic class (Gb/s, the rate at t = 0, when every
 * migration and transfer runs), `maxUtilisation` of one link or a class of links (the peak, 0-1), `maxDowntime`
 * and `maxTotal` of the migrations (seconds; one that does not run or finish fails), and `noDrops`.
 */
import { z } from 'zod';
import type { Design } from '../model/design';
import { keyedUnion } from './keyed-schema';
import type { ResourceResult, Scenario, SimulationResult } from './simulate';

export const LINK_CLASSES = ['pcie', 'ethernet', 'host-link', 'fabric', 'vswitch-copy'] as const;
export type LinkClass = (typeof LINK_CLASSES)[number];
export const EXPECTATION_KINDS = ['minRate', 'maxUtilisation', 'maxDowntime', 'maxTotal', 'noDrops'] as const;
export type ExpectationKind = (typeof EXPECTATION_KINDS)[number];

/** `name` labels the check in reports; without it a label is made from the check. */
export type Expectation = { name?: string } & (
  | { minRate: number; flow: string }
  | { minRate: number; class: string }
  | { maxUtilisation: number; link: string }
  | { maxUtilisation: number; linkClass: LinkClass }
  | { maxDowntime: number; vm?: string }
  | { maxTotal: number; vm?: string }
  | { noDrops: true }
);

export interface ExpectationOutcome {
  kind: ExpectationKind;
  label: string;
  /** What it is about: a flow id, `class <name>`, a link id, a link class, a VM id or `migrations`, `scenario`. */
  subject: string;
  expected: number;
  /** The figure compared (Gb/s, utilisation 0-1, seconds, drops); null when there was nothing to measure (a migration that did not finish). */
  measured: number | null;
  passed: boolean;
  /** One line: what was measured against what was expected. */
  message: string;
}

const name = z.string().min(1).max(200).optional();
const id = z.string().min(1).max(200);
const nonNeg = z.number().finite().min(0);
const oneOf = (a: string, b: string) => (v: Record<string, unknown>) => (a in v) !== (b in v);

export const expectationSchema: z.ZodType<Expectation> = keyedUnion<Expectation>('an expectation', {
  minRate: z
    .object({ name, minRate: nonNeg, flow: id.optional(), class: id.optional() })
    .strict()
    .refine(oneOf('flow', 'class'), 'minRate needs either "flow" or "class"') as z.ZodType<Expectation>,
  maxUtilisation: z
    .object({ name, maxUtilisation: nonNeg, link: id.optional(), linkClass: z.enum(LINK_CLASSES).optional() })
    .strict()
    .refine(oneOf('link', 'linkClass'), 'maxUtilisation needs either "link" or "linkClass"') as z.ZodType<Expectation>,
  maxDowntime: z.object({ name, maxDowntime: nonNeg, vm: id.optional() }).strict(),
  maxTotal: z.object({ name, maxTotal: nonNeg, vm: id.optional() }).strict(),
  noDrops: z.object({ name, noDrops: z.literal(true) }).strict(),
});

export function expectationKind(e: Expectation): ExpectationKind {
  return EXPECTATION_KINDS.find((k) => k in e)!;
}

/**
 * Why an expectation cannot be judged on this design and scenario (a flow, class, link or migrated VM it names
 * is not there), naming the field; null when it can.
 */
export function expectationProblem(d: Design, s: Scenario, e: Expectation): string | null {
  if ('flow' in e && !s.flows.some((f) => f.id === e.flow)) return `flow: the scenario has no flow "${e.flow}"`;
  if ('class' in e && !s.flows.some((f) => f.class === e.class)) return `class: no flow of the scenario has class "${e.class}"`;
  if ('link' in e && !Object.hasOwn(d.links, e.link)) return `link: no link "${e.link}" in the design`;
  if ('maxDowntime' in e || 'maxTotal' in e) {
    const key = 'maxDowntime' in e ? 'maxDowntime' : 'maxTotal';
    if (e.vm !== undefined && !s.migrations.some((m) => m.vm === e.vm)) return `vm: the scenario migrates no VM "${e.vm}"`;
    if (s.migrations.length === 0) return `${key}: the scenario has no migrations`;
  }
  return null;
}

const kindOfElement = (d: Design, id: string) => (Object.hasOwn(d.elements, id) ? d.elements[id]!.kind : undefined);
const isSwitch = (d: Design, id: string) => ['tor', 'fex'].includes(kindOfElement(d, id) ?? '');

/** Whether a resource belongs to a link class: `host-link` is Ethernet with a switch at one end only, `fabric` between two switches. */
function inClass(d: Design, r: ResourceResult, c: LinkClass): boolean {
  if (c === 'pcie' || c === 'vswitch-copy') return r.kind === c;
  if (r.kind !== 'ethernet') return false;
  if (c === 'ethernet') return true;
  const l = Object.hasOwn(d.links, r.ref) ? d.links[r.ref]! : undefined;
  if (!l) return false;
  const switches = Number(isSwitch(d, l.a.element)) + Number(isSwitch(d, l.b.element));
  return c === 'fabric' ? switches === 2 : switches === 1;
}

const gbps = (x: number) => `${+x.toFixed(3)} Gb/s`;
const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;
const secs = (x: number) => `${+x.toFixed(3)} s`;

/** Judges every expectation of `s` on its result (`d` is the design the scenario ran on). */
export function evaluateExpectations(d: Design, s: Scenario, r: SimulationResult): ExpectationOutcome[] {
  return (s.expectations ?? []).map((e) => {
    const kind = expectationKind(e);
    const out = (subject: string, expected: number, measured: number | null, passed: boolean, detail: string, rule: string): ExpectationOutcome => ({
      kind,
      label: e.name ?? `${kind} ${subject} ${rule}`,
      subject,
      expected,
      measured,
      passed,
      message: `${subject}: ${detail} (${passed ? 'holds' : 'expected'} ${rule})`,
    });
    if ('minRate' in e) {
      const flows = r.flows.filter((f, i) => ('flow' in e ? f.id === e.flow : s.flows[i]?.class === e.class));
      const subject = 'flow' in e ? `flow ${e.flow}` : `class ${e.class}`;
      if (flows.length === 0) return out(subject, e.minRate, null, false, 'no such flow ran', `≥ ${gbps(e.minRate)}`);
      const worst = flows.reduce((a, b) => (b.rate < a.rate ? b : a));
      const detail = worst.dropped !== null ? `${worst.id} dropped: ${worst.dropped}` : `${flows.length > 1 ? `slowest ${worst.id} ` : ''}${gbps(worst.rate)}`;
      return out(subject, e.minRate, worst.rate, worst.dropped === null && worst.rate >= e.minRate - 1e-9, detail, `≥ ${gbps(e.minRate)}`);
    }
    if ('maxUtilisation' in e) {
      const list = r.resources.filter((x) => ('link' in e ? x.ref === e.link : inClass(d, x, e.linkClass)));
      const subject = 'link' in e ? `link ${e.link}` : `${e.linkClass} links`;
      const worst = list.reduce<ResourceResult | null>((a, b) => (!a || b.utilisation > a.utilisation ? b : a), null);
      const u = worst?.utilisation ?? 0;
      const detail = worst ? `peak ${pct(u)} on ${worst.id}` : 'no such link carries traffic';
      return out(subject, e.maxUtilisation, u, u <= e.maxUtilisation + 1e-9, detail, `≤ ${pct(e.maxUtilisation)}`);
    }
    if ('maxDowntime' in e || 'maxTotal' in e) {
      const limit = 'maxDowntime' in e ? e.maxDowntime : e.maxTotal;
      const what = 'maxDowntime' in e ? 'downtime' : 'total time';
      const subject = e.vm !== undefined ? `migration of ${e.vm}` : 'migrations';
      const runs = r.migrations.filter((m) => e.vm === undefined || m.vm === e.vm);
      const failed = runs.find((m) => m.result === null);
      if (failed) return out(subject, limit, null, false, `${failed.vm} did not finish: ${failed.dropped ?? 'no result'}`, `${what} ≤ ${secs(limit)}`);
      let worst = 0;
      let who = '';
      for (const m of runs) {
        const t = 'maxDowntime' in e ? m.result!.downtimeSeconds : m.result!.totalSeconds;
        if (t >= worst) [worst, who] = [t, m.vm];
      }
      return out(subject, limit, worst, worst <= limit + 1e-12, `${what} ${secs(worst)}${runs.length > 1 ? ` (${who})` : ''}`, `${what} ≤ ${secs(limit)}`);
    }
    const dropped = [...r.flows.filter((f) => f.dropped !== null).map((f) => `flow ${f.id}: ${f.dropped}`), ...r.migrations.filter((m) => m.dropped !== null).map((m) => `migration of ${m.vm}: ${m.dropped}`)];
    const detail = dropped.length === 0 ? 'nothing dropped' : `${dropped.length} dropped, first ${dropped[0]}`;
    return out('scenario', 0, dropped.length, dropped.length === 0, detail, 'no drops');
  });
}

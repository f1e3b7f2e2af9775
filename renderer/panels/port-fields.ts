/**
 * What the inspector's per-port editor of a switch shows: a one-line label per port for the port picker (a leaf has
 * 56 ports, a large switch up to 1024, so the ports are picked one at a time rather than all listed open), the fields
 * of one port, the breakouts that port allows as choices, and breakout modes typed as a datasheet writes them.
 */
import { breakoutLabel, breakoutModeSchema, subPortName, type BreakoutMode, type TorPort } from '../../shared/model/elements';
import { formatSpeedShort } from '../../shared/scene/format';
import type { Choice, FieldSpec, Info } from './fields';

/** The fields of one switch port, as the port editor labels them. */
export const TOR_PORT_INFO: Record<string, Info> = {
  speedGbps: { label: 'Speed', unit: 'Gb/s', hint: 'The rate the port is configured to; one of the speeds it runs (rule ETH-002). A broken-out port runs its sub-ports at the breakout speed instead' },
  reflectiveRelay: { label: 'Reflective relay', hint: '802.1Qbg hairpin: frames may leave by the port they came in on (VEPA hosts need it, rule EVB-001)' },
  evb: { label: 'EVB bridge role', hint: 'The port advertises the 802.1Qbg EVB bridge role to the station it faces (rule EVB-002)' },
  allowedVlans: {
    label: 'Allowed VLANs',
    hint: 'The port’s 802.1Q allowed-VLAN list; empty = all VLANs, as on a trunk with no restriction (rule L2-001)',
    list: { min: 1, max: 4094, prefix: '', what: 'VLAN id', emptyLabel: 'all VLANs', unset: true },
  },
  speedsGbps: {
    label: 'Speeds the port runs',
    unit: 'Gb/s',
    hint: 'Every rate the port’s cage, SerDes and optics run, from the switch’s datasheet (an SFP28 port 25/10, a QSFP28 port 100/40); empty = unknown: its speed and the standard fallbacks',
    speeds: true,
  },
  breakoutModes: {
    label: 'Breakout modes',
    hint: 'The breakouts the switch allows on this port, as its datasheet lists them (a QSFP28 uplink: 4×25G, 4×10G); empty = none',
    breakout: 'modes',
  },
  breakout: {
    label: 'Breakout',
    hint: 'Split the port into sub-ports p<i>/1 … p<i>/<lanes>, each cabled on its own at the breakout speed (one QSFP28 port to four servers); only the modes the port allows are offered',
    breakout: 'mode',
  },
};

/** "p48 · 100G" with what is set on it: breakout into its sub-ports, relay, EVB, a VLAN restriction. */
export function portOptionLabel(p: TorPort, i: number): string {
  const parts = [`p${i}`, formatSpeedShort(p.speedGbps)];
  if (p.breakout) parts.push(`${breakoutLabel(p.breakout)} → ${subPortName(i, 1)}–${subPortName(i, p.breakout.lanes)}`);
  if (p.reflectiveRelay) parts.push('relay');
  if (p.evb) parts.push('EVB');
  if (p.allowedVlans) parts.push(p.allowedVlans.length === 1 ? `VLAN ${p.allowedVlans[0]}` : `${p.allowedVlans.length} VLANs`);
  return parts.join(' · ');
}

/**
 * The breakout choices of one port: not broken out, then each mode the port allows. A configured mode the port does
 * not allow stays listed (marked) so the field shows the truth; rule ETH-002 reports it.
 */
export function breakoutChoices(p: TorPort): Choice[] {
  const modes = [...(p.breakoutModes ?? [])];
  const current = p.breakout;
  if (current && !modes.some((m) => sameMode(m, current))) modes.push(current);
  return [
    { value: undefined, label: 'not broken out' },
    ...modes.map((m) => ({ value: { lanes: m.lanes, speedGbps: m.speedGbps }, label: `${breakoutLabel(m)}${p.breakoutModes?.some((x) => sameMode(x, m)) ? '' : ' (not allowed)'}` })),
  ];
}

const sameMode = (a: BreakoutMode, b: BreakoutMode) => a.lanes === b.lanes && a.speedGbps === b.speedGbps;

/** A port field's spec for one port: the breakout field becomes a choice among what that port allows. */
export function portFieldSpec(spec: FieldSpec, p: TorPort): FieldSpec {
  return spec.editor.type === 'breakout' ? { ...spec, editor: { type: 'choice', choices: breakoutChoices(p) } } : spec;
}

/** The ports with one field of port `i` set; an unset (undefined) value removes the field, as an optional one is written. */
export function withPortField(ports: readonly TorPort[], i: number, key: string, value: unknown): TorPort[] {
  return ports.map((p, j) => {
    if (j !== i) return p;
    const out = { ...p, [key]: value } as Record<string, unknown>;
    if (value === undefined) delete out[key];
    return out as TorPort;
  });
}

/** "4×25G, 4×10G" (also "4x25", "4 x 25G", separated by commas or semicolons) → modes in the order typed; empty → unset (none). */
export function parseBreakoutModes(s: string): { ok: true; value: BreakoutMode[] | undefined } | { ok: false; reason: string } {
  if (s.trim() === '') return { ok: true, value: undefined };
  const out: BreakoutMode[] = [];
  for (const part of s.split(/[,;]+/).map((x) => x.trim()).filter(Boolean)) {
    const m = /^(\d+)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(?:g(?:b\/?s)?)?$/i.exec(part);
    const mode = m ? breakoutModeSchema.safeParse({ lanes: Number(m[1]), speedGbps: Number(m[2]) }) : null;
    if (!mode?.success) return { ok: false, reason: `“${part}” is not a breakout such as 4×25G (2, 4 or 8 lanes)` };
    if (!out.some((x) => sameMode(x, mode.data))) out.push(mode.data);
  }
  if (out.length > 8) return { ok: false, reason: `at most 8 breakout modes (got ${out.length})` };
  return { ok: true, value: out };
}

/** Breakout modes as typed back: "4×25G, 4×10G". */
export const formatBreakoutModes = (modes: readonly BreakoutMode[]): string => modes.map(breakoutLabel).join(', ');

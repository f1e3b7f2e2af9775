// The inspector's per-port editor of a switch, as a model: which fields a port shows, the breakout choices of one
// port, the list an edit commits, and that each edit is one undo step that undo takes back.
import { describe, expect, it } from 'vitest';
import { History } from '../../shared/history/history';
import type { Command } from '../../shared/history/commands';
import { portsOf, type ElementOf, type TorPort } from '../../shared/model/elements';
import { makeTemplate } from '../../shared/templates';
import { checkValue, choiceIndex, describeValue, elementFields, parseInput, type FieldSpec } from './fields';
import { breakoutChoices, formatBreakoutModes, parseBreakoutModes, portFieldSpec, portOptionLabel, withPortField } from './port-fields';

const portsSpec = () => elementFields('tor').find((f) => f.key === 'ports')!;
const portFields = (): FieldSpec[] => {
  const e = portsSpec().editor;
  if (e.type !== 'ports') throw new Error('not a ports editor');
  return e.fields;
};
const portField = (key: string) => portFields().find((f) => f.key === key)!;
// A rack template's leaf is the catalog's generic leaf: p0-p47 SFP28, p48-p55 QSFP28 uplinks that break out 4×25G or 4×10G.
const leafDesign = () => makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 1 });
const LEAF = 'r01.tor-a';

describe('the switch port editor', () => {
  it('shows every field of a port, breakout as a choice of what that port allows', () => {
    expect(portFields().map((f) => [f.key, f.label, f.editor.type])).toEqual([
      ['speedGbps', 'Speed', 'number'],
      ['reflectiveRelay', 'Reflective relay', 'boolean'],
      ['evb', 'EVB bridge role', 'boolean'],
      ['allowedVlans', 'Allowed VLANs', 'intList'],
      ['speedsGbps', 'Speeds the port runs', 'speedList'],
      ['breakoutModes', 'Breakout modes', 'breakoutList'],
      ['breakout', 'Breakout', 'breakout'],
    ]);
    const leaf = leafDesign().elements[LEAF] as ElementOf<'tor'>;
    const uplink = portFieldSpec(portField('breakout'), leaf.ports[48]!).editor;
    expect(uplink.type === 'choice' && uplink.choices).toEqual([
      { value: undefined, label: 'not broken out' },
      { value: { lanes: 4, speedGbps: 25 }, label: '4×25G' },
      { value: { lanes: 4, speedGbps: 10 }, label: '4×10G' },
    ]);
    // An SFP28 server port allows none; a configured mode the port does not allow is shown, marked.
    const server = portFieldSpec(portField('breakout'), leaf.ports[0]!).editor;
    expect(server.type === 'choice' && server.choices.map((c) => c.label)).toEqual(['not broken out']);
    expect(breakoutChoices({ ...leaf.ports[48]!, breakout: { lanes: 2, speedGbps: 50 } }).map((c) => c.label)).toEqual(['not broken out', '4×25G', '4×10G', '2×50G (not allowed)']);
    // The select finds the current mode by content, whatever object holds it.
    expect(choiceIndex(breakoutChoices(leaf.ports[48]!), { speedGbps: 10, lanes: 4 })).toBe(2);
    expect(choiceIndex(breakoutChoices(leaf.ports[48]!), undefined)).toBe(0);
  });

  it('labels each of the 56 ports on one line, and a 1024-port switch just as well', () => {
    const leaf = leafDesign().elements[LEAF] as ElementOf<'tor'>;
    const labels = leaf.ports.map(portOptionLabel);
    expect(labels).toHaveLength(56);
    expect(labels[0]).toBe('p0 · 25G');
    expect(labels[48]).toBe('p48 · 100G');
    const p: TorPort = { speedGbps: 100, reflectiveRelay: true, evb: false, allowedVlans: [110, 120], breakout: { lanes: 4, speedGbps: 25 } };
    expect(portOptionLabel(p, 48)).toBe('p48 · 100G · 4×25G → p48/1–p48/4 · relay · 2 VLANs');
    const big = Array.from({ length: 1024 }, (): TorPort => ({ speedGbps: 400, reflectiveRelay: false, evb: false }));
    expect(big.map(portOptionLabel).at(-1)).toBe('p1023 · 400G');
    // The picker lists every port: no cut-off as the record editor has.
    expect(portsSpec().editor).not.toHaveProperty('shown');
  });

  it('breaks a port out in one edit that undo takes back, the sub-ports replacing the port', () => {
    const original = leafDesign();
    const leaf = original.elements[LEAF] as ElementOf<'tor'>;
    const h = new History(original);
    // What choosing "4×25G" in p48's Breakout field commits: the whole list with that one field changed.
    const choice = breakoutChoices(leaf.ports[48]!)[1]!.value;
    expect(checkValue(portField('breakout'), choice)).toBeNull();
    const ports = withPortField(leaf.ports, 48, 'breakout', choice);
    expect(checkValue(portsSpec(), ports)).toBeNull();
    expect(ports.filter((p, i) => p !== leaf.ports[i])).toHaveLength(1);
    h.execute({ type: 'updateElement', id: leaf.id, changes: { ports } } as Command);
    const after = h.design.elements[LEAF] as ElementOf<'tor'>;
    const names = portsOf(after).map((p) => p.name);
    expect(names).toContain('p48/4');
    expect(names).not.toContain('p48');
    expect(describeValue('ports', after.ports, h.design)).toContain('Broken out: p48 4×25G');
    // "not broken out" removes the field, as the document writes an unset optional field.
    const back = withPortField(after.ports, 48, 'breakout', undefined);
    expect(back[48]).toEqual(leaf.ports[48]);
    expect('breakout' in back[48]!).toBe(false);
    h.execute({ type: 'updateElement', id: leaf.id, changes: { ports: back } } as Command);
    h.undo();
    h.undo();
    expect(h.design).toEqual(original);
    expect(h.canUndo()).toBe(false);
  });

  it('reads breakout modes as a datasheet writes them, and writes them back the same way', () => {
    const parse = (s: string) => parseInput(portField('breakoutModes').editor, s);
    expect(parse('4×25G, 4x10')).toEqual({ ok: true, value: [{ lanes: 4, speedGbps: 25 }, { lanes: 4, speedGbps: 10 }] });
    expect(parse('2 x 50 Gb/s; 4×25G; 4x25')).toEqual({ ok: true, value: [{ lanes: 2, speedGbps: 50 }, { lanes: 4, speedGbps: 25 }] });
    expect(parse('')).toEqual({ ok: true, value: undefined });
    expect(parse('3x25')).toEqual({ ok: false, reason: '“3x25” is not a breakout such as 4×25G (2, 4 or 8 lanes)' });
    expect(parseBreakoutModes('4x0').ok).toBe(false);
    expect(formatBreakoutModes([{ lanes: 4, speedGbps: 25 }, { lanes: 8, speedGbps: 50 }])).toBe('4×25G, 8×50G');
  });
});

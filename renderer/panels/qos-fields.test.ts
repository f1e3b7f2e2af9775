// The inspector's QoS fields (docs/qos.md): a port group's QoS and a vNIC's override are records edited field by field;
// an empty field is unset, and the schema's ranges (vSphere shares 1-100, 802.1p priority 0-7) refuse what they cannot hold.
import { describe, expect, it } from 'vitest';
import { checkValue, elementFields, parseInput, type FieldSpec } from './fields';

const qosOf = (kind: 'vswitch' | 'vm', list: 'portGroups' | 'vnics'): FieldSpec => {
  const e = elementFields(kind).find((f) => f.key === list)!.editor;
  if (e.type !== 'items') throw new Error(`expected a record list, got ${e.type}`);
  return e.fields.find((f) => f.key === 'qos')!;
};
const sub = (qos: FieldSpec, key: string): FieldSpec => {
  if (qos.editor.type !== 'record') throw new Error(`expected a record, got ${qos.editor.type}`);
  return qos.editor.fields.find((f) => f.key === key)!;
};

describe('QoS fields in the inspector', () => {
  it('edits a port group’s limit, reservation, shares and egress class, each with its unit', () => {
    const qos = qosOf('vswitch', 'portGroups');
    expect(qos.ref).toEqual({ doc: 'qos', section: 'The settings' });
    if (qos.editor.type !== 'record') throw new Error('not a record');
    expect(qos.editor.fields.map((f) => [f.key, f.label, f.unit])).toEqual([
      ['limitGbps', 'Limit', 'Gb/s'],
      ['reservationGbps', 'Reservation', 'Gb/s'],
      ['shares', 'Shares', '1–100'],
      ['classMode', 'Egress class', null],
      ['classPriority', 'Priority', '0–7'],
      ['classWeight', 'Class weight', '1–100'],
    ]);
    const limit = sub(qos, 'limitGbps');
    expect(parseInput(limit.editor, '2.5')).toEqual({ ok: true, value: 2.5 });
    expect(parseInput(limit.editor, '')).toEqual({ ok: true, value: undefined });
    expect(checkValue(limit, 0)).not.toBeNull();
    expect(checkValue(sub(qos, 'shares'), 101)).not.toBeNull();
    expect(checkValue(sub(qos, 'classPriority'), 8)).not.toBeNull();
    const mode = sub(qos, 'classMode').editor;
    expect(mode.type === 'choice' && mode.choices).toEqual([
      { value: undefined, label: 'default' },
      { value: 'strict', label: 'Strict priority' },
      { value: 'wrr', label: 'Weighted round robin' },
    ]);
  });

  it('says on a vNIC that an empty field keeps the port group’s value', () => {
    const qos = qosOf('vm', 'vnics');
    expect(qos.label).toBe('QoS override');
    expect(sub(qos, 'limitGbps').editor).toEqual({ type: 'number', nullable: true, nullLabel: 'port group’s', optional: true });
    // The whole record is checked by the model's schema when committed.
    expect(checkValue(qos, { limitGbps: 2, shares: 100 })).toBeNull();
    expect(checkValue(qos, undefined)).toBeNull();
  });
});

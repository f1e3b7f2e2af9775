import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import { elementName, flowLabel, resourceLabel } from './sim-names';

describe('simulation names', () => {
  const rack = makeTemplate('rack', { hosts: 2, vmsPerHost: 2 });
  it('names flows by their ends, keeping the #n of a second flow between them', () => {
    expect(flowLabel(rack, 'r01.h001.vm01->r01.h002.vm02')).toBe('r01-h001-vm01 → r01-h002-vm02');
    expect(flowLabel(rack, 'outside->r01.h002.vm01#2')).toBe('outside → r01-h002-vm01 (#2)');
    expect(flowLabel(rack, 'f1')).toBe('f1');
  });
  it('names resources by link ends with their servers, never by internal id', () => {
    const eth = Object.values(rack.links).find((l) => l.kind === 'ethernet')!;
    expect(resourceLabel(rack, `eth:${eth.id}:ab`)).not.toContain(':');
    expect(resourceLabel(rack, 'copy:r01.h001')).toBe('vSwitch copy on esx-r01-h001');
    expect(elementName(rack, 'r01.h002.vm02')).toBe('r01-h002-vm02');
  });
});

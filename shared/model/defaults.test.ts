// Defaults of new elements: what a palette drop or a template creates.
import { describe, expect, it } from 'vitest';
import { makeElement } from './defaults';

describe('new virtual switches', () => {
  it('start with their own platform’s teaming unless one is given', () => {
    const id = 'vs' as never;
    expect(makeElement('vswitch', { id, name: 'v' }).teamPolicy).toBe('vmware-port-id');
    expect(makeElement('vswitch', { id, name: 'v' }, { switchKind: 'ovs' }).teamPolicy).toBe('ovs-active-backup');
    expect(makeElement('vswitch', { id, name: 'v' }, { switchKind: 'hyperv' }).teamPolicy).toBe('hyperv-set');
    expect(makeElement('vswitch', { id, name: 'v' }, { switchKind: 'ovs', teamPolicy: 'none' }).teamPolicy).toBe('none');
  });
});

// The report's virtual-networking table: one row per distinct virtual-switch setup, with the servers using it.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../history/commands';
import { makeTemplate } from '../templates';
import { designReportHtml } from './report-html';
import { networkingCells, networkingRows } from './networking';

describe('networkingRows', () => {
  it('groups the servers by switch kind, teaming, MTU and overlay', () => {
    const d = makeTemplate('rack', { hosts: 3, vmsPerHost: 1 });
    expect(networkingRows(d).map(networkingCells)).toEqual([['VDS', 'Route based on originating virtual port', '2', '—', '1500', '0', '3']]);
    // One host moved to jumbo frames over an active/standby team: a row of its own.
    const jumbo = applyCommand(d, { type: 'updateElement', id: 'r01.h002.vs0' as never, changes: { mtu: 9000, teamPolicy: 'vmware-failover-order', standbyUplinks: [1] } }).design;
    expect(networkingRows(jumbo).map(networkingCells)).toEqual([
      ['VDS', 'Route based on originating virtual port', '2', '—', '1500', '0', '2'],
      ['VDS', 'Use explicit failover order', '2', 'up1', '9000', '0', '1'],
    ]);
  });

  it('is a section of the HTML report (absent when the design has no virtual switch)', () => {
    const kvm = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 1 });
    const html = designReportHtml(kvm, {});
    expect(html).toContain('<section id="networking"><h2>Virtual networking</h2>');
    expect(html).toContain('OVS bond balance-tcp (LACP)');
    expect(designReportHtml(makeTemplate('empty'), {})).not.toContain('id="networking"');
  });
});

// Expectations judged on hand-computed runs of the rack-kvm template (two hosts, a 2 × 25G LACP team each).
import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../templates';
import type { Expectation } from './expectations';
import { simulate, type Scenario } from './simulate';

const d = makeTemplate('rack-kvm', { hosts: 2, vmsPerHost: 2 });
const H1 = 'r01.h001';
const H2 = 'r01.h002';
const flows = [
  { id: 'app', src: { vm: `${H1}.vm01` }, dst: { vm: `${H2}.vm01` }, demandGbps: null, class: 'web' },
  { id: 'db', src: { vm: `${H1}.vm02` }, dst: { vm: `${H2}.vm02` }, demandGbps: null, class: 'web' },
];
const run = (expectations: Expectation[], extra: Partial<Scenario> = {}) =>
  simulate(d, { name: 't', flows, migrations: [], maxPayload: 256, downtimeLimitSec: 0.3, failures: [{ vswitch: `${H1}.vs0`, uplink: 'up0' }], expectations, ...extra }).expectations!;

describe('scenario expectations', () => {
  it('minRate of a flow and of a class: measured is the slowest flow (12.5 Gb/s on one member)', () => {
    const [a, b, c] = run([{ minRate: 12, flow: 'app' }, { minRate: 13, class: 'web' }, { name: 'db fast', minRate: 12.5, flow: 'db' }]);
    expect(a).toMatchObject({ kind: 'minRate', passed: true, measured: 12.5, expected: 12, subject: 'flow app' });
    expect(b).toMatchObject({ passed: false, measured: 12.5, expected: 13, subject: 'class web', message: 'class web: slowest app 12.5 Gb/s (expected ≥ 13 Gb/s)' });
    expect(c).toMatchObject({ label: 'db fast', passed: true });
  });

  it('maxUtilisation of a link class and of one link', () => {
    const [hostLinks, fabric, idle] = run([{ maxUtilisation: 0.9, linkClass: 'host-link' }, { maxUtilisation: 0.1, linkClass: 'fabric' }, { maxUtilisation: 0, link: `${H2}.nic0.eth0` }]);
    expect(hostLinks).toMatchObject({ passed: false, measured: 1 });
    expect(hostLinks!.message).toContain(`eth:${H1}.nic0.eth1:ab`);
    expect(fabric).toMatchObject({ passed: true, measured: 0 });
    expect(idle).toMatchObject({ passed: true, measured: 0 });
  });

  it('noDrops fails when a flow is dropped and names it', () => {
    const [ok] = run([{ noDrops: true }]);
    expect(ok).toMatchObject({ passed: true, measured: 0 });
    const [bad] = run([{ noDrops: true }], { failures: [{ host: H2 }] });
    expect(bad).toMatchObject({ passed: false, measured: 2 });
    expect(bad!.message).toContain(`flow app: host ${H2} is down`);
  });

  it('maxDowntime and maxTotal of migrations; one that cannot run fails with its reason', () => {
    const migrations = [{ vm: `${H1}.vm01`, to: H2 }];
    const [down, total, tight] = run([{ maxDowntime: 0.3 }, { maxTotal: 60, vm: `${H1}.vm01` }, { maxTotal: 1 }], { flows: [], migrations, failures: [] });
    expect(down).toMatchObject({ kind: 'maxDowntime', passed: true });
    expect(down!.measured!).toBeLessThanOrEqual(0.3);
    expect(total).toMatchObject({ kind: 'maxTotal', passed: true });
    expect(tight).toMatchObject({ passed: false, measured: total!.measured });
    const [gone] = run([{ maxDowntime: 0.3 }], { flows: [], migrations, failures: [{ host: H2 }] });
    expect(gone).toMatchObject({ passed: false, measured: null });
    expect(gone!.message).toContain('did not finish: host r01.h002 is down');
  });
});

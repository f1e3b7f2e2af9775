// A flow through a breakout sub-port is limited by the sub-port's speed, not its port's. Expected rates by hand below.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../history/commands';
import type { Design } from '../model/design';
import type { ElementOf } from '../model/elements';
import { TestDesign, torPorts } from '../validate/test-support';
import { ethPortSpeed } from './network';
import { simulate, type Scenario } from './simulate';

// A leaf's QSFP28 uplink (catalog LEAF-N9K, LEAF-7050X3): 100 Gb/s, or broken out as 4 × 25G / 4 × 10G.
const UPLINK = { speedsGbps: [100, 40], breakoutModes: [{ lanes: 4 as const, speedGbps: 25 }, { lanes: 4 as const, speedGbps: 10 }] };

/**
 * Two servers with one 100G NIC port each: h1 on `h1Port` of t1, h2 on t1's second 100G port. The flow h1.vm1 →
 * h2.vm1 crosses h1's cable, the switch and h2's cable; the slowest of them sets its rate.
 */
function design(h1Port: string, breakout?: { lanes: 4; speedGbps: number }): Design {
  const nic = { ports: 1, speedGbps: 100 };
  return new TestDesign()
    .host('h1', { vms: 1, nic, cables: { eth0: ['t1', h1Port] } })
    .host('h2', { vms: 1, nic, cables: { eth0: ['t1', 'p1'] } })
    .tor('t1', { ports: [...torPorts(1, 100, { ...UPLINK, ...(breakout ? { breakout } : {}) }), ...torPorts(1, 100, UPLINK)] })
    .design();
}

const scenario: Scenario = { name: 't', flows: [{ id: 'f', src: { vm: 'h1.vm1' }, dst: { vm: 'h2.vm1' }, demandGbps: null }], migrations: [], maxPayload: 256, downtimeLimitSec: 0.3 };

describe('simulating a breakout', () => {
  it('gives a server cabled to p0/2 of a 4×25G breakout 25 Gb/s, bottlenecked on its cable', () => {
    // min(100G NIC port, 25G sub-port) = 25 Gb/s on h1's cable (a 4×25G sub-port is one 25GBASE-R lane).
    const r = simulate(design('p0/2', { lanes: 4, speedGbps: 25 }), scenario).flows[0]!;
    expect(r.rate).toBeCloseTo(25, 9);
    expect(r.bottleneck).toMatch(/^eth:h1\.eth0:/);
    // 4×10G: 10 Gb/s.
    expect(simulate(design('p0/2', { lanes: 4, speedGbps: 10 }), scenario).flows[0]!.rate).toBeCloseTo(10, 9);
  });

  it('runs the same server at more than 25 Gb/s on the port not broken out', () => {
    // On p0 at 100 Gb/s the cable no longer limits it (the PCIe link or the 100G ports do, all above 25 Gb/s).
    const r = simulate(design('p0'), scenario).flows[0]!;
    expect(r.rate).toBeGreaterThan(25);
    expect(r.bottleneck ?? '').not.toMatch(/^eth:h1\.eth0:/);
  });

  it('carries nothing over a cable left on a port since broken out', () => {
    const d = design('p0');
    const t1 = d.elements.t1 as ElementOf<'tor'>;
    const broken = applyCommand(d, { type: 'updateElement', id: t1.id, changes: { ports: t1.ports.map((p, i) => (i === 0 ? { ...p, breakout: { lanes: 4, speedGbps: 25 } } : p)) } }).design;
    // The cable stays (rule ETH-002 reports it) but p0 is no port now: no Ethernet link, so the flow has no path.
    expect(broken.links['h1.eth0']).toBeDefined();
    expect(ethPortSpeed(broken.elements.t1!, 'p0')).toBeNull();
    expect(ethPortSpeed(broken.elements.t1!, 'p0/4')).toBe(25);
    expect(ethPortSpeed(broken.elements.t1!, 'p0/5')).toBeNull();
    expect(simulate(broken, scenario).flows[0]!.rate).toBe(0);
  });
});

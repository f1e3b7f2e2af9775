// Switch-port breakout in the model: a broken-out port offers its sub-ports instead of itself; a cable left on a name
// the switch no longer offers stays in the design (loads, survives the edit) for ETH-002 to report, but nothing new is
// wired to it.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../history/commands';
import { exportTopologyJson, importTopologyJson } from '../formats/topology';
import { designToSvg, svgToDesign } from '../export/svg';
import { describeElement } from '../scene/describe';
import { TestDesign, torPorts as testPorts } from '../validate/test-support';
import { canConnect } from './connect';
import { checkIntegrity, type Design } from './design';
import { findPort, portsOf, torPortAt, type ElementOf, type TorPort } from './elements';
import { sequentialIds } from './ids';

const B4X25 = { lanes: 4, speedGbps: 25 } as const;
/** A leaf's QSFP28 uplink (catalog LEAF-N9K, LEAF-7050X3). */
const uplink = (extra: Partial<TorPort> = {}): TorPort[] => testPorts(1, 100, { speedsGbps: [100, 40], breakoutModes: [B4X25, { lanes: 4, speedGbps: 10 }], ...extra });

/** t1: p0 the uplink (broken out as `breakout` when given), p1-p2 25G; h1's NIC eth0 cabled to `port`. */
function design(port: string, breakout?: typeof B4X25): Design {
  return new TestDesign()
    .host('h1')
    .host('h2')
    .tor('t1', { ports: [...uplink(breakout ? { breakout } : {}), ...testPorts(2)] })
    .eth('cab', ['h1.nic', 'eth0'], ['t1', port])
    .design();
}
const tor = (d: Design) => d.elements.t1 as ElementOf<'tor'>;
const setPort0 = (d: Design, p: TorPort) => applyCommand(d, { type: 'updateElement', id: tor(d).id, changes: { ports: tor(d).ports.map((x, i) => (i === 0 ? p : x)) } }).design;

describe('a broken-out switch port', () => {
  it('is listed as its sub-ports p0/1 … p0/4 at the breakout speed, named as switch CLIs name lanes (Ethernet49/1)', () => {
    const t = tor(design('p0/1', B4X25));
    expect(portsOf(t).map((p) => `${p.name}@${p.speedGbps}`)).toEqual(['p0/1@25', 'p0/2@25', 'p0/3@25', 'p0/4@25', 'p1@25', 'p2@25']);
    expect(torPortAt(t, 'p0/3')).toMatchObject({ index: 0, lane: 3, speedGbps: 25, live: true });
    // The port itself and lanes the breakout does not make are kept as names a cable may be left on, not as ports.
    expect(torPortAt(t, 'p0')).toMatchObject({ index: 0, lane: null, live: false });
    expect(torPortAt(t, 'p0/5')).toMatchObject({ live: false });
    expect(findPort(t, 'p0')).toMatchObject({ role: 'ethernet', stale: true });
    // Not names at all: past the 8 lanes of the widest breakout, lane 0, a port not on the switch, a sub-port of a sub-port.
    for (const name of ['p0/9', 'p0/0', 'p3/1', 'p0/1/1', 'p00/1']) expect(torPortAt(t, name), name).toBeNull();
    // Not broken out: the port is live, its sub-port names are not.
    const plain = tor(design('p0'));
    expect(portsOf(plain).map((p) => p.name)).toEqual(['p0', 'p1', 'p2']);
    expect(findPort(plain, 'p0/1')).toMatchObject({ stale: true });
  });

  it('refuses new wiring on the port itself with the usual message, and takes it on a sub-port', () => {
    const d = design('p0/1', B4X25);
    expect(canConnect(d, { element: 'h2.nic', port: 'eth0' }, { element: 't1', port: 'p0' })).toEqual({ ok: false, reason: 't1 has no port p0' });
    expect(canConnect(d, { element: 't1', port: 'p0/9' }, { element: 'h2.nic', port: 'eth0' })).toEqual({ ok: false, reason: 't1 has no port p0/9' });
    expect(canConnect(d, { element: 'h2.nic', port: 'eth0' }, { element: 't1', port: 'p0/1' })).toMatchObject({ ok: false, reason: expect.stringMatching(/already cabled/) });
    const ok = canConnect(d, { element: 'h2.nic', port: 'eth0' }, { element: 't1', port: 'p0/2' }, sequentialIds());
    expect(ok.ok && ok.link.kind).toBe('ethernet');
  });

  it('keeps a cable on the port when it is broken out, and on its sub-port when the breakout is undone', () => {
    const d = design('p0');
    const broken = setPort0(d, { ...tor(d).ports[0]!, breakout: B4X25 });
    expect(broken.links.cab).toEqual(d.links.cab);
    expect(checkIntegrity(broken)).toEqual([]);
    const onSub = design('p0/3', B4X25);
    const { breakout: _b, ...plain } = tor(onSub).ports[0]!;
    expect(setPort0(onSub, plain).links.cab).toEqual(onSub.links.cab);
    // Fewer ports still drops the cables of the ports that went, as before.
    const shrunk = applyCommand(onSub, { type: 'updateElement', id: tor(onSub).id, changes: { ports: [] } }).design;
    expect(shrunk.links.cab).toBeUndefined();
  });

  it('round-trips through topology JSON, a cable left on a broken-out port included, with no repair', () => {
    for (const d of [design('p0/2', B4X25), design('p0', B4X25), design('p0/4')]) {
      const text = exportTopologyJson(d);
      const r = importTopologyJson(text);
      if (!r.ok) throw new Error(r.reason);
      expect(r.repairs).toEqual([]);
      expect(r.migrations).toEqual([]);
      expect(r.design.elements.t1).toEqual(d.elements.t1);
      expect(r.design.links.cab).toEqual(d.links.cab);
      expect(exportTopologyJson(r.design)).toBe(text);
    }
  });

  it('round-trips through an SVG export, drawn with an anchor per sub-port', () => {
    const d = design('p0/2', B4X25);
    const svg = designToSvg(d);
    const r = svgToDesign(svg);
    if (!r.ok) throw new Error(r.reason);
    expect(r.design.elements.t1).toEqual(d.elements.t1);
    expect(r.design.links.cab).toEqual(d.links.cab);
    // The switch's subtitle counts what it offers: four 25G sub-ports plus its two 25G ports.
    expect(svg).toContain('6×25G');
    const anchors = Object.keys(describeElement(tor(d)).anchors);
    expect(anchors).toEqual(expect.arrayContaining(['p0/1', 'p0/2', 'p0/3', 'p0/4', 'p1', 'p2']));
    expect(anchors).not.toContain('p0');
  });

  it('refuses a breakout of other than 2, 4 or 8 lanes', () => {
    const d = design('p1');
    expect(() => setPort0(d, { ...tor(d).ports[0]!, breakout: { lanes: 3, speedGbps: 25 } as never })).toThrow(/ports\.0\.breakout\.lanes/);
  });
});

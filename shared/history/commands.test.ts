// Refused commands: each throws CommandError with a message a user can act on, and leaves the design,
// the undo stack and the listeners untouched.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { History } from './history';
import { applyCommand, CommandError, type Command } from './commands';
import { arbDesign, arbElementId, idsOfKind, PROTOTYPE_KEYS } from '../model/arbitraries.test-support';
import { emptyDesign, getElement, type Design } from '../model/design';
import { makeElement } from '../model/defaults';
import { ELEMENT_KINDS, type Element, type ElementKind } from '../model/elements';
import { asElementId, asLinkId, asPortName, type ElementId } from '../model/ids';
import type { Link } from '../model/links';

const eid = asElementId;

/** A small valid design: a host with a NIC and a VM, and a ToR cabled to the NIC. */
function sample(): Design {
  const host = makeElement('host', { id: eid('h1'), name: 'Host 1' });
  const nic = makeElement('nic', { id: eid('n1'), name: 'NIC 1', parent: eid('h1') });
  const vm = makeElement('vm', { id: eid('vm1'), name: 'VM 1', parent: eid('h1') });
  const tor = makeElement('tor', { id: eid('t1'), name: 'ToR 1' });
  const cable: Link = { id: asLinkId('l1'), kind: 'ethernet', a: { element: eid('t1'), port: asPortName('p0') }, b: { element: eid('n1'), port: asPortName('eth0') }, speedGbps: null, lag: null, fullDuplex: true };
  const d = applyCommand(emptyDesign(), { type: 'add', elements: [host, nic, vm, tor], links: [cable] }).design;
  return d;
}

/** Runs `cmd` and checks it was refused without a trace. */
function expectRefused(h: History, cmd: Command | Command[], message?: RegExp): void {
  const before = h.design;
  const undo = h.undoLabel();
  const canRedo = h.canRedo();
  let notified = 0;
  const off = h.subscribe(() => notified++);
  let error: unknown;
  try {
    h.execute(cmd);
  } catch (e) {
    error = e;
  }
  off();
  expect(error).toBeInstanceOf(CommandError);
  const text = (error as Error).message;
  expect(text).not.toMatch(/\n/);
  if (message) expect(text).toMatch(message);
  expect(h.design).toBe(before);
  expect(h.undoLabel()).toBe(undo);
  expect(h.canRedo()).toBe(canRedo);
  expect(notified).toBe(0);
}

/** One out-of-range value per kind for a field the kind owns. */
const BAD_VALUES: Record<ElementKind, Record<string, unknown>[]> = {
  host: [{ memoryGiB: -1 }, { sockets: [] }, { hypervisor: 'vmware' }, { sockets: [{ cores: 8, threadsPerCore: 0 }] }],
  rootComplex: [{ lanes: 513 }, { gen: 7 }, { rootPortWidths: [3] }, { socket: 16 }],
  pcieSwitch: [{ upstreamWidth: 12 }, { downstreamWidths: [0] }, { upstreamPorts: 17 }],
  nic: [{ ports: -1 }, { speedGbps: 0 }, { physicalFunctions: [{ totalVfs: 8, enabledVfs: -1 }] }, { embeddedBridge: 'hairpin' }],
  endpoint: [{ deviceClass: 'fpga' }, { demandGbps: -5 }, { functions: 257 }],
  vm: [{ vcpus: 0 }, { zeroPageShare: 1.5 }, { vnics: [{ id: 'bad id', mac: null, vlan: null, team: null }] }, { memoryGiB: Number.NaN }],
  vswitch: [{ evbMode: 'hairpin' }, { uplinks: 33 }, { portGroups: [{ id: 'pg', name: '', vlan: 5000, trunk: [] }] }],
  tor: [{ ports: [{ speedGbps: -25, reflectiveRelay: false, evb: false }] }, { sChannelLimit: 4095 }, { tier: 'core' }],
  fex: [{ hostPortSpeedGbps: Number.POSITIVE_INFINITY }, { uplinks: -1 }],
  storage: [{ protocol: 'fc' }, { capacityTiB: -1 }],
};

describe('refused commands (examples)', () => {
  it('bad property values', () => {
    const h = new History(sample());
    expectRefused(h, { type: 'updateElement', id: eid('n1'), changes: { ports: -1 } }, /NIC 1: ports/);
    expectRefused(h, { type: 'updateElement', id: eid('vm1'), changes: { vcpus: 0 } }, /vcpus/);
    expectRefused(h, { type: 'updateElement', id: eid('h1'), changes: { name: 'x'.repeat(201) } }, /name/);
    expectRefused(h, { type: 'setMeta', changes: { revision: -1 } }, /revision/);
    expectRefused(h, { type: 'move', moves: [{ id: eid('t1'), x: Number.NaN, y: 0 }] }, /finite/);
  });

  it('dangling links: a missing element or a missing port', () => {
    const h = new History(sample());
    const link = (b: { element: string; port: string }): Link => ({ id: asLinkId('lx'), kind: 'ethernet', a: { element: eid('t1'), port: asPortName('p1') }, b: { element: eid(b.element), port: asPortName(b.port) }, speedGbps: null, lag: null, fullDuplex: true });
    expectRefused(h, { type: 'add', elements: [], links: [link({ element: 'ghost', port: 'eth0' })] }, /ghost does not exist/);
    expectRefused(h, { type: 'add', elements: [], links: [link({ element: 'n1', port: 'eth9' })] }, /no port eth9/);
    expectRefused(h, { type: 'updateLink', id: asLinkId('l1'), changes: { b: { element: eid('n1'), port: asPortName('eth7') } } }, /no port eth7/);
    for (const ghost of PROTOTYPE_KEYS) expectRefused(h, { type: 'add', elements: [], links: [link({ element: ghost, port: 'eth0' })] }, /does not exist/);
  });

  it('duplicate ids', () => {
    const h = new History(sample());
    expectRefused(h, { type: 'add', elements: [makeElement('vm', { id: eid('vm1'), name: 'again' })], links: [] }, /vm1 already exists/);
    const dup: Link = { ...(h.design.links.l1 as Link) };
    expectRefused(h, { type: 'add', elements: [], links: [dup] }, /l1 already exists/);
    const twice = makeElement('vm', { id: eid('vm2'), name: 'twice' });
    expectRefused(h, { type: 'add', elements: [twice, twice], links: [] }, /vm2 already exists/);
  });

  it('misplaced containment: a NIC inside a ToR, a host inside a host, a missing container', () => {
    const h = new History(sample());
    expectRefused(h, { type: 'reparent', id: eid('n1'), parent: eid('t1'), x: 0, y: 0 }, /nic cannot be placed inside a tor/);
    expectRefused(h, { type: 'add', elements: [makeElement('nic', { id: eid('n2'), name: 'N2', parent: eid('t1') })], links: [] }, /inside a tor/);
    expectRefused(h, { type: 'add', elements: [makeElement('host', { id: eid('h2'), name: 'H2', parent: eid('h1') })], links: [] }, /host cannot be placed inside a host/);
    expectRefused(h, { type: 'reparent', id: eid('vm1'), parent: eid('nowhere'), x: 0, y: 0 }, /nowhere does not exist/);
    expectRefused(h, { type: 'updateElement', id: eid('vm1'), changes: { parent: eid('t1') } }, /inside a tor/);
  });

  it('commands on missing things', () => {
    const h = new History(sample());
    expectRefused(h, { type: 'updateElement', id: eid('constructor'), changes: { name: 'x' } }, /constructor does not exist/);
    expectRefused(h, { type: 'updateLink', id: asLinkId('toString'), changes: {} }, /toString does not exist/);
    expectRefused(h, { type: 'move', moves: [{ id: eid('valueOf'), x: 1, y: 1 }] }, /valueOf does not exist/);
    expectRefused(h, { type: 'reparent', id: eid('hasOwnProperty'), parent: null, x: 1, y: 1 }, /does not exist/);
  });

  it('a batch is atomic: a refused command undoes the ones before it', () => {
    const h = new History(sample());
    expectRefused(h, [
      { type: 'move', moves: [{ id: eid('t1'), x: 50, y: 50 }] },
      { type: 'updateElement', id: eid('n1'), changes: { speedGbps: -1 } },
    ]);
    expect(getElement(h.design, 't1')).toMatchObject({ x: 0, y: 0 });
  });
});

describe('prototype-named ids behave like any other id', () => {
  it.each(PROTOTYPE_KEYS.map((k) => [k]))('%s: add, move, reparent, update, link, remove, then undo it all', (id) => {
    const d0 = sample();
    const h = new History(d0);
    h.execute({ type: 'add', elements: [makeElement('nic', { id: eid(id), name: id })], links: [] });
    h.execute({ type: 'move', moves: [{ id: eid(id), x: 10, y: 20 }] });
    h.execute({ type: 'reparent', id: eid(id), parent: eid('h1'), x: 1, y: 2 });
    h.execute({ type: 'updateElement', id: eid(id), changes: { ports: 4 } });
    h.execute({ type: 'add', elements: [], links: [{ id: asLinkId(id), kind: 'ethernet', a: { element: eid('t1'), port: asPortName('p5') }, b: { element: eid(id), port: asPortName('eth3') }, speedGbps: 25, lag: null, fullDuplex: true }] });
    h.execute({ type: 'updateLink', id: asLinkId(id), changes: { speedGbps: 10 } });
    expect(getElement(h.design, id)).toMatchObject({ parent: 'h1', x: 1, y: 2, ports: 4 });
    const full = h.design;
    h.execute({ type: 'remove', elements: [eid(id)], links: [] });
    expect(Object.hasOwn(h.design.elements, id)).toBe(false);
    expect(Object.hasOwn(h.design.links, id)).toBe(false);
    h.undo();
    expect(h.design).toEqual(full);
    while (h.undo());
    expect(h.design).toEqual(d0);
  });
});

describe('no-op commands are not undo steps', () => {
  it('moving or reparenting to the current place changes nothing', () => {
    const h = new History(sample());
    const before = h.design;
    h.execute({ type: 'move', moves: [{ id: eid('t1'), x: 0, y: 0 }] });
    h.execute({ type: 'reparent', id: eid('vm1'), parent: eid('h1'), x: 0, y: 0 });
    expect(h.design).toBe(before);
    expect(h.canUndo()).toBe(false);
  });
});

describe('refused commands (property)', () => {
  /** Invalid commands against any design: each is built from the design so that it is refused for one reason. */
  function invalidCommands(d: Design, pick: number, ghost: ElementId): Command[] {
    const ids = Object.keys(d.elements).sort();
    const out: Command[] = [
      { type: 'add', elements: [], links: [{ id: asLinkId('dangling-link'), kind: 'vnic', a: { element: ghost, port: asPortName('vnic0') }, b: { element: ghost, port: asPortName('pg.vm') } }] },
      { type: 'updateElement', id: ghost, changes: { name: 'x' } },
      { type: 'setMeta', changes: { name: 'n'.repeat(201) } },
    ];
    const id = ids[pick % Math.max(ids.length, 1)];
    if (id === undefined) return out;
    const el = d.elements[id] as Element;
    for (const bad of BAD_VALUES[el.kind]) out.push({ type: 'updateElement', id: el.id, changes: bad });
    out.push({ type: 'add', elements: [makeElement(el.kind, { id: el.id, name: 'duplicate' })], links: [] });
    out.push({ type: 'move', moves: [{ id: el.id, x: Number.POSITIVE_INFINITY, y: 0 }] });
    const nonHost = ids.find((k) => d.elements[k]!.kind !== 'host');
    if (nonHost !== undefined) out.push({ type: 'add', elements: [makeElement('nic', { id: ghost, name: 'misplaced', parent: eid(nonHost) })], links: [] });
    const tor = idsOfKind(d, 'tor')[0];
    const nic = idsOfKind(d, 'nic')[0];
    if (tor && nic) out.push({ type: 'reparent', id: nic, parent: tor, x: 0, y: 0 });
    const link = Object.values(d.links)[0];
    if (link) {
      out.push({ type: 'add', elements: [], links: [{ ...link }] });
      out.push({ type: 'updateLink', id: link.id, changes: { a: { element: link.a.element, port: asPortName('no-such-port') } } });
    }
    return out;
  }

  it('every invalid command throws CommandError and leaves the design and the history unchanged', () => {
    const arbGhost = arbElementId.filter((s) => s.length < 100).map((s) => eid(`ghost-${s}`));
    fc.assert(
      fc.property(arbDesign({ maxElements: 6, maxLinks: 6 }), fc.nat(), arbGhost, (d, pick, ghost) => {
        fc.pre(!Object.hasOwn(d.elements, ghost));
        const h = new History(d);
        for (const cmd of invalidCommands(d, pick, ghost)) expectRefused(h, cmd);
        expect(h.design).toBe(d);
        expect(h.canUndo()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('covers a bad value for every kind', () => {
    expect(Object.keys(BAD_VALUES).sort()).toEqual([...ELEMENT_KINDS].sort());
  });
});

describe('an edit that removes ports drops the links on them', () => {
  it('fewer NIC ports drop the cable on a vanished port; an edit that keeps every port keeps every link', () => {
    const h = new History(sample());
    h.execute({ type: 'updateElement', id: eid('n1'), changes: { name: 'NIC one' } });
    expect(Object.hasOwn(h.design.links, 'l1')).toBe(true);
    h.execute({ type: 'add', elements: [], links: [{ id: asLinkId('l2'), kind: 'ethernet', a: { element: eid('t1'), port: asPortName('p1') }, b: { element: eid('n1'), port: asPortName('eth1') }, speedGbps: null, lag: null, fullDuplex: true }] });
    h.execute({ type: 'updateElement', id: eid('n1'), changes: { ports: 1 } });
    expect(Object.hasOwn(h.design.links, 'l1')).toBe(true);
    expect(Object.hasOwn(h.design.links, 'l2')).toBe(false);
    h.undo();
    expect(Object.hasOwn(h.design.links, 'l2')).toBe(true);
  });
});

/**
 * Starting designs: an empty canvas, one server, a rack, or a leaf-spine fabric. Deterministic (the same options
 * give the same ids and the same JSON) and built as plain records, fast enough for thousands of hosts.
 */
import { emptyDesign, type Design } from '../model/design';
import { DesignBuilder, digitsFor, pad } from './builder';
import { buildHost, type BuiltHost, type HostPlatform } from './host';
import { buildChapter6, chapter6Scenario } from './chapter6';
import type { ProjectSimulation } from '../sim/persist';
import { hostGeometry, rackGeometry } from './layout';
import { buildSingleTor, buildSpines, buildTorPair, SPINE_COUNT, TOR_HOST_PORTS, type TorPair } from './switches';

export const TEMPLATE_NAMES = ['empty', 'single-host', 'rack', 'rack-kvm', 'fabric', 'chapter6'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateOptions {
  hosts?: number;
  vmsPerHost?: number;
}

/** One-line descriptions, for `--help` and the new-design dialog. */
export const TEMPLATE_DESCRIPTIONS: Record<TemplateName, string> = {
  empty: 'an empty design',
  'single-host': 'one 2-socket ESXi server with a dual-port 25GbE NIC, a distributed switch and VMs, cabled to one ToR',
  rack: `ESXi hosts teamed by originating port to an MLAG ToR pair (${TOR_HOST_PORTS} hosts per pair; more racks beyond that)`,
  'rack-kvm': `KVM hosts on Open vSwitch with an LACP bond (balance-tcp) across an MLAG ToR pair (${TOR_HOST_PORTS} hosts per pair)`,
  fabric: `racks of 40 hosts, each with an MLAG ToR pair, uplinked to ${SPINE_COUNT} spines`,
  chapter6: "the book's SR-IOV comparison: a 10GbE NIC on PCIe Gen2 x4, VMs on the vSwitch and on VFs",
};

/** Hosts per rack in the fabric template (a 42U rack of 1U servers, leaving room for the leaf pair). */
export const FABRIC_HOSTS_PER_RACK = 40;

/** Limits that keep a generated design within what a file, the canvas and the validator handle. */
export const TEMPLATE_LIMITS = { maxHosts: 10_000, maxVmsPerHost: 1024, maxVms: 200_000 } as const;

const DEFAULTS: Record<TemplateName, { hosts: number; vmsPerHost: number }> = {
  empty: { hosts: 0, vmsPerHost: 0 },
  'single-host': { hosts: 1, vmsPerHost: 4 },
  rack: { hosts: 8, vmsPerHost: 10 },
  'rack-kvm': { hosts: 8, vmsPerHost: 10 },
  fabric: { hosts: 4 * FABRIC_HOSTS_PER_RACK, vmsPerHost: 10 },
  chapter6: { hosts: 1, vmsPerHost: 4 },
};

export const isTemplateName = (s: string): s is TemplateName => (TEMPLATE_NAMES as readonly string[]).includes(s);

/** The options with defaults filled in, or a one-line reason they cannot be used. */
export function resolveTemplateOptions(
  name: TemplateName,
  opts: TemplateOptions,
): { ok: true; hosts: number; vmsPerHost: number } | { ok: false; reason: string } {
  const def = DEFAULTS[name];
  if (name === 'empty' || name === 'chapter6') {
    if (opts.hosts !== undefined || opts.vmsPerHost !== undefined) return { ok: false, reason: `the ${name} template takes no hosts or VMs` };
    return { ok: true, ...def };
  }
  const hosts = opts.hosts ?? def.hosts;
  const vmsPerHost = opts.vmsPerHost ?? def.vmsPerHost;
  if (name === 'single-host' && hosts !== 1) return { ok: false, reason: `the single-host template has exactly 1 host (got ${hosts}); use rack or fabric for more` };
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > TEMPLATE_LIMITS.maxHosts) {
    return { ok: false, reason: `hosts must be a whole number from 1 to ${TEMPLATE_LIMITS.maxHosts} (got ${hosts})` };
  }
  if (!Number.isInteger(vmsPerHost) || vmsPerHost < 0 || vmsPerHost > TEMPLATE_LIMITS.maxVmsPerHost) {
    return { ok: false, reason: `VMs per host must be a whole number from 0 to ${TEMPLATE_LIMITS.maxVmsPerHost} (got ${vmsPerHost})` };
  }
  if (hosts * vmsPerHost > TEMPLATE_LIMITS.maxVms) {
    return { ok: false, reason: `${hosts} hosts × ${vmsPerHost} VMs is ${hosts * vmsPerHost} VMs; the limit is ${TEMPLATE_LIMITS.maxVms}` };
  }
  return { ok: true, hosts, vmsPerHost };
}

/** Builds template `name`; throws a RangeError with a one-line reason when the options are unusable. */
export function makeTemplate(name: TemplateName, opts: TemplateOptions = {}): Design {
  if (!isTemplateName(name)) throw new RangeError(`unknown template "${String(name)}" (one of ${TEMPLATE_NAMES.join(', ')})`);
  const resolved = resolveTemplateOptions(name, opts);
  if (!resolved.ok) throw new RangeError(resolved.reason);
  const { hosts, vmsPerHost } = resolved;
  switch (name) {
    case 'empty':
      return emptyDesign('Untitled design');
    case 'single-host':
      return buildRacks({ hosts: 1, vmsPerHost, perRack: 1, leaves: 'single', spines: false, platform: 'esxi', name: 'Single host' });
    case 'rack':
      return buildRacks({ hosts, vmsPerHost, perRack: TOR_HOST_PORTS, leaves: 'mlag-pair', spines: false, platform: 'esxi', name: `Rack: ${hosts} hosts × ${vmsPerHost} VMs` });
    case 'rack-kvm':
      return buildRacks({ hosts, vmsPerHost, perRack: TOR_HOST_PORTS, leaves: 'mlag-pair', spines: false, platform: 'kvm', name: `KVM rack: ${hosts} hosts × ${vmsPerHost} VMs` });
    case 'chapter6':
      return buildChapter6();
    case 'fabric':
      return buildRacks({ hosts, vmsPerHost, perRack: FABRIC_HOSTS_PER_RACK, leaves: 'mlag-pair', spines: true, platform: 'esxi', name: `Fabric: ${hosts} hosts × ${vmsPerHost} VMs` });
  }
}

/**
 * The simulation state a new design from template `name` starts with: chapter6 carries the book's two flows as its
 * current scenario; the other templates carry none (null), and the simulator's one-per-vm default applies.
 */
export function templateSimulation(name: TemplateName): ProjectSimulation | null {
  switch (name) {
    case 'chapter6': {
      const scenario = chapter6Scenario();
      return { current: scenario.name, scenarios: [scenario], results: [] };
    }
    case 'empty':
    case 'single-host':
    case 'rack':
    case 'rack-kvm':
    case 'fabric':
      return null;
  }
}

interface RackPlan {
  hosts: number;
  vmsPerHost: number;
  /** Hosts per rack; every rack but the last is full. */
  perRack: number;
  /** One ToR with both NIC ports on it, or an MLAG pair with one NIC port on each. */
  leaves: 'single' | 'mlag-pair';
  spines: boolean;
  /** ESXi hosts team switch-independently (plain leaf ports); KVM hosts bond with LACP (a port-channel per host). */
  platform: HostPlatform;
  name: string;
}

/** Racks r01, r02, … of hosts under their leaf pair, optionally with a spine row over them all. */
function buildRacks(plan: RackPlan): Design {
  const b = new DesignBuilder();
  const racks = Math.ceil(plan.hosts / plan.perRack);
  const rackDigits = digitsFor(racks, 2);
  const hostDigits = digitsFor(Math.min(plan.hosts, plan.perRack), 3);
  const vmDigits = digitsFor(plan.vmsPerHost, 2);
  const hostGeo = hostGeometry(plan.vmsPerHost);
  const geo = rackGeometry(hostGeo, {
    racks,
    hostsPerRack: Math.min(plan.perRack, plan.hosts),
    torsPerRack: plan.leaves === 'single' ? 1 : 2,
    spines: plan.spines ? SPINE_COUNT : 0,
  });
  const pairs: TorPair[] = [];

  for (let r = 0; r < racks; r++) {
    const rack = `r${pad(r + 1, rackDigits)}`;
    const inRack = Math.min(plan.perRack, plan.hosts - r * plan.perRack);
    const built: BuiltHost[] = [];
    for (let h = 0; h < inRack; h++) {
      built.push(
        buildHost(b, {
          rack,
          number: h + 1,
          digits: hostDigits,
          vms: plan.vmsPerHost,
          vmDigits,
          // One distributed switch per rack keeps each VDS far below the hosts-per-VDS limit (VS-001).
          vds: plan.platform === 'esxi' ? `vds-${rack}` : 'br-vm',
          platform: plan.platform,
          geometry: hostGeo,
          at: geo.host(r, h),
        }),
      );
    }
    const hostLags = plan.platform === 'kvm';
    if (plan.leaves === 'single') buildSingleTor(b, rack, built, geo.torA(r), hostLags);
    else pairs.push(buildTorPair(b, rack, built, { a: geo.torA(r), b: geo.torB(r) }, hostLags));
  }
  if (plan.spines) buildSpines(b, pairs, (i) => geo.spine(i));
  return b.design({ name: plan.name, description: describe(plan, racks), revision: 0 });
}

function describe(plan: RackPlan, racks: number): string {
  const vms = `${plan.vmsPerHost} VM${plan.vmsPerHost === 1 ? '' : 's'} each`;
  if (plan.leaves === 'single') return `One 2-socket ESXi server (${vms}) with a dual-port 25GbE E810-XXV NIC, both ports cabled to one ToR and teamed by originating virtual port.`;
  const spine = plan.spines ? `, uplinked to ${SPINE_COUNT} spines` : '';
  const team = plan.platform === 'esxi' ? 'teamed by originating virtual port to' : 'on Open vSwitch, bonded with LACP (balance-tcp) across';
  const kind = plan.platform === 'esxi' ? 'ESXi' : 'KVM';
  return `${plan.hosts} ${kind} server${plan.hosts === 1 ? '' : 's'} (${vms}) in ${racks} rack${racks === 1 ? '' : 's'}, ${team} each rack's MLAG ToR pair${spine}.`;
}

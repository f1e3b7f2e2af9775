/** `rackplane info`: what a design file holds (counts by kind, name, format versions) as text or stable JSON. */
import { Option } from 'commander';
import { countByKind } from '../../../shared/model/design';
import { ELEMENT_KINDS, KIND_LABELS } from '../../../shared/model/elements';
import { LINK_KINDS, type LinkKind } from '../../../shared/model/links';
import { designFingerprint } from '../../../shared/sim/persist';
import { defineCommand } from '../command';
import { readDesign, reportRepairs, type LoadedDesign } from '../design-files';
import { EXIT, printable, type CliIo } from '../io';
import { plural } from '../../../shared/scene/format';

export const INFO_FORMATS = ['text', 'json'] as const;

export interface InfoOptions {
  file: string;
  format: (typeof INFO_FORMATS)[number];
}

// A mapped type over the link union: a new link kind is a compile error here until it has a label.
const LINK_LABELS: Record<LinkKind, string> = {
  pcie: 'PCIe',
  ethernet: 'Ethernet',
  vnic: 'vNIC',
  vf: 'SR-IOV VF',
  passthrough: 'Passthrough',
  uplink: 'vSwitch uplink',
  sChannel: 'S-channel',
};

/** The JSON form of `info`; keys and their order are stable (every kind is listed, zeros included). */
export function infoReport(file: string, d: LoadedDesign) {
  const elements = countByKind(d.design);
  const links = Object.fromEntries(LINK_KINDS.map((k) => [k, 0])) as Record<LinkKind, number>;
  for (const l of Object.values(d.design.links)) links[l.kind]++;
  return {
    file,
    type: d.type,
    formatVersion: d.formatVersion,
    documentVersion: d.documentVersion,
    name: d.design.meta.name,
    elements: { total: Object.keys(d.design.elements).length, byKind: Object.fromEntries(ELEMENT_KINDS.map((k) => [k, elements[k]])) },
    links: { total: Object.keys(d.design.links).length, byKind: Object.fromEntries(LINK_KINDS.map((k) => [k, links[k]])) },
    migrations: d.migrations,
    repairs: d.repairs,
    scenarios: storedScenarios(d),
  };
}

/** Scenarios stored in a project, each with its last result's time and whether the design changed since. */
function storedScenarios(d: LoadedDesign) {
  const results = new Map(d.simulation.results.map((r) => [r.scenario.name, r]));
  const fingerprint = d.simulation.results.length ? designFingerprint(d.design) : '';
  return d.simulation.scenarios.map((s) => {
    const r = results.get(s.name);
    return {
      name: s.name,
      current: s.name === d.simulation.current,
      flows: s.flows.length,
      migrations: s.migrations.length,
      lastRun: r ? { runAt: r.runAt, stale: r.designFingerprint !== fingerprint } : null,
    };
  });
}

function textReport(r: ReturnType<typeof infoReport>): string {
  const type = r.type === 'rackplane-project' ? `Rackplane project, file format ${r.formatVersion}` : 'Rackplane topology JSON';
  const rows = (counts: Record<string, number>, label: (k: string) => string) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `  ${label(k).padEnd(16)} ${String(n).padStart(8)}`);
  return [
    `File:      ${printable(r.file)} (${type}, document version ${r.documentVersion})`,
    `Design:    ${printable(r.name)}`,
    `Elements:  ${r.elements.total}`,
    ...rows(r.elements.byKind, (k) => KIND_LABELS[k as keyof typeof KIND_LABELS]),
    `Links:     ${r.links.total}`,
    ...rows(r.links.byKind, (k) => LINK_LABELS[k as LinkKind]),
    ...(r.migrations.length ? [`Migrated:  ${r.migrations.join('; ')}`] : []),
    ...(r.repairs.length ? [`Repaired:  ${r.repairs.length} problem(s) on load; see --format json`] : []),
    ...(r.scenarios.length ? [`Scenarios: ${r.scenarios.length} stored (run one with rackplane simulate FILE --scenario NAME)`] : []),
    ...r.scenarios.map(
      (s) =>
        `  ${printable(s.name)}${s.current ? ' (current)' : ''}: ${plural(s.flows, 'flow')}, ${plural(s.migrations, 'migration')}; ` +
        (s.lastRun ? `last run ${s.lastRun.runAt}${s.lastRun.stale ? ', stale: the design changed since' : ''}` : 'not run'),
    ),
  ].join('\n') + '\n';
}

export function info(opts: InfoOptions, io: CliIo): number {
  const d = readDesign(opts.file, io);
  const report = infoReport(opts.file, d);
  if (opts.format === 'json') {
    io.stdout(JSON.stringify(report, null, 2) + '\n');
  } else {
    reportRepairs(io, opts.file, d);
    io.stdout(textReport(report));
  }
  return EXIT.ok;
}

export const infoCommand = defineCommand<InfoOptions>({
  usage: 'info <file>',
  summary: 'show what a project or topology JSON file holds',
  configure: (cmd) =>
    cmd
      .addOption(new Option('-f, --format <format>', 'output format').choices(INFO_FORMATS).default('text'))
      .addHelpText(
        'after',
        `
<file> is a .rackplane project or topology JSON (recognised by content).
The JSON report has stable keys: file, type, formatVersion, documentVersion, name,
elements {total, byKind}, links {total, byKind}, migrations, repairs,
scenarios [{name, current, flows, migrations, lastRun: {runAt, stale} | null}].

Examples:
  rackplane info rack.rackplane
  rackplane info --format json dc.rackplane | jq .elements.byKind.vm
`,
      ),
  options: ([file], raw) => ({ file: file!, format: raw.format as InfoOptions['format'] }),
  run: info,
});

/**
 * `rackplane generate`: deployment configuration from a design (shared/generate): libvirt domain and network XML,
 * the SR-IOV network device plugin's config, netplan, a vendor-neutral switch intent. Every file is built before any is written, and each is written
 * atomically, so a failure leaves no partial file; what the design does not say is a PLACEHOLDER-… value, listed as
 * a note.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Option } from 'commander';
import { generate, GENERATE_TARGETS, type GenerateTarget } from '../../../shared/generate';
import { describeError, quoteName } from '../../util/messages';
import { writeFileAtomic } from '../../fs/atomic';
import { defineCommand, outputOption } from '../command';
import { readDesign, reportRepairs } from '../design-files';
import { CliError, EXIT, printable, type CliIo } from '../io';

export interface GenerateOptions {
  file: string;
  target: GenerateTarget;
  output: string;
}

export function generateFiles(opts: GenerateOptions, io: CliIo): number {
  if (opts.output === '-') throw new CliError('-o/--output names a folder: generate writes several files');
  const existing = statSync(opts.output, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new CliError(`cannot write into ${quoteName(opts.output)}: it is a file; name a folder`);
  const d = readDesign(opts.file, io);
  reportRepairs(io, opts.file, d);
  const g = generate(d.design, opts.target);
  try {
    for (const f of g.files) {
      const path = join(opts.output, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, f.text);
    }
  } catch (e) {
    throw new CliError(`cannot write into ${quoteName(opts.output)}: ${describeError(e)}`, EXIT.failed);
  }
  io.stdout(`wrote ${g.files.length} file${g.files.length === 1 ? '' : 's'} into ${quoteName(opts.output)} (${opts.target})\n`);
  for (const n of g.notes) io.stdout(`note: ${printable(n)}\n`);
  return EXIT.ok;
}

export const generateCommand = defineCommand<GenerateOptions>({
  usage: 'generate <file>',
  summary: 'write deployment configuration from the design: libvirt domains and networks, SR-IOV device plugin config, netplan, switch intent',
  configure: (cmd) =>
    cmd
      .addOption(new Option('-t, --target <target>', 'what to generate').choices(GENERATE_TARGETS).makeOptionMandatory())
      .requiredOption('-o, --output <folder>', 'the folder to write into (created if missing; files of the same names are replaced)')
      .addHelpText(
        'after',
        `
Targets (docs/interop.md):
  libvirt              <host>/<vm>.xml: a domain per VM of each KVM host (name, vCPUs, memory, network devices:
                       OVS bridge ports with VLAN tags, macvtap VEPA with 802.1Qbg VSI parameters, VN-Tag as
                       802.1Qbh port profiles, VFs from a per-PF hostdev network); <host>/networks/<pool>.xml
  sriov-device-plugin  <host>/config.json: the device plugin's resourceList, one pool per PF whose VFs VMs hold,
                       selected by VF vendor/device id (from the NIC's catalog entry) and PF name with VF ranges
  netplan              <host>/50-rackplane.yaml for each Linux host: NIC ports (MTU, SR-IOV VF count), the
                       vSwitch's bond in the team's mode, the OVS or Linux bridge over it
  switch-intent        switch-intent.json: per ToR/spine/FEX its LAGs and MLAG peer, and per port its
                       breakout, speed, cable, LAG, VLANs, reflective relay, EVB and S-channels (vendor-neutral)

What the design does not say (netdev names, PCI addresses) is written as PLACEHOLDER-… and listed as a note;
nothing is invented. Validate libvirt files with virt-xml-validate.

Examples:
  rackplane generate lab.rackplane --target libvirt -o out/libvirt
  rackplane generate lab.rackplane --target sriov-device-plugin -o out/sriov
`,
      ),
  options: ([file], raw) => ({ file: file!, target: raw.target as GenerateTarget, output: outputOption(raw.output) }),
  run: generateFiles,
});

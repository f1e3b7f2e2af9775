/** `rackplane model pcie`: a PCIe link's raw and usable bandwidth per direction (DOMAIN.md §2), with the factors shown. */
import { Option } from 'commander';
import { DEFAULT_TLP_OVERHEAD_BYTES, PCIE_GEN_FACTS, pcieProtocolEfficiency, pcieRawBytesPerSecond } from '../../../shared/model/pcie';
import { PCIE_GENS, PCIE_WIDTHS, type PcieGen, type PcieWidth } from '../../../shared/model/units';
import { defineCommand, wholeNumberOption } from '../command';
import { CliError, EXIT, type CliIo } from '../io';

export const MODEL_FORMATS = ['json', 'text'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Max payload sizes a PCIe device can advertise (Device Capabilities: 128 to 4096 bytes). */
const MAX_PAYLOADS = ['128', '256', '512', '1024', '2048', '4096'] as const;

export interface ModelPcieOptions {
  gen: PcieGen;
  width: PcieWidth;
  maxPayload: number;
  tlpOverhead: number;
  format: ModelFormat;
}

interface Bandwidth {
  gigabytes_per_second: number;
  gigabits_per_second: number;
}

const bandwidth = (bytesPerSecond: number): Bandwidth => ({ gigabytes_per_second: bytesPerSecond / 1e9, gigabits_per_second: (bytesPerSecond * 8) / 1e9 });

/** The JSON report: bandwidth per direction (a link is full duplex), before and after TLP overhead. */
export function pcieReport(opts: Omit<ModelPcieOptions, 'format'>) {
  const facts = PCIE_GEN_FACTS[opts.gen];
  const raw = pcieRawBytesPerSecond(opts.gen, opts.width);
  const efficiency = pcieProtocolEfficiency(opts.maxPayload, opts.tlpOverhead);
  return {
    gen: opts.gen,
    width: opts.width,
    transfer_rate_gts: facts.gts,
    encoding: facts.encoding,
    raw: bandwidth(raw),
    effective: bandwidth(raw * efficiency),
    max_payload_bytes: opts.maxPayload,
    tlp_overhead_bytes: opts.tlpOverhead,
    protocol_efficiency: efficiency,
  };
}

function pcieText(r: ReturnType<typeof pcieReport>): string {
  const row = (label: string, b: Bandwidth) => `${label.padEnd(34)} ${b.gigabytes_per_second.toFixed(3).padStart(8)} GB/s ${b.gigabits_per_second.toFixed(2).padStart(8)} Gb/s`;
  return [
    `PCIe Gen${r.gen} x${r.width}: ${r.transfer_rate_gts} GT/s per lane, ${r.encoding} encoding; bandwidth per direction (full duplex)`,
    row('raw (after line encoding)', r.raw),
    row(`effective (${r.max_payload_bytes} B max payload)`, r.effective),
    `protocol efficiency ${r.protocol_efficiency.toFixed(4)} = ${r.max_payload_bytes} / (${r.max_payload_bytes} + ${r.tlp_overhead_bytes} bytes of overhead per TLP)`,
    '',
  ].join('\n');
}

export function modelPcie(opts: ModelPcieOptions, io: CliIo): number {
  const report = pcieReport(opts);
  io.stdout(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : pcieText(report));
  return EXIT.ok;
}

export const modelPcieCommand = defineCommand<ModelPcieOptions>({
  usage: 'pcie',
  summary: 'raw and effective bandwidth of a PCIe link per direction',
  configure: (cmd) =>
    cmd
      .addOption(new Option('--gen <n>', 'PCIe generation').choices(PCIE_GENS.map(String)).makeOptionMandatory())
      .addOption(new Option('--width <lanes>', 'link width in lanes').choices(PCIE_WIDTHS.map(String)).makeOptionMandatory())
      .addOption(new Option('--max-payload <bytes>', 'max payload size of a TLP').choices(MAX_PAYLOADS).default('256'))
      .option('--tlp-overhead <bytes>', `bytes of overhead per TLP: framing, sequence number, header, LCRC, DLLP/ACK share (default: ${DEFAULT_TLP_OVERHEAD_BYTES})`)
      .addOption(new Option('-f, --format <format>', 'output format').choices(MODEL_FORMATS).default('json'))
      .addHelpText(
        'after',
        `
Bandwidth is per direction: a PCIe link is full duplex. Raw = transfer rate × lanes × line-encoding
efficiency (8b/10b for Gen1-2, 128b/130b for Gen3-5, 242/256 FLIT for Gen6). Effective = raw × protocol
efficiency, max payload / (max payload + overhead per TLP). GB/s = 10^9 bytes/s, Gb/s = 10^9 bit/s.

JSON: {gen, width, transfer_rate_gts, encoding, raw: {gigabytes_per_second, gigabits_per_second},
effective: {…}, max_payload_bytes, tlp_overhead_bytes, protocol_efficiency}

Examples:
  rackplane model pcie --gen 3 --width 8
  rackplane model pcie --gen 4 --width 16 --max-payload 512 --format text
`,
      ),
  options: (_args, raw) => {
    const tlpOverhead = wholeNumberOption('--tlp-overhead', raw.tlpOverhead) ?? DEFAULT_TLP_OVERHEAD_BYTES;
    if (tlpOverhead < 0 || tlpOverhead > 256) throw new CliError(`--tlp-overhead must be from 0 to 256 bytes (got ${tlpOverhead})`);
    return {
      gen: Number(raw.gen) as PcieGen,
      width: Number(raw.width) as PcieWidth,
      maxPayload: Number(raw.maxPayload),
      tlpOverhead,
      format: raw.format as ModelFormat,
    };
  },
  run: modelPcie,
});

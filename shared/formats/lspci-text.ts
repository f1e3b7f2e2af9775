/**
 * Reading the text `lspci -vvv` (or `-vvvnn`, `-vv`, `-v`, or plain `lspci`) prints into one record per PCI
 * function. Line formats follow pciutils (lspci.man; ls-caps.c `cap_express_link`, `cap_sriov`, `cap_acs`;
 * lspci.c `show_htype1`, `show_kernel`): a function starts with a header line `[dddd:]bb:dd.f Class: Vendor Device`
 * and every indented line after it belongs to it. Anything else (shell prompts, prose around a pasted capture) ends
 * the current record and is skipped, so a capture copied out of a terminal or a Markdown file still reads.
 * One pass over the lines: linear in the size of the text.
 */
import { PCIE_GENS, type PcieGen } from '../model/units';

/** Largest capture read: a 4-socket server with every VF enabled prints a few MiB; 64 MiB leaves room without letting a stray file exhaust memory. */
export const MAX_LSPCI_CHARS = 64 * 2 ** 20;
/** Most functions read from one capture (PCI allows 65,536 per segment; real machines list at most tens of thousands with VFs). */
export const MAX_LSPCI_FUNCTIONS = 100_000;

/** The PCI Express device/port type lspci prints after `Express (v2)` (PCIe base spec, Device/Port Type field). */
export type ExpressType = 'endpoint' | 'legacy-endpoint' | 'root-port' | 'upstream-port' | 'downstream-port' | 'pcie-to-pci' | 'pci-to-pcie' | 'rc-endpoint' | 'rc-event-collector' | 'unknown';

const EXPRESS_TYPES: Readonly<Record<string, ExpressType>> = {
  'Endpoint': 'endpoint',
  'Legacy Endpoint': 'legacy-endpoint',
  'Root Port': 'root-port',
  'Upstream Port': 'upstream-port',
  'Downstream Port': 'downstream-port',
  'PCI-Express to PCI/PCI-X Bridge': 'pcie-to-pci',
  'PCI/PCI-X to PCI-Express Bridge': 'pci-to-pcie',
  'Root Complex Integrated Endpoint': 'rc-endpoint',
  'Root Complex Event Collector': 'rc-event-collector',
};

/** Speed and width of one Link Capabilities or Link Status register; null where lspci printed `unknown` or `x0` (link down). */
export interface LinkFigure {
  gen: PcieGen | null;
  width: number | null;
  /** The speed as printed, e.g. "8GT/s", for notes. */
  speedText: string;
}

export interface LinkStatus extends LinkFigure {
  /** lspci (3.7+) marked speed or width "(downgraded)": below LnkCap. */
  downgraded: boolean;
}

export interface SriovCap {
  initialVfs: number;
  totalVfs: number;
  /** NumVFs: how many VFs are enabled (sriov_numvfs). */
  numVfs: number;
  /** First VF's routing-ID offset from the PF and the stride between VFs (SR-IOV spec §3.3.9-10); null when not printed. */
  vfOffset: number | null;
  vfStride: number | null;
  vfDeviceId: string | null;
}

/** The four ACS controls Linux requires for isolation (`pci_acs_enabled`: SV, RR, CR, UF). */
export interface AcsFlags {
  srcValid: boolean;
  reqRedir: boolean;
  cmpltRedir: boolean;
  upstreamFwd: boolean;
}

/** One PCI function as lspci printed it. */
export interface LspciFn {
  domain: number;
  bus: number;
  dev: number;
  fn: number;
  /** 1-based line of the header, for messages. */
  line: number;
  className: string;
  /** Class and subclass (e.g. 0x0200), from `[0200]` with -nn or from the class name; null when neither tells. */
  classId: number | null;
  vendorId: string | null;
  deviceId: string | null;
  /** Vendor and device names as printed, without ids, revision and prog-if. */
  description: string;
  subsystem: string | null;
  express: ExpressType | null;
  lnkCap: LinkFigure | null;
  lnkSta: LinkStatus | null;
  /** Secondary bus of a bridge (`Bus: primary=00, secondary=01, …`). */
  secondaryBus: number | null;
  sriov: SriovCap | null;
  acsCap: AcsFlags | null;
  acsCtl: AcsFlags | null;
  /** The function has an ARI extended capability. */
  ari: boolean;
  /** A port's DevCap2 says it forwards ARI routing IDs (`ARIFwd+`); null when not printed. */
  ariForwarding: boolean | null;
  numaNode: number | null;
  iommuGroup: string | null;
  driver: string | null;
  /** Detail lines read (more detail wins when a function is listed twice). */
  detail: number;
  /** lspci could not read the capabilities (`Capabilities: <access denied>`: it ran without root). */
  denied?: boolean;
}

export type LspciParse = { ok: true; fns: LspciFn[]; notes: string[] } | { ok: false; reason: string };

const HEADER = /^(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])\s+(\S.*)$/;
const CAPABILITY = /^Capabilities: \[[0-9a-fA-F]+(?: v\d+)?\] (.*)$/;
const EXPRESS = /^Express (?:\(v\d+\) )?(.+?)(?: \(Slot[+-]\))?(?:, (?:MSI|IntMsgNum) .*)?$/;
const LNKCAP = /^LnkCap:\s*Port #\d+, Speed ([^,]+), Width x(\d+)/;
const LNKSTA = /^LnkSta:\s*Speed ([^,(]+?)\s*(?:\(([a-z]+)\))?, Width x(\d+)\s*(?:\(([a-z]+)\))?/;
const BUS = /^Bus: primary=([0-9a-fA-F]+), secondary=([0-9a-fA-F]+), subordinate=([0-9a-fA-F]+)/;
const SRIOV_VFS = /^Initial VFs: (\d+), Total VFs: (\d+), Number of VFs: (\d+)/;
const SRIOV_OFFSET = /^VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-fA-F]{4})/;
const REGISTER = /^(?:Dev|Lnk|Slt|Root)(?:Cap|Ctl|Sta)\d?:/;

/** Generation of a printed link speed (ls-caps.c `link_speed`: 2.5, 5, 8, 16, 32, 64 GT/s); null for `unknown`. */
export function genOfSpeed(text: string): PcieGen | null {
  const m = /^(\d+(?:\.\d+)?)\s*(?:GT\/s|Gb\/s)$/.exec(text.trim());
  if (!m) return null;
  const gts: Record<string, PcieGen> = { '2.5': 1, '5': 2, '8': 3, '16': 4, '32': 5, '64': 6 };
  const g = gts[String(Number(m[1]))];
  return g !== undefined && (PCIE_GENS as readonly number[]).includes(g) ? g : null;
}

function linkFigure(speedText: string, width: string): LinkFigure {
  const w = Number(width);
  return { gen: genOfSpeed(speedText), width: w > 0 ? w : null, speedText: speedText.trim() };
}

function acsFlags(text: string): AcsFlags {
  const on = (name: string) => new RegExp(`\\b${name}\\+`).test(text);
  return { srcValid: on('SrcValid'), reqRedir: on('ReqRedir'), cmpltRedir: on('CmpltRedir'), upstreamFwd: on('UpstreamFwd') };
}

/**
 * Class codes of the class names lspci prints without -n (pci.ids "C" section), for the classes the import tells
 * apart; any other name keeps a null class.
 */
const CLASS_BY_NAME: Readonly<Record<string, number>> = {
  'Non-VGA unclassified device': 0x0000,
  'VGA compatible unclassified device': 0x0001,
  'SCSI storage controller': 0x0100,
  'IDE interface': 0x0101,
  'RAID bus controller': 0x0104,
  'ATA controller': 0x0105,
  'SATA controller': 0x0106,
  'Serial Attached SCSI controller': 0x0107,
  'Non-Volatile memory controller': 0x0108,
  'Mass storage controller': 0x0180,
  'Ethernet controller': 0x0200,
  'Token ring network controller': 0x0201,
  'Infiniband controller': 0x0207,
  'Fabric controller': 0x0208,
  'Network controller': 0x0280,
  'VGA compatible controller': 0x0300,
  'XGA compatible controller': 0x0301,
  '3D controller': 0x0302,
  'Display controller': 0x0380,
  'Multimedia video controller': 0x0400,
  'Multimedia audio controller': 0x0401,
  'Audio device': 0x0403,
  'RAM memory': 0x0500,
  'CXL': 0x0502,
  'Memory controller': 0x0580,
  'Host bridge': 0x0600,
  'ISA bridge': 0x0601,
  'PCI bridge': 0x0604,
  'CardBus bridge': 0x0607,
  'Bridge': 0x0680,
  'Communication controller': 0x0780,
  'System peripheral': 0x0880,
  'IOMMU': 0x0806,
  'Co-processor': 0x0b40,
  'USB controller': 0x0c03,
  'Fibre Channel': 0x0c04,
  'SMBus': 0x0c05,
  'InfiniBand': 0x0c06,
  'Encryption controller': 0x1080,
  'Signal processing controller': 0x1180,
  'Processing accelerators': 0x1200,
};

/** Splits the header's text after the address: class, ids and the vendor/device description. */
function readHeaderText(rest: string): Pick<LspciFn, 'className' | 'classId' | 'vendorId' | 'deviceId' | 'description'> {
  const colon = rest.indexOf(': ');
  const classPart = colon >= 0 ? rest.slice(0, colon) : rest;
  let desc = colon >= 0 ? rest.slice(colon + 2) : '';
  const numeric = /^(.*?)\s*\[([0-9a-fA-F]{4})\]$/.exec(classPart);
  const className = (numeric ? numeric[1]! : classPart).trim();
  const classId = numeric ? parseInt(numeric[2]!, 16) : (CLASS_BY_NAME[className] ?? null);
  // lspci appends " (rev xx)" and " (prog-if xx [name])" after the device name.
  desc = desc.replace(/\s*\(prog-if [^)]*\)?\]?\)?\s*$/, '').replace(/\s*\(rev [0-9a-fA-F]+\)\s*$/, '');
  const ids = /\s*\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]\s*$/.exec(desc);
  if (ids) desc = desc.slice(0, ids.index);
  return { className, classId, vendorId: ids ? ids[1]!.toLowerCase() : null, deviceId: ids ? ids[2]!.toLowerCase() : null, description: desc.trim() };
}

/** The reading state of one function's indented lines. */
interface Cursor {
  fn: LspciFn;
  /** The capability the following lines belong to. */
  cap: 'express' | 'sriov' | 'acs' | 'other' | null;
  /** The last PCIe register label seen (continuation lines carry no label). */
  register: string | null;
}

function readDetail(c: Cursor, line: string): void {
  const f = c.fn;
  f.detail++;
  if (line === 'Capabilities: <access denied>') {
    f.denied = true;
    return;
  }
  const cap = CAPABILITY.exec(line);
  if (cap) {
    const what = cap[1]!;
    c.register = null;
    const ex = EXPRESS.exec(what);
    if (ex) {
      c.cap = 'express';
      f.express = EXPRESS_TYPES[ex[1]!.trim()] ?? 'unknown';
    } else if (what.startsWith('Single Root I/O Virtualization')) c.cap = 'sriov';
    else if (what.startsWith('Access Control Services')) c.cap = 'acs';
    else {
      c.cap = 'other';
      if (what.startsWith('Alternative Routing-ID Interpretation')) f.ari = true;
    }
    return;
  }
  let m: RegExpExecArray | null;
  if (c.cap === 'express') {
    const reg = REGISTER.exec(line);
    if (reg) c.register = reg[0].slice(0, -1);
    if ((m = LNKCAP.exec(line))) f.lnkCap = linkFigure(m[1]!, m[2]!);
    else if ((m = LNKSTA.exec(line))) f.lnkSta = { ...linkFigure(m[1]!, m[3]!), downgraded: m[2] === 'downgraded' || m[4] === 'downgraded' };
    // ARIFwd sits on a continuation line of DevCap2 (ls-caps.c cap_express_dev2).
    const ari = /\bARIFwd([+-])/.exec(line);
    if (ari && c.register === 'DevCap2') f.ariForwarding = ari[1] === '+';
  }
  if (c.cap === 'sriov') {
    if ((m = SRIOV_VFS.exec(line))) f.sriov = { initialVfs: Number(m[1]), totalVfs: Number(m[2]), numVfs: Number(m[3]), vfOffset: null, vfStride: null, vfDeviceId: null };
    else if (f.sriov && (m = SRIOV_OFFSET.exec(line))) {
      f.sriov.vfOffset = Number(m[1]);
      f.sriov.vfStride = Number(m[2]);
      f.sriov.vfDeviceId = m[3]!.toLowerCase();
    }
  }
  if (c.cap === 'acs') {
    if (line.startsWith('ACSCap:')) f.acsCap = acsFlags(line);
    else if (line.startsWith('ACSCtl:')) f.acsCtl = acsFlags(line);
  }
  // Lines lspci prints at the function's own level (not inside a capability), whatever capability came before.
  if ((m = BUS.exec(line))) f.secondaryBus = parseInt(m[2]!, 16);
  else if ((m = /^NUMA node: (\d+)$/.exec(line))) f.numaNode = Number(m[1]);
  else if ((m = /^IOMMU group: (\S+)$/.exec(line))) f.iommuGroup = m[1]!;
  else if ((m = /^Kernel driver in use: (\S+)/.exec(line))) f.driver = m[1]!;
  else if ((m = /^Subsystem: (.+)$/.exec(line))) f.subsystem = m[1]!.trim();
}

const addressKey = (f: Pick<LspciFn, 'domain' | 'bus' | 'dev' | 'fn'>) => (((f.domain * 256 + f.bus) * 32 + f.dev) * 8 + f.fn);

/** Every PCI function of an lspci capture, in address order; a one-line reason when the text holds none. */
export function parseLspciText(input: string): LspciParse {
  if (input.length > MAX_LSPCI_CHARS) {
    return { ok: false, reason: `too large for an lspci capture: ${(input.length / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_LSPCI_CHARS / 2 ** 20} MiB Rackplane reads` };
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const byAddress = new Map<number, LspciFn>();
  let duplicates = 0;
  let skipped = 0;
  let cur: Cursor | null = null;
  const finish = () => {
    if (!cur) return;
    const f = cur.fn;
    const key = addressKey(f);
    const seen = byAddress.get(key);
    // A capture that lists a function twice (before and after enabling VFs, with and without -nn): the more detailed listing wins, the later on a tie.
    if (seen) duplicates++;
    if (!seen || f.detail >= seen.detail) byAddress.set(key, seen && !f.vendorId && seen.vendorId ? { ...f, vendorId: seen.vendorId, deviceId: seen.deviceId, classId: f.classId ?? seen.classId } : f);
    cur = null;
  };
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    lineNo++;
    if (raw.trim() === '') {
      finish();
      continue;
    }
    if (/^\s/.test(raw)) {
      if (cur) readDetail(cur, raw.trim());
      continue;
    }
    finish();
    const h = HEADER.exec(raw);
    if (!h) {
      skipped++;
      continue;
    }
    if (byAddress.size >= MAX_LSPCI_FUNCTIONS) return { ok: false, reason: `the capture lists more than ${MAX_LSPCI_FUNCTIONS} PCI functions, more than Rackplane reads` };
    cur = {
      fn: {
        domain: h[1] ? parseInt(h[1], 16) : 0,
        bus: parseInt(h[2]!, 16),
        dev: parseInt(h[3]!, 16),
        fn: Number(h[4]),
        line: lineNo,
        ...readHeaderText(h[5]!),
        subsystem: null,
        express: null,
        lnkCap: null,
        lnkSta: null,
        secondaryBus: null,
        sriov: null,
        acsCap: null,
        acsCtl: null,
        ari: false,
        ariForwarding: null,
        numaNode: null,
        iommuGroup: null,
        driver: null,
        detail: 0,
      },
      cap: null,
      register: null,
    };
    if (cur.fn.dev > 31) return { ok: false, reason: `line ${lineNo}: device number ${h[3]} is above 1f, so this is not an lspci capture` };
  }
  finish();
  if (byAddress.size === 0) {
    // `lspci -vmm` prints one field a line ("Slot:\t00:1f.2"): machine-readable, but without the capabilities.
    if (/^Slot:\t/m.test(text)) return { ok: false, reason: 'this is lspci -vmm (machine-readable) output, which lacks the link, SR-IOV and ACS capabilities: capture lspci -vvv (or -vvvnn) instead' };
    return { ok: false, reason: 'not an lspci capture: no line names a PCI function ("00:1f.2 SATA controller: …"); capture it with lspci -vvv (or -vvvnn)' };
  }
  const fns = [...byAddress.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  const notes: string[] = [];
  if (duplicates) notes.push(`${duplicates} function(s) were listed more than once; the most detailed listing of each was used.`);
  if (skipped) notes.push(`${skipped} line(s) that are not lspci output (prompts, prose) were skipped.`);
  const denied = fns.filter((f) => f.denied).length;
  if (denied) notes.push(`${denied} function(s) show "Capabilities: <access denied>": lspci ran without root, so their link, SR-IOV and ACS figures are missing; capture with sudo lspci -vvv.`);
  return { ok: true, fns, notes };
}

// Reading lspci's text and tree drawings, line formats as pciutils prints them (lspci.man; ls-caps.c
// cap_express_link, cap_sriov, cap_acs; lspci.c show_htype1, show_kernel; ls-tree.c).
import { describe, expect, it } from 'vitest';
import { genOfSpeed, MAX_LSPCI_CHARS, parseLspciText, type LspciFn } from './lspci-text';
import { parseLspciTree } from './lspci-tree';

function only(text: string): LspciFn {
  const r = parseLspciText(text);
  if (!r.ok) throw new Error(r.reason);
  expect(r.fns).toHaveLength(1);
  return r.fns[0]!;
}

describe('parseLspciText', () => {
  it('reads a -nn header: class code, vendor:device ids, the name without revision and prog-if', () => {
    const f = only('0001:62:00.0 VGA compatible controller [0300]: Matrox Electronics Systems Ltd. MGA G400/G450 [102b:0525] (rev 85) (prog-if 00 [VGA controller])\n');
    expect(f).toMatchObject({ domain: 1, bus: 0x62, dev: 0, fn: 0, className: 'VGA compatible controller', classId: 0x0300, vendorId: '102b', deviceId: '0525', description: 'Matrox Electronics Systems Ltd. MGA G400/G450' });
  });

  it('takes the last [vvvv:dddd] as the ids when the name itself has brackets', () => {
    const f = only('09:00.0 System peripheral [0880]: Intel Corporation JHL6240 Thunderbolt 3 NHI (Low Power) [Alpine Ridge LP 2016] [8086:15bf] (rev 01)\n');
    expect(f).toMatchObject({ vendorId: '8086', deviceId: '15bf', description: 'Intel Corporation JHL6240 Thunderbolt 3 NHI (Low Power) [Alpine Ridge LP 2016]' });
  });

  it('knows the class of a plain header from its name (pci.ids class names)', () => {
    expect(only('08:00.0 Ethernet controller: Mellanox Technologies MT27710 Family [ConnectX-4 Lx]\n')).toMatchObject({ classId: 0x0200, vendorId: null, description: 'Mellanox Technologies MT27710 Family [ConnectX-4 Lx]' });
    expect(only('3b:00.0 Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller PM173X\n').classId).toBe(0x0108);
    expect(only('c1:00.0 Processing accelerators: Xilinx Corporation Device 5050\n').classId).toBe(0x1200);
    expect(only('00:14.0 Some class lspci never prints: Acme Widget\n').classId).toBeNull();
  });

  it('reads LnkSta in every form pciutils has printed', () => {
    // 3.7-3.8 print "(ok)"/"(downgraded)" after both; 3.9+ only "(downgraded)"; older ones neither and go on with flags.
    const link = (sta: string) => only(`01:00.0 Ethernet controller: X\n\tCapabilities: [60] Express (v2) Endpoint, MSI 00\n\t\tLnkCap:\tPort #0, Speed 8GT/s, Width x8, ASPM not supported\n\t\tLnkSta:\t${sta}\n`).lnkSta;
    expect(link('Speed 8GT/s (ok), Width x4 (downgraded)')).toEqual({ gen: 3, width: 4, speedText: '8GT/s', downgraded: true });
    expect(link('Speed 16GT/s (downgraded), Width x2')).toEqual({ gen: 4, width: 2, speedText: '16GT/s', downgraded: true });
    expect(link('Speed 2.5GT/s, Width x1, TrErr- Train- SlotClk+ DLActive- BWMgmt- ABWMgmt-')).toEqual({ gen: 1, width: 1, speedText: '2.5GT/s', downgraded: false });
    // A link that is down: the speed lspci cannot name, and no lanes.
    expect(link('Speed unknown, Width x0')).toEqual({ gen: null, width: null, speedText: 'unknown', downgraded: false });
  });

  it('maps every speed ls-caps.c link_speed prints to its generation (PCIe base spec: 2.5, 5, 8, 16, 32, 64 GT/s)', () => {
    expect(['2.5GT/s', '5GT/s', '8GT/s', '16GT/s', '32GT/s', '64GT/s', 'unknown'].map(genOfSpeed)).toEqual([1, 2, 3, 4, 5, 6, null]);
  });

  it('reads the port type, the bridge bus numbers, SR-IOV, ACS, ARI and the kernel lines', () => {
    const f = only(
      [
        '00:03.0 PCI bridge [0604]: Intel Corporation Root Port [8086:2f08] (rev 02) (prog-if 00 [Normal decode])',
        '\tNUMA node: 1',
        '\tIOMMU group: 27',
        '\tBus: primary=00, secondary=04, subordinate=05, sec-latency=0',
        '\tCapabilities: [90] Express (v2) Root Port (Slot+), MSI 00',
        '\t\tLnkCap:\tPort #3, Speed 8GT/s, Width x16, ASPM not supported',
        '\t\tLnkSta:\tSpeed 8GT/s, Width x16',
        '\t\tDevCap2: Completion Timeout: Range BCD, TimeoutDis+ NROPrPrP- LTR-',
        '\t\t\t 10BitTagComp- 10BitTagReq- OBFF Not Supported, ExtFmt- EETLPPrefix-',
        '\t\t\t FRS- LN System CLS Not Supported, TPHComp- ExtTPHComp- ARIFwd+',
        // DevCtl2's ARIFwd- is whether forwarding is enabled, not whether the port can: it must not override DevCap2.
        '\t\tDevCtl2: Completion Timeout: 50us to 50ms, TimeoutDis- LTR- 10BitTagReq- OBFF Disabled, ARIFwd-',
        '\tCapabilities: [110 v1] Access Control Services',
        '\t\tACSCap:\tSrcValid+ TransBlk+ ReqRedir+ CmpltRedir+ UpstreamFwd+ EgressCtrl- DirectTrans-',
        '\t\tACSCtl:\tSrcValid- TransBlk- ReqRedir- CmpltRedir- UpstreamFwd- EgressCtrl- DirectTrans-',
        '\tKernel driver in use: pcieport',
      ].join('\n'),
    );
    expect(f).toMatchObject({ express: 'root-port', secondaryBus: 4, numaNode: 1, iommuGroup: '27', driver: 'pcieport', ariForwarding: true, ari: false });
    expect(f.lnkCap).toEqual({ gen: 3, width: 16, speedText: '8GT/s' });
    expect(f.acsCap).toEqual({ srcValid: true, reqRedir: true, cmpltRedir: true, upstreamFwd: true });
    expect(f.acsCtl).toEqual({ srcValid: false, reqRedir: false, cmpltRedir: false, upstreamFwd: false });

    const pf = only(
      [
        '01:00.0 Ethernet controller [0200]: Intel Corporation 82576 Gigabit Network Connection [8086:10c9] (rev 01)',
        '\tCapabilities: [150 v1] Alternative Routing-ID Interpretation (ARI)',
        '\t\tARICap:\tMFVC- ACS-, Next Function: 1',
        '\tCapabilities: [160 v1] Single Root I/O Virtualization (SR-IOV)',
        '\t\tIOVCap:\tMigration-, Interrupt Message Number: 000',
        '\t\tInitial VFs: 8, Total VFs: 8, Number of VFs: 1, Function Dependency Link: 00',
        '\t\tVF offset: 384, stride: 2, Device ID: 10ca',
        '\tKernel driver in use: igb',
      ].join('\n'),
    );
    expect(pf.sriov).toEqual({ initialVfs: 8, totalVfs: 8, numVfs: 1, vfOffset: 384, vfStride: 2, vfDeviceId: '10ca' });
    expect(pf).toMatchObject({ ari: true, driver: 'igb' });
  });

  it('reads a capture with a byte-order mark and CRLF line ends as the plain one', () => {
    const lines = ['02:00.0 Ethernet controller [0200]: Intel Corporation I350 Gigabit Network Connection [8086:1521] (rev 01)', '\tNUMA node: 0', '\tKernel driver in use: igb', ''];
    const plain = parseLspciText(lines.join('\n'));
    const windows = parseLspciText(`\ufeff${lines.join('\r\n')}`);
    expect(windows).toEqual(plain);
    expect(plain.ok && plain.fns[0]!.driver).toBe('igb');
  });

  it('skips prompts and prose around a pasted capture, and merges a function listed twice', () => {
    const r = parseLspciText(
      [
        '# lspci | grep Ethernet',
        '82:00.0 Ethernet controller: Intel Corporation 82576 Gigabit Network Connection (rev 01)',
        'Then enable one VF:',
        '82:00.0 Ethernet controller [0200]: Intel Corporation 82576 Gigabit Network Connection [8086:10c9] (rev 01)',
        '\tKernel driver in use: igb',
      ].join('\n'),
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.fns).toHaveLength(1);
    expect(r.fns[0]).toMatchObject({ vendorId: '8086', driver: 'igb' });
    expect(r.notes).toEqual(['1 function(s) were listed more than once; the most detailed listing of each was used.', '2 line(s) that are not lspci output (prompts, prose) were skipped.']);
  });

  it('refuses text that names no PCI function, and a file over the size limit, with one line', () => {
    const none = parseLspciText('<html><body>Not Found</body></html>\n');
    expect(none).toEqual({ ok: false, reason: 'not an lspci capture: no line names a PCI function ("00:1f.2 SATA controller: …"); capture it with lspci -vvv (or -vvvnn)' });
    const big = parseLspciText('x'.repeat(MAX_LSPCI_CHARS + 1));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.reason).toMatch(/^too large for an lspci capture: 64 MiB, more than the 64 MiB Rackplane reads$/);
  });

  it('says when lspci ran without root, and refuses -vmm output with what to run instead', () => {
    const r = parseLspciText('3b:00.0 Ethernet controller: Intel Corporation Ethernet Controller E810-C for QSFP (rev 02)\n\tSubsystem: Intel Corporation Device 0001\n\tCapabilities: <access denied>\n\tKernel driver in use: ice\n');
    expect(r.ok && r.notes).toEqual(['1 function(s) show "Capabilities: <access denied>": lspci ran without root, so their link, SR-IOV and ACS figures are missing; capture with sudo lspci -vvv.']);
    expect(parseLspciText('Slot:\t00:1f.2\nClass:\tSATA controller\nVendor:\tIntel Corporation\n')).toEqual({ ok: false, reason: 'this is lspci -vmm (machine-readable) output, which lacks the link, SR-IOV and ACS capabilities: capture lspci -vvv (or -vvvnn) instead' });
  });

  it('is linear: 60,000 functions read in well under the time a quadratic pass would take', () => {
    const lines: string[] = [];
    for (let bus = 0; bus < 240; bus++) for (let d = 0; d < 32; d++) for (let fn = 0; fn < 8; fn++) if (lines.length < 60_000 * 3) lines.push(`${bus.toString(16).padStart(2, '0')}:${d.toString(16).padStart(2, '0')}.${fn} Ethernet controller [0200]: Intel Corporation Ethernet Virtual Function 700 Series [8086:154c] (rev 02)`, '\tNUMA node: 0', '');
    const t0 = performance.now();
    const r = parseLspciText(lines.join('\n'));
    expect(r.ok && r.fns.length).toBe(60_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('parseLspciTree', () => {
  it('reads root buses, bridges with their secondary bus, and children drawn on later lines (ls-tree.c)', () => {
    const r = parseLspciTree(
      [
        '-+-[0000:00]-+-00.0  Intel Corporation 5520/5500/X58 I/O Hub to ESI Port',
        ' |           +-03.0-[02-05]----00.0-[03-05]--+-00.0-[04]----00.0  Broadcom / LSI SAS2008 PCI-Express Fusion-MPT SAS-2 [Falcon]',
        ' |           |                               \\-02.0-[05]--',
        ' |           \\-07.0-[06]--+-00.0  NVIDIA Corporation GT218 [GeForce 210]',
        ' |                        \\-00.1  NVIDIA Corporation High Definition Audio Controller',
        ' \\-[0001:ff]-+-00.0  Intel Corporation Xeon 5500/Core i7 QuickPath Architecture Generic Non-Core Registers',
      ].join('\n'),
    );
    if (!r.ok) throw new Error(r.reason);
    expect([...r.tree.rootBuses]).toEqual([0x000, 0x1ff]);
    const fmt = r.tree.fns.map((f) => `${f.domain}:${f.bus.toString(16)}:${f.dev.toString(16)}.${f.fn}${f.secondary === null ? '' : `>${f.secondary.toString(16)}`}`);
    expect(fmt).toEqual(['0:0:0.0', '0:0:3.0>2', '0:2:0.0>3', '0:3:0.0>4', '0:4:0.0', '0:3:2.0>5', '0:0:7.0>6', '0:6:0.0', '0:6:0.1', '1:ff:0.0']);
    expect(r.tree.fns[4]!.name).toBe('Broadcom / LSI SAS2008 PCI-Express Fusion-MPT SAS-2 [Falcon]');
  });

  it('refuses text that draws no tree', () => {
    expect(parseLspciTree('00:1f.2 SATA controller: Intel Corporation\n')).toEqual({ ok: false, reason: 'not an lspci -t tree: no root bus such as "-[0000:00]-" is drawn' });
  });
});

/**
 * Citations behind the built-in NIC figures, keyed as in the team's NIC fact table. The text is the
 * table's own citation; lspci captures also name the public repository and commit they came from, so a
 * figure can be checked without the team kit.
 */
import type { z } from 'zod';
import type { sourceSchema } from './schema';

export type Source = z.infer<typeof sourceSchema>;

const LINUX = 'torvalds/linux (GPL-2.0)';
const DPDK = 'DPDK/dpdk snapshot 38f72e500b3b159eca3ba2f4ca0e46a26a7cb057';

const CITATIONS = {
  K1: `${LINUX} @2555693dd85c Documentation/networking/device_drivers/ethernet/intel/ixgbe.rst: "max_vfs … Valid Range: 1-63"; pools/VF-TC table; "When VFs are configured, the PF is allocated one pool".`,
  K2: `${LINUX} @4fe193cc9dd0 drivers/net/ethernet/intel/ice/ice_vf_lib.h: #define ICE_MAX_SRIOV_VFS 256, #define ICE_MAX_RSS_QS_PER_VF 16 (older: ice_sriov.h ICE_MAX_VF_COUNT 256).`,
  K3: `${LINUX} @a3f861270050 drivers/net/ethernet/intel/ixgbe/ixgbe.h: #define IXGBE_MAX_VF_FUNCTIONS 64; ixgbe_sriov.h: "limit the max number of VFs … to 63 (IXGBE_MAX_VF_FUNCTIONS - 1)", IXGBE_MAX_VFS_4TC 32, _8TC 16.`,
  K4: `${LINUX} @768eb705e638 drivers/net/ethernet/intel/i40e/i40e_main.c: #define I40E_MAX_VF_COUNT 128.`,
  K5: `${LINUX} Documentation/networking/device_drivers/ethernet/intel/i40e.rst: "X710/XXV710 devices fail to enable Max VFs (64) when Multiple Functions per Port (MFP) and SR-IOV are enabled" (seen in a git.zx2c4.com diff of that file).`,
  K6: 'ice patch "increase PF\'s mailbox receive queue size" by Brett Creeley (netdev/intel-wired-lan): "We can have a total of 256 VFs".',
  P1: `${DPDK} doc/guides/nics/intel_vf.rst: X710/XL710 "maximum of 128 Virtual Functions (VF) globally per … NIC device", "default number of queue pairs per VF is 4, and can be 16 in maximum"; 82599 "maximum of 63 Virtual Functions and … one Physical Function per … port … maximum of 128 queues per port"; 32/64-pool rules; ice "large VFs" note.`,
  P2: `${DPDK} doc/guides/nics/i40e.rst: 700 series 10/25/40 Gbps; RTE_LIBRTE_I40E_QUEUE_NUM_PER_PF 64, …_PER_VM 4 ("queues reserved for each VMDQ Pool"); XL710 "PCIe v3.0 x8 slot".`,
  P3: `${DPDK} driver constants: drivers/net/intel/i40e/i40e_ethdev.h (I40E_MAX_QP_NUM_PER_VF 16, I40E_MAX_Q_PER_TC 64), i40e_ethdev.c (I40E_MAX_NUM_VSIS 384), drivers/net/intel/ixgbe/ixgbe_ethdev.h (IXGBE_MAX_RX_QUEUE_NUM 128), drivers/net/intel/ice/base/ice_adminq_cmd.h (ICE_MAX_VSI 768).`,
  P4: `${DPDK} doc/guides/nics/ice.rst: "10/25/50/100/200 Gbps Intel Ethernet 800 Series".`,
  P5: `${DPDK} doc/guides/nics/mlx5.rst "Supported Devices" table (total bandwidth, max ports, PCIe generation) for ConnectX-4 Lx … ConnectX-9 and BlueField-2/3.`,
  P7: `${DPDK} doc/guides/nics/bnxt.rst: BCM57500 NetXtreme-E adapter list (P410SG quad-port 10G, P425G quad-port 25G, P1100G single-port 100G, P2100G dual-port 100G, P2200G dual-port 200G).`,
  N1: 'NVIDIA docs, VMware/ESXi driver manual "Single Root IO Virtualization (SR-IOV)": https://docs.nvidia.com/networking/display/vmwarev4171516/virtualization — "ConnectX-4 onward … up to 63/127 … VFs depending on the firmware capabilities".',
  N2: 'NVIDIA DOCA 3.1 "SR-IOV": https://docs.nvidia.com/doca/archive/3-1-0-core-update/SR-IOV — "ConnectX adapters support up to 127 VFs per port".',
  N3: 'NVIDIA ConnectX-4 IB/Eth user manual "Interfaces": https://docs.nvidia.com/networking/display/ConnectX4IB/Interfaces — "PCI Express Gen 3.0 … through an x8 or x16 edge connector".',
  N4: 'NVIDIA ConnectX-5 EN OCP2 "Interfaces": https://docs.nvidia.com/networking/display/ConnectX5ENOCP2/Interfaces — ConnectX-5 Ex "PCIe Gen 3.0/4.0 … x16", ConnectX-5 "PCIe Gen 3.0 … x16" (Socket Direct variants: 2 × x8).',
  N5: 'NVIDIA ConnectX-6 Dx FW release notes v22.34.1002 / v22.46.3048 (Known Issues), ConnectX-6 Lx v26.34.1002: https://docs.nvidia.com/networking/display/ConnectX6DxFirmwarev22341002/Changes+and+New+Features , https://docs.nvidia.com/networking/display/connectx6dxfirmwarev22463048/known+issues — "maximum VF per port is 127"; "127 VF per PF (254 functions)".',
  N6: 'NVIDIA ConnectX-7 Cards for OCP 3.0 user manual "Supported Interfaces": https://docs.nvidia.com/networking/display/connectx7vpiocp3/supported+interfaces — "PCIe Gen 5.0 through x16 edge connector".',
  N7: 'NVIDIA ConnectX-4 EN adapter cards user manual "Introduction": https://docs.nvidia.com/networking/display/ConnectX4EN/Introduction — MCX416A-CCAT "2-Ports QSFP28", Ethernet data rate "1/10/25/40/50/100GbE", PCIe Gen 3.0 x16; MCX414A-GCAT "2-Ports QSFP28", "1/10/25/40/50GbE", PCIe Gen 3.0 x8; device id 4115 (PF) / 4116 (VF).',
  N8: 'NVIDIA ConnectX-4 Lx EN adapter cards user manual "Introduction": https://docs.nvidia.com/networking/display/CX4LxEN/Introduction — MCX4121A-ACAT "2Ports SFP28", Ethernet data rate "1/10/25 Gb/s", "PCIe Gen 3.0 SERDES @ 8.0GT/s x8 Lanes"; device id 4117 (PF) / 4118 (VF).',
  N9: 'NVIDIA ConnectX-5 InfiniBand/Ethernet Socket Direct adapter cards user manual "Introduction": https://docs.nvidia.com/networking/display/cx5vpisd/introduction — "the two 100Gb/s physical ports of the ConnectX-5 … Adapter"; device id 4119 (PF) / 4120 (VF); the 16-lane PCIe bus split into two x8 buses.',
  N10: 'NVIDIA ConnectX-5 EN cards for OCP Spec 2.0 user manual "Introduction": https://docs.nvidia.com/networking/display/connectx5enocp2/introduction — ConnectX-5 Ex MCX546A-CDAN "Dual-port QSFP28", "10/25/40/50/100 Gb/s", "PCIe Gen 3.0 / 4.0 x16"; "PCIe 4.0 x16 bus … can support 200Gb/s when both network ports of the card run at 100Gb/s".',
  N11: 'NVIDIA ConnectX-6 EN adapter cards user manual "Introduction": https://docs.nvidia.com/networking/display/ConnectX6EN/Introduction — MCX613106A-VDAT "Dual-port QSFP56", "Ethernet: 10/25/40/50/100/200 Gb/s", PCIe x16 Gen 3.0/4.0; "ConnectX-6 with a PCIe x16 slot can support a bandwidth of up to 100GbE in a PCIe Gen 3.0/4.0 slot, or up to 200GbE in a PCIe Gen 4.0 slot".',
  N12: 'NVIDIA ConnectX-7 user manuals "Introduction": https://docs.nvidia.com/networking/display/ConnectX7VPI/Introduction ("Dual-port 100 or 200Gb/s with … QSFP112 connectors", Ethernet-only "Quad-port SFP56 … 50/25GbE") and https://docs.nvidia.com/networking/display/ConnectX7VPIOCP3/Introduction ("up to two ports of NDR200 and 200GbE or a single port of NDR and 400GbE connectivity, and PCIe Gen 5.0 x16 host connectivity").',
  N13: 'NVIDIA MLNX_OFED / MLNX_EN release notes, "Uplink Speed" per adapter (e.g. https://docs.nvidia.com/networking/display/MLNXENv543681LTS/Introduction): ConnectX-4 Ethernet 1-100GbE; ConnectX-5/5 Ex 1-100GbE; ConnectX-6 and 6 Dx 10-200GbE; ConnectX-6 Lx 1-50GbE.',
  D1: 'Intel 82599 datasheet record: https://intel.com/content/www/us/en/content-details/331520 ("dual 10 Gigabit Ethernet").',
  D2: 'Intel E810 datasheet record: https://www.intel.com/content/www/us/en/content-details/613875 ("dual-port 100 GbE").',
  L1: 'lspci -vv of a Mellanox ConnectX-4 Lx (LnkCap 8GT/s x8, LnkSta x4 "downgraded", Total VFs 8): github.com/jianyuewu/dpdk_playground @291726eaa506db08a1689ee4c900ed37ee4ca215 network/ConnectX-4/README_ConnectX.md.',
  L2: 'lspci -vv of an Intel X550-T2 (LnkCap 8GT/s x4, Total VFs 64) and an Intel E810-XXV (LnkCap 16GT/s x8): github.com/jianyuewu/dpdk_playground @291726eaa506db08a1689ee4c900ed37ee4ca215 network/X550_T2/README_X550.md and network/E810/README_E810.md.',
  L3: 'XL710-Q2 lspci -vv (Total VFs 64, VF device 154c) quoted in several public blog posts (source path not identifiable).',
  L4: 'pciutils test dump tests/cap-pcie-2 (github.com/pciutils/pciutils @0f5b941aa5cf8b1b126ff3e4176b1c32b2158289): Intel 82576 PF 8086:10c9, LnkCap 2.5GT/s x4, Initial/Total VFs 8, VF offset 384 stride 2, VF device 10ca.',
} as const;

export type SourceKey = keyof typeof CITATIONS;

/** The citations for `keys`, in the order given. */
export function cite(...keys: SourceKey[]): Source[] {
  return keys.map((key) => ({ key, citation: CITATIONS[key] }));
}

/** Every key that built-in entries may cite. */
export const SOURCE_KEYS = Object.keys(CITATIONS) as SourceKey[];

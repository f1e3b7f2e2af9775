/**
 * NetBox interface `type` values and the Ethernet rate each names. NetBox has no speed field on a device or module
 * type's interface: the type slug names the line rate and the cage (or medium) in one token, and its label says the
 * rate outright ("SFP28 (25GE)", "QSFP28 (100GE)"). The table covers every Ethernet value of the interface type enum
 * in the device-type library's `schema/generated_schema.json` (generated from NetBox's `InterfaceTypeChoices`,
 * netbox/dcim/choices.py; devicetype-library commit 56ea927237535ac2f74d77a6479383982ead7740). The labels in the
 * comments are NetBox's (netbox-community/netbox 0025ae5f netbox/dcim/choices.py for the older values; newer values
 * carry the rate as the slug's leading figure, `800gbase-x-osfp` = 800 Gb/s). The groups: fixed (copper and
 * fixed-optic), modular (pluggable cage) and backplane groups. Every other value of that enum (virtual, bridge, LAG,
 * wireless, cellular, SONET, Fibre Channel, InfiniBand, T1/E1, DSL, PON, stacking, `other`) is not an Ethernet port
 * a Rackplane NIC or switch has, and is listed in the import notes instead.
 */

/** How a port takes a transceiver: a fixed port (RJ-45 copper or a fixed optic), a pluggable cage, or a backplane lane. */
export type NetboxMedium = 'fixed' | 'cage' | 'backplane';

export interface NetboxEthernetType {
  /** Line rate in Gb/s, as the type's NetBox label gives it (`100base-tx` is 0.1). */
  gbps: number;
  medium: NetboxMedium;
  /**
   * The rates the port runs, when the cage's standard makes it take the previous generation's modules: an SFP28 cage
   * runs 25GBASE-R and takes 10GBASE-R SFP+ modules (IEEE 802.3by kept the SFP form factor, SFF-8402), a QSFP28 cage runs
   * 100GBASE-R4 and takes 40GBASE-R4 QSFP+ modules (802.3ba/802.3bm, SFF-8665) — the sets the built-in leaf class
   * uses (shared/catalog/switches.ts). Absent: NetBox does not say, and the validator's fallback table applies (ETH-001).
   */
  speedsGbps?: readonly number[];
}

const fixed = (gbps: number): NetboxEthernetType => ({ gbps, medium: 'fixed' });
const cage = (gbps: number, speedsGbps?: readonly number[]): NetboxEthernetType => ({ gbps, medium: 'cage', ...(speedsGbps ? { speedsGbps } : {}) });
const backplane = (gbps: number): NetboxEthernetType => ({ gbps, medium: 'backplane' });

/** Every Ethernet interface type of the library's schema, with its rate (NetBox label in the comment). */
export const NETBOX_ETHERNET_TYPES: Readonly<Record<string, NetboxEthernetType>> = {
  // Ethernet (fixed)
  '100base-fx': fixed(0.1), // 100BASE-FX (10/100ME FIBER)
  '100base-lfx': fixed(0.1), // 100BASE-LFX (10/100ME FIBER)
  '100base-tx': fixed(0.1), // 100BASE-TX (10/100ME)
  '100base-t1': fixed(0.1), // 100BASE-T1 (10/100ME Single Pair)
  '1000base-t': fixed(1), // 1000BASE-T (1GE)
  '1000base-sx': fixed(1), // 1000BASE-SX (1GE)
  '1000base-lx': fixed(1), // 1000BASE-LX (1GE)
  '1000base-tx': fixed(1), // 1000BASE-TX (1GE)
  '2.5gbase-t': fixed(2.5), // 2.5GBASE-T (2.5GE)
  '5gbase-t': fixed(5), // 5GBASE-T (5GE)
  '10gbase-t': fixed(10), // 10GBASE-T (10GE)
  '10gbase-cx4': fixed(10), // 10GBASE-CX4 (10GE)
  // Ethernet (modular)
  '100base-x-sfp': cage(0.1), // SFP (100ME)
  '1000base-x-gbic': cage(1), // GBIC (1GE)
  '1000base-x-sfp': cage(1), // SFP (1GE)
  '10gbase-x-sfpp': cage(10), // SFP+ (10GE)
  '10gbase-x-xfp': cage(10), // XFP (10GE)
  '10gbase-x-xenpak': cage(10), // XENPAK (10GE)
  '10gbase-x-x2': cage(10), // X2 (10GE)
  '25gbase-x-sfp28': cage(25, [25, 10]), // SFP28 (25GE)
  '50gbase-x-sfp56': cage(50), // SFP56 (50GE)
  '40gbase-x-qsfpp': cage(40), // QSFP+ (40GE)
  '50gbase-x-sfp28': cage(50), // QSFP28 (50GE)
  '100gbase-x-cfp': cage(100), // CFP (100GE)
  '100gbase-x-cfp2': cage(100), // CFP2 (100GE)
  '200gbase-x-cfp2': cage(200), // CFP2 (200GE)
  '400gbase-x-cfp2': cage(400), // CFP2 (400GE)
  '100gbase-x-cfp4': cage(100), // CFP4 (100GE)
  '100gbase-x-cxp': cage(100), // CXP (100GE)
  '100gbase-x-cpak': cage(100), // Cisco CPAK (100GE)
  '100gbase-x-dsfp': cage(100), // DSFP (100GE)
  '100gbase-x-sfpdd': cage(100), // SFP-DD (100GE)
  '100gbase-x-qsfp28': cage(100, [100, 40]), // QSFP28 (100GE)
  '100gbase-x-qsfpdd': cage(100), // QSFP-DD (100GE)
  '200gbase-x-qsfp56': cage(200), // QSFP56 (200GE)
  '200gbase-x-qsfpdd': cage(200), // QSFP-DD (200GE)
  '400gbase-x-qsfp112': cage(400), // QSFP112 (400GE)
  '400gbase-x-qsfpdd': cage(400), // QSFP-DD (400GE)
  '400gbase-x-osfp': cage(400), // OSFP (400GE)
  '400gbase-x-osfp-rhs': cage(400), // OSFP-RHS (400GE)
  '400gbase-x-cdfp': cage(400), // CDFP (400GE)
  '400gbase-x-cfp8': cage(400), // CPF8 (400GE)
  '800gbase-x-qsfpdd': cage(800), // QSFP-DD (800GE)
  '800gbase-x-osfp': cage(800), // OSFP (800GE)
  // Ethernet (backplane)
  '1000base-kx': backplane(1), // 1000BASE-KX (1GE)
  '2.5gbase-kx': backplane(2.5), // 2.5GBASE-KX (2.5GE)
  '5gbase-kr': backplane(5), // 5GBASE-KR (5GE)
  '10gbase-kr': backplane(10), // 10GBASE-KR (10GE)
  '10gbase-kx4': backplane(10), // 10GBASE-KX4 (10GE)
  '25gbase-kr': backplane(25), // 25GBASE-KR (25GE)
  '40gbase-kr4': backplane(40), // 40GBASE-KR4 (40GE)
  '50gbase-kr': backplane(50), // 50GBASE-KR (50GE)
  '100gbase-kp4': backplane(100), // 100GBASE-KP4 (100GE)
  '100gbase-kr2': backplane(100), // 100GBASE-KR2 (100GE)
  '100gbase-kr4': backplane(100), // 100GBASE-KR4 (100GE)
};

/** The Ethernet meaning of a NetBox interface type, or null for a type that is not Ethernet (or not in the table). */
export function netboxEthernetType(type: string): NetboxEthernetType | null {
  return Object.hasOwn(NETBOX_ETHERNET_TYPES, type) ? NETBOX_ETHERNET_TYPES[type]! : null;
}

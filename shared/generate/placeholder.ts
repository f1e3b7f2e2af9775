/**
 * What a design does not say (a NIC port's netdev name in the OS, a PCI address, a MAC the hypervisor assigns) is
 * written as a visible placeholder, never invented: `PLACEHOLDER-<what>`, made of the characters every target accepts
 * in a name (libvirt's deviceName pattern `[a-zA-Z0-9_.\-\\:/]+`, netplan and Kubernetes names), so the generated
 * file still validates and a search for "PLACEHOLDER" finds every value to fill in.
 */
export const PLACEHOLDER_PREFIX = 'PLACEHOLDER-';

/** A placeholder naming what to put there: `PLACEHOLDER-netdev-r01.h001.nic0-eth0`. */
export function placeholder(...what: string[]): string {
  return PLACEHOLDER_PREFIX + what.map((w) => w.replace(/[^A-Za-z0-9_.-]+/g, '_')).join('-');
}

/** The OS interface name of a NIC port: unknown to the design (udev names it: ens1f0, enp65s0f1np1, …). */
export const netdevPlaceholder = (nic: string, port: string): string => placeholder('netdev', nic, port);

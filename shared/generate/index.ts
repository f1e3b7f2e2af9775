/** Deployment configuration generated from a design (`rackplane generate`), one target at a time. */
import type { CatalogEntry } from '../catalog';
import type { Design } from '../model/design';
import { generateLibvirt } from './libvirt';
import { generateNetplan } from './netplan';
import { generateSriovDevicePlugin } from './sriov-device-plugin';
import { generateSwitchIntent } from './switch-intent';
import type { Generation } from './types';

export const GENERATE_TARGETS = ['libvirt', 'sriov-device-plugin', 'netplan', 'switch-intent'] as const;
export type GenerateTarget = (typeof GENERATE_TARGETS)[number];

export function generate(d: Design, target: GenerateTarget, catalog?: readonly CatalogEntry[]): Generation {
  switch (target) {
    case 'libvirt':
      return generateLibvirt(d);
    case 'sriov-device-plugin':
      return generateSriovDevicePlugin(d, catalog);
    case 'netplan':
      return generateNetplan(d);
    case 'switch-intent':
      return generateSwitchIntent(d);
  }
}

export type { GeneratedFile, Generation } from './types';
export { PLACEHOLDER_PREFIX } from './placeholder';

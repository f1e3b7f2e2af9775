/** Concrete colours for each role, one palette per theme; the canvas and exports resolve roles here. */
import type { ColorRole } from './types';

export type ThemeName = 'light' | 'dark';
export type Palette = Readonly<Record<ColorRole, string>>;

// Hues group the kinds the way an engineer reads the diagram: compute (VMs) green, PCIe fabric amber,
// NICs blue, virtual switching violet, physical switching teal, storage rose. Fills are pale (light)
// or deep (dark) so black/white text stays legible at AA contrast on both.
const light: Palette = {
  canvas: '#f6f7f9',
  grid: '#e3e6eb',
  text: '#1b1f24',
  textMuted: '#57606a',
  textOnAccent: '#ffffff',
  'host.fill': '#ffffff',
  'host.stroke': '#8c959f',
  'host.header': '#eaeef2',
  'compute.fill': '#e6f4ea',
  'compute.stroke': '#2e8b57',
  'pcie.fill': '#fff4e0',
  'pcie.stroke': '#b7791f',
  'nic.fill': '#e3effd',
  'nic.stroke': '#2f6fbf',
  'vswitch.fill': '#f0e9fb',
  'vswitch.stroke': '#7653c1',
  'switch.fill': '#e0f3f3',
  'switch.stroke': '#1f7f86',
  'storage.fill': '#fbe9ee',
  'storage.stroke': '#b5476a',
  'port.pcie': '#b7791f',
  'port.ethernet': '#2f6fbf',
  'port.virtual': '#7653c1',
  'badge.fill': '#2f6fbf',
  'link.pcie': '#c08a2e',
  'link.ethernet': '#3f7cc7',
  'link.virtual': '#9a84cf',
  'link.sChannel': '#c0559a',
  selection: '#0969da',
  'selection.fill': 'rgba(9, 105, 218, 0.10)',
  'problem.error': '#cf222e',
  'problem.warning': '#b35900',
  'problem.info': '#0a6bc2',
};

const dark: Palette = {
  canvas: '#15191e',
  grid: '#232a31',
  text: '#e6edf3',
  textMuted: '#9aa5b1',
  textOnAccent: '#ffffff',
  'host.fill': '#1c2128',
  'host.stroke': '#545d68',
  'host.header': '#262c36',
  'compute.fill': '#17321f',
  'compute.stroke': '#4cb277',
  'pcie.fill': '#3a2c12',
  'pcie.stroke': '#d9a441',
  'nic.fill': '#132b47',
  'nic.stroke': '#5b9be6',
  'vswitch.fill': '#2a2142',
  'vswitch.stroke': '#a58ae6',
  'switch.fill': '#10302f',
  'switch.stroke': '#3fb6bd',
  'storage.fill': '#3a1a25',
  'storage.stroke': '#e07a9c',
  'port.pcie': '#d9a441',
  'port.ethernet': '#5b9be6',
  'port.virtual': '#a58ae6',
  'badge.fill': '#3b78c4',
  'link.pcie': '#c9963c',
  'link.ethernet': '#5b9be6',
  'link.virtual': '#8c79c4',
  'link.sChannel': '#d873b4',
  selection: '#58a6ff',
  'selection.fill': 'rgba(88, 166, 255, 0.14)',
  'problem.error': '#f85149',
  'problem.warning': '#d29922',
  'problem.info': '#4493f8',
};

export const PALETTES: Readonly<Record<ThemeName, Palette>> = { light, dark };

/** The colour of a role in a theme. */
export function resolveColor(role: ColorRole, theme: ThemeName): string {
  return PALETTES[theme][role];
}

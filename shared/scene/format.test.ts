import { describe, expect, test } from 'vitest';
import { describePcie, formatGbps, formatGenRate, formatGiB, formatNumber, formatPcie, formatPortMix, formatWidth, plural } from './format';

describe('unit formatting', () => {
  test('numbers lose float noise but keep meaningful decimals', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(7.876923, 3)).toBe('7.877');
  });
  test('units as engineers write them', () => {
    expect(formatGbps(25)).toBe('25 Gb/s');
    expect(formatGbps(2.5)).toBe('2.5 Gb/s');
    expect(formatGenRate(3)).toBe('Gen 3 (8 GT/s)');
    expect(formatGenRate(1)).toBe('Gen 1 (2.5 GT/s)');
    expect(formatWidth(16)).toBe('x16');
    expect(formatGiB(512)).toBe('512 GiB');
    expect(plural(1, 'lane')).toBe('1 lane');
    expect(plural(64, 'lane')).toBe('64 lanes');
  });
  test('PCIe capability with unknown halves', () => {
    expect(formatPcie(4, 16)).toBe('Gen 4 x16');
    expect(formatPcie(null, 8)).toBe('Gen ? x8');
    expect(formatPcie(3, null)).toBe('Gen 3 x?');
    expect(describePcie(4, 16)).toBe('Gen 4 x16');
    expect(describePcie(3, null)).toBe('Gen 3, width unknown');
    expect(describePcie(null, 8)).toBe('x8, generation unknown');
    expect(describePcie(null, null)).toBe('unknown');
    expect(formatPcie(null, null)).toBeNull();
  });
  test('port mixes group runs of equal speed', () => {
    expect(formatPortMix([25, 25, 25, 100, 100])).toBe('3×25G + 2×100G');
    expect(formatPortMix([10, 40, 10])).toBe('1×10G + 1×40G + 1×10G');
    expect(formatPortMix([])).toBe('no ports');
  });
});

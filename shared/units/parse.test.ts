import { describe, expect, it } from 'vitest';
import { parseDuration, parsePercent, parseRate, parseSize, type UnitResult } from './parse';

const value = (r: UnitResult) => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (r: UnitResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${r.value}`);
  return r.reason;
};

describe('parseSize', () => {
  it.each([
    ['4GiB', 4 * 2 ** 30],
    ['4 GiB', 4 * 2 ** 30],
    ['512MiB', 512 * 2 ** 20],
    ['4096MiB', 4 * 2 ** 30],
    ['1.5KiB', 1536],
    ['2TiB', 2 * 2 ** 40],
    ['4GB', 4e9],
    ['4gB', 4e9],
    ['250kB', 250_000],
    ['250KB', 250_000],
    ['100B', 100],
    ['0B', 0],
    ['1e3MB', 1e9],
    ['.5GiB', 2 ** 29],
    ['  8 MiB  ', 8 * 2 ** 20],
  ])('%s is %d bytes', (text, bytes) => expect(value(parseSize(text))).toBe(bytes));

  it('says what it expected and quotes the input', () => {
    expect(reason(parseSize('4 parsecs'))).toBe("expected a size like 4GiB or 512MiB, got '4 parsecs'");
    expect(reason(parseSize(''))).toBe("expected a size like 4GiB or 512MiB, got ''");
    expect(reason(parseSize('GiB'))).toMatch(/got 'GiB'/);
    expect(reason(parseSize('4 GiB extra'))).toMatch(/got '4 GiB extra'/);
    expect(reason(parseSize('4iB'))).toMatch(/got '4iB'/);
  });

  it('requires a unit rather than guessing one', () => {
    expect(reason(parseSize('4096'))).toBe("expected a size like 4GiB or 512MiB, got '4096' (add a unit: B, MB, MiB, GB or GiB)");
  });

  it('refuses bits for a size, negative and overflowing numbers', () => {
    expect(reason(parseSize('4Gb'))).toMatch(/a lowercase b is a bit: a size is in bytes, e\.g\. 4GB/);
    expect(reason(parseSize('4Gib'))).toMatch(/e\.g\. 4GiB/);
    expect(reason(parseSize('-4GiB'))).toMatch(/cannot be negative/);
    expect(reason(parseSize('1e400GiB'))).toMatch(/too large/);
  });
});

describe('parseRate (bits per second)', () => {
  it.each([
    ['10Gbps', 10e9],
    ['10 Gb/s', 10e9],
    ['10Gbit/s', 10e9],
    ['25gbps', 25e9],
    ['100Mbps', 100e6],
    ['1kbps', 1e3],
    ['2bps', 2],
    ['1.25GB/s', 10e9],
    ['1.25GBps', 10e9],
    ['1GiB/s', 8 * 2 ** 30],
    ['800MiB/s', 800 * 8 * 2 ** 20],
    ['100MB/s', 800e6],
    ['3bytes/s', 24],
    ['0Gbps', 0],
  ])('%s is %d bit/s', (text, bps) => expect(value(parseRate(text))).toBeCloseTo(bps, 6));

  it('says what it expected', () => {
    expect(reason(parseRate('fast'))).toBe("expected a rate like 10Gbps, 1.25GB/s or 800MiB/s, got 'fast'");
    expect(reason(parseRate('10G'))).toMatch(/got '10G'/);
    expect(reason(parseRate('10'))).toMatch(/add a unit: Mbps, Gbps, MB\/s or GB\/s/);
    expect(reason(parseRate('10GB'))).toMatch(/got '10GB'/);
    expect(reason(parseRate('-1Gbps'))).toMatch(/cannot be negative/);
  });
});

describe('parseDuration (seconds)', () => {
  it.each([
    ['300ms', 0.3],
    ['2s', 2],
    ['2 sec', 2],
    ['1.5min', 90],
    ['1h', 3600],
    ['250us', 250e-6],
    ['250µs', 250e-6],
    ['10ns', 10e-9],
    ['0ms', 0],
  ])('%s is %d s', (text, s) => expect(value(parseDuration(text))).toBeCloseTo(s, 12));

  it('says what it expected', () => {
    expect(reason(parseDuration('soon'))).toBe("expected a duration like 300ms or 2s, got 'soon'");
    expect(reason(parseDuration('300'))).toMatch(/add a unit: ms or s/);
    expect(reason(parseDuration('300MS'))).toMatch(/got '300MS'/);
    expect(reason(parseDuration('-1s'))).toMatch(/cannot be negative/);
  });
});

describe('parsePercent', () => {
  it.each([
    ['0%', 0],
    ['15%', 0.15],
    ['12.5 %', 0.125],
    ['100%', 1],
  ])('%s is %d', (text, f) => expect(value(parsePercent(text))).toBeCloseTo(f, 12));

  it('requires the percent sign', () => {
    expect(reason(parsePercent('0.5'))).toBe("expected a percentage like 0% or 12.5%, got '0.5'");
    expect(reason(parsePercent('half'))).toMatch(/got 'half'/);
    expect(reason(parsePercent('-5%'))).toMatch(/cannot be negative/);
  });
});

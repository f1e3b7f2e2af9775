/**
 * Parsing quantities typed by people: sizes (4GiB, 512MiB, 4GB), rates (10Gbps, 1.25GB/s, 800MiB/s), durations
 * (300ms, 2s) and percentages (15%). Decimal prefixes are powers of 10 and binary ones (Ki, Mi, Gi, Ti) powers
 * of 2; a lowercase `b` is a bit and an uppercase `B` a byte, as on every NIC and disk datasheet. A unit is
 * always required: a bare `4096` could be bytes or MiB, and guessing wrong by a factor of a million is worse
 * than asking. Failures return a reason that names what was expected and quotes what was given.
 */

export type UnitResult = { ok: true; value: number } | { ok: false; reason: string };

const NUMBER = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)`;
const QUANTITY = new RegExp(String.raw`^\s*${NUMBER}\s*(\S*?)\s*$`);

const PREFIX: Record<string, { decimal: number; binary: number }> = {
  '': { decimal: 1, binary: 1 },
  k: { decimal: 1e3, binary: 2 ** 10 },
  m: { decimal: 1e6, binary: 2 ** 20 },
  g: { decimal: 1e9, binary: 2 ** 30 },
  t: { decimal: 1e12, binary: 2 ** 40 },
};

/** Multiplier of a metric or binary prefix (`k`, `M`, `Gi`, …; letter case of the prefix is free), or null. */
function prefixFactor(letter: string, binary: string): number | null {
  const p = PREFIX[letter.toLowerCase()];
  if (!p) return null;
  if (binary && letter === '') return null;
  return binary ? p.binary : p.decimal;
}

/** Splits "4 GiB" into 4 and "GiB"; null when the text does not start with a number. */
function split(text: string): { n: number; unit: string } | null {
  const m = QUANTITY.exec(text);
  if (!m) return null;
  return { n: Number(m[1]), unit: m[2]! };
}

const fail = (expected: string, text: string, hint = ''): UnitResult => ({ ok: false, reason: `expected ${expected}, got '${text}'${hint ? ` (${hint})` : ''}` });

const SIZE = 'a size like 4GiB or 512MiB';
const RATE = 'a rate like 10Gbps, 1.25GB/s or 800MiB/s';
const DURATION = 'a duration like 300ms or 2s';
const PERCENT = 'a percentage like 0% or 12.5%';

/** Checks the number itself: finite and not negative (none of these quantities can be). */
function checkNumber(n: number, expected: string, text: string): UnitResult | null {
  if (!Number.isFinite(n)) return fail(expected, text, 'the number is too large');
  if (n < 0) return fail(expected, text, 'it cannot be negative');
  return null;
}

/** A size in bytes: `B`, `kB`/`KB`, `MB`, `GB`, `TB` (powers of 10) or `KiB`, `MiB`, `GiB`, `TiB` (powers of 2). */
export function parseSize(text: string): UnitResult {
  const q = split(text);
  if (!q) return fail(SIZE, text);
  const bad = checkNumber(q.n, SIZE, text);
  if (bad) return bad;
  if (q.unit === '') return fail(SIZE, text, 'add a unit: B, MB, MiB, GB or GiB');
  const m = /^([kKmMgGtT]?)([iI]?)([bB])$/.exec(q.unit);
  if (!m) return fail(SIZE, text);
  const factor = prefixFactor(m[1]!, m[2]!);
  if (factor === null) return fail(SIZE, text);
  if (m[3] === 'b') return fail(SIZE, text, `a lowercase b is a bit: a size is in bytes, e.g. ${q.n}${m[1]}${m[2]}B`);
  return { ok: true, value: q.n * factor };
}

/**
 * A rate in bits per second. Bits: `bps`, `kbps`, `Mbps`, `Gbps`, `Tbps` (also `Gb/s`, `Gbit/s`); bytes:
 * `B/s`, `MB/s`, `GB/s` (also `GBps`) and `MiB/s`, `GiB/s`; 1 Gbps = 10^9 bit/s, 1 GB/s = 8 × 10^9 bit/s.
 */
export function parseRate(text: string): UnitResult {
  const q = split(text);
  if (!q) return fail(RATE, text);
  const bad = checkNumber(q.n, RATE, text);
  if (bad) return bad;
  if (q.unit === '') return fail(RATE, text, 'add a unit: Mbps, Gbps, MB/s or GB/s');
  const m = /^([kKmMgGtT]?)([iI]?)(bits?|bytes?|b|B)(ps|\/s)$/.exec(q.unit);
  if (!m) return fail(RATE, text);
  const factor = prefixFactor(m[1]!, m[2]!);
  if (factor === null) return fail(RATE, text);
  const bits = m[3] === 'B' || m[3]!.startsWith('byte') ? 8 : 1;
  return { ok: true, value: q.n * factor * bits };
}

const SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, sec: 1, min: 60, h: 3600 };

/** A duration in seconds: `ns`, `us` (or `µs`), `ms`, `s`, `min`, `h`. */
export function parseDuration(text: string): UnitResult {
  const q = split(text);
  if (!q) return fail(DURATION, text);
  const bad = checkNumber(q.n, DURATION, text);
  if (bad) return bad;
  if (q.unit === '') return fail(DURATION, text, 'add a unit: ms or s');
  const factor = Object.hasOwn(SECONDS, q.unit) ? SECONDS[q.unit]! : null;
  if (factor === null) return fail(DURATION, text);
  return { ok: true, value: q.n * factor };
}

/** A percentage as a fraction: `12.5%` → 0.125. The `%` is required, so `0.5` is never read as 0.5 % or 50 %. */
export function parsePercent(text: string): UnitResult {
  const q = split(text);
  if (!q || q.unit !== '%') return fail(PERCENT, text);
  const bad = checkNumber(q.n, PERCENT, text);
  if (bad) return bad;
  return { ok: true, value: q.n / 100 };
}

/**
 * Structural equality for rule facts (plain data: primitives, arrays, plain objects, Maps and Sets). The engine keeps
 * a host's previous facts when the new ones equal them, so that an edit that leaves a host's facts as they were does
 * not make the fabric rules combine every host's facts again.
 */

const OBJECT_PROTO = Object.getPrototypeOf({}) as object;

/**
 * True when `a` and `b` hold the same data in the same order. Order counts (Map and Set entries, object keys) because
 * a rule's output may follow it. Objects other than arrays, plain objects, Maps and Sets are equal only to themselves.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  const proto = Object.getPrototypeOf(a) as object | null;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return sameArray(a, b as unknown[]);
  if (a instanceof Map) return sameMap(a, b as Map<unknown, unknown>);
  if (a instanceof Set) return sameSet(a, b as Set<unknown>);
  if (proto !== OBJECT_PROTO && proto !== null) return false;
  return sameRecord(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameArray(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
  return true;
}

function sameMap(a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  const ib = b.entries();
  for (const [ka, va] of a) {
    const [kb, vb] = ib.next().value as [unknown, unknown];
    if (!sameValue(ka, kb) || !sameValue(va, vb)) return false;
  }
  return true;
}

function sameSet(a: ReadonlySet<unknown>, b: ReadonlySet<unknown>): boolean {
  if (a.size !== b.size) return false;
  const ib = b.values();
  for (const va of a) if (!sameValue(va, ib.next().value)) return false;
  return true;
}

function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameValue(a[k], b[k])) return false;
  }
  return true;
}

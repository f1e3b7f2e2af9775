/** Deterministic JSON: fixed key order so that a one-element change is a small, reviewable diff. */

// Identity and placement first, then everything else alphabetically.
const PRIORITY = ['format', 'version', 'id', 'kind', 'name', 'parent', 'x', 'y', 'a', 'b', 'element', 'port'];
const RANK = new Map(PRIORITY.map((k, i) => [k, i]));

function compareKeys(x: string, y: string): number {
  const rx = RANK.get(x);
  const ry = RANK.get(y);
  if (rx !== undefined || ry !== undefined) return (rx ?? Infinity) - (ry ?? Infinity);
  return x < y ? -1 : x > y ? 1 : 0;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    // A null prototype keeps a "__proto__" key (which JSON.parse creates as an own key) as plain data.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(src).sort(compareKeys)) {
      if (src[k] !== undefined) out[k] = canonical(src[k]);
    }
    return out;
  }
  return value;
}

/** JSON with keys in canonical order, 2-space indented, trailing newline. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(canonical(value), null, 2) + '\n';
}

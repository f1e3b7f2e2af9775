/**
 * Counts as the simulation panel prints them: "1 flow", "0 flows", "12,000 flows". The panel's figures grow to
 * thousands on a 2,000-host fabric, so the number keeps the locale's grouping (shared/scene/format.ts `plural` does
 * not group, which suits the canvas labels but not these lists).
 */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * The component versions the About dialog lists, from `app:info`'s `process.versions` subset. Electron
 * reports Chromium as `chrome`; the dialog names each part as users and bug reports know it, in a fixed
 * order, and still shows any other component main adds later (under its own key) rather than hide it.
 */

const KNOWN: readonly (readonly [key: string, label: string])[] = [
  ['electron', 'Electron'],
  ['chrome', 'Chromium'],
  ['node', 'Node.js'],
  ['v8', 'V8'],
];

export function aboutVersionRows(versions: Readonly<Record<string, string>>): { label: string; value: string }[] {
  const known = new Set(KNOWN.map(([k]) => k));
  return [
    ...KNOWN.filter(([k]) => versions[k]).map(([k, label]) => ({ label, value: versions[k]! })),
    ...Object.keys(versions)
      .filter((k) => !known.has(k))
      .sort()
      .map((k) => ({ label: k, value: versions[k]! })),
  ];
}

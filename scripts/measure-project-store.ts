/**
 * Times saveProject/openProject on a 2,000-host design (~50,000 elements, ~52,000 links) against plain
 * JSON.stringify/JSON.parse of the same design, as medians of several runs. A quick check while working
 * on electron/project/store.ts; the benchmark of record lives in test/bench/.
 *
 *   node --import tsx scripts/measure-project-store.ts [hosts] [runs]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, saveProject } from '../electron/project/store';
import { designToDocument, loadDocument } from '../shared/formats/topology';
import { largeDesign } from '../test/unit/electron/support/large-design';

const hosts = Number(process.argv[2] ?? 2000);
const runs = Number(process.argv[3] ?? 7);

function median(f: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

const dir = mkdtempSync(join(tmpdir(), 'rackplane-measure-'));
try {
  const design = largeDesign({ hosts });
  const file = join(dir, 'dc.rackplane');
  const jsonFile = join(dir, 'dc.json');
  const text = JSON.stringify(design);
  const docText = JSON.stringify(designToDocument(design));
  const opened = openProject((saveProject(file, design), file));
  if (!opened.ok) throw new Error(opened.reason);

  const rows: [string, number][] = [
    ['JSON.stringify(design)', median(() => JSON.stringify(design))],
    ['JSON.stringify + writeFileSync', median(() => writeFileSync(jsonFile, JSON.stringify(design)))],
    ['saveProject', median(() => saveProject(file, design))],
    ['JSON.parse(text)', median(() => JSON.parse(text))],
    ['JSON.parse + loadDocument', median(() => loadDocument(JSON.parse(docText)))],
    ['openProject (includes loadDocument)', median(() => openProject(file))],
  ];
  const stringify = rows[0]![1];
  const parse = rows[3]![1];
  process.stdout.write(
    `${Object.keys(design.elements).length} elements, ${Object.keys(design.links).length} links; project ${(statSync(file).size / 1e6).toFixed(1)} MB, JSON ${(text.length / 1e6).toFixed(1)} MB; median of ${runs}\n`,
  );
  for (const [label, ms] of rows) {
    const base = label.startsWith('save') || label.startsWith('JSON.stringify') ? stringify : parse;
    process.stdout.write(`${label.padEnd(38)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(2)}×\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

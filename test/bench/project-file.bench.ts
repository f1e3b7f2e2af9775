/**
 * Project-file benchmark: saving and opening the 2,000-host fabric (20 VMs per host, ~50k elements and ~50k
 * links) against the cheapest possible JSON baseline, `JSON.stringify(designToDocument(d))` and `JSON.parse`
 * with no validation. Target: each project operation within 2× its baseline. Also times template generation.
 * Run: node --import tsx test/bench/project-file.bench.ts (or npm run bench). Prints; asserts nothing on time.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { designToDocument, type LoadResult } from '../../shared/formats/topology';
import type { Design } from '../../shared/model/design';
import { makeTemplate } from '../../shared/templates';
import { openProject, saveProject } from '../../electron/project/store';
import { mib, ms, table, time } from './timing';

const HOSTS = 2000;
const VMS_PER_HOST = 20;
const TARGET_RATIO = 2;

function main(): number {
  const gen = time(() => void makeTemplate('fabric', { hosts: HOSTS, vmsPerHost: VMS_PER_HOST }));
  const design: Design = makeTemplate('fabric', { hosts: HOSTS, vmsPerHost: VMS_PER_HOST });
  const elements = Object.keys(design.elements).length;
  const links = Object.keys(design.links).length;

  const dir = mkdtempSync(join(tmpdir(), 'rackplane-bench-'));
  try {
    const file = join(dir, 'fabric.rackplane');
    let json = '';
    const stringify = time(() => void (json = JSON.stringify(designToDocument(design))));
    const parse = time(() => void JSON.parse(json));
    const jsonBytes = Buffer.byteLength(json);
    // Let the 20 MB baseline text go, so the project timings do not pay for collecting around it.
    json = '';
    const save = time(() => saveProject(file, design));
    // Widened on purpose: the closure below assigns it, which TypeScript's narrowing cannot see.
    let opened = { ok: false, reason: 'not opened' } as LoadResult;
    const open = time(() => void (opened = openProject(file)));
    if (!opened.ok) {
      process.stderr.write(`project-file bench: openProject failed: ${opened.reason}\n`);
      return 1;
    }
    if (Object.keys(opened.design.elements).length !== elements || Object.keys(opened.design.links).length !== links) {
      process.stderr.write('project-file bench: the reopened design lost elements or links\n');
      return 1;
    }
    const fileBytes = statSync(file).size;

    const verdict = (project: number, baseline: number) => {
      const ratio = project / baseline;
      return [`${ratio.toFixed(2)}×`, ratio <= TARGET_RATIO ? 'PASS' : 'MISS'];
    };
    process.stdout.write(
      [
        `project-file: fabric of ${HOSTS} hosts × ${VMS_PER_HOST} VMs = ${elements} elements, ${links} links (median of 5 after a warm-up)`,
        '',
        table(
          ['operation', 'project', 'size', 'JSON baseline', 'size', 'ratio', `target ≤ ${TARGET_RATIO}×`],
          [
            ['save', ms(save.medianMs), mib(fileBytes), ms(stringify.medianMs), mib(jsonBytes), ...verdict(save.medianMs, stringify.medianMs)],
            ['open', ms(open.medianMs), mib(fileBytes), ms(parse.medianMs), mib(jsonBytes), ...verdict(open.medianMs, parse.medianMs)],
          ],
        ),
        '',
        'save = saveProject (SQLite, temp file, fsync, rename) vs JSON.stringify(designToDocument(d)) with no file write;',
        'open = openProject (integrity check, schema validation, migrations) vs JSON.parse alone.',
        `template generation (fabric ${HOSTS}×${VMS_PER_HOST}): ${ms(gen.medianMs)}`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();

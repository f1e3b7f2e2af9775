// The CLI's diagram exports validate the file on a worker thread while the scene is built (validate-job.ts): the
// worker must return exactly the diagnostics an in-process validation of the same file gives, the diagram drawn
// with them must be the one drawn as before (validation first), and every case it cannot serve falls back to null
// so that the caller validates itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { saveProject } from '../project/store';
import { exportTopologyJson } from '../../shared/formats/topology';
import { designToSvg } from '../../shared/export/svg';
import { EXPORT_LAYERS } from '../../shared/export/selection';
import { makeTemplate } from '../../shared/templates';
import { ALL_RULES, validateDesign } from '../../shared/validate';
import { DEFAULT_RENDER, renderDesign, renderSvgChunks } from './render';
import { PARALLEL_VALIDATION_MAX_BYTES, validateFileInWorker } from './validate-job';
import { validateFile } from './validate-file';

const BUILT_WORKER = resolve(__dirname, '../..', process.env.RACKPLANE_OUT ?? 'out', 'main', 'export-worker.js');
const dir = mkdtempSync(join(tmpdir(), 'rackplane-validate-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The chapter6 template has problems to mark (warnings and notes; the first test checks there are some).
const design = makeTemplate('chapter6');
const project = join(dir, 'chapter6.rackplane');
saveProject(project, design);
const expected = validateDesign(design, ALL_RULES).diagnostics.map(({ rule, severity, message, elements, links }) => ({ rule, severity, message, elements, links }));
const settings = { ...DEFAULT_RENDER, layers: [...EXPORT_LAYERS], date: '2026-01-01' };

describe('validation on the other core for CLI diagram exports', () => {
  it('validateFile reads a project or topology JSON as the CLI does and returns its diagnostics', () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(validateFile(project)).toEqual({ type: 'validated', diagnostics: expected });
    const json = join(dir, 'chapter6.json');
    writeFileSync(json, exportTopologyJson(design));
    expect(validateFile(json)).toEqual({ type: 'validated', diagnostics: expected });
  });

  it('validateFile answers an unreadable file with one line, never a throw', () => {
    const r = validateFile(join(dir, 'missing.rackplane'));
    expect(r.type).toBe('error');
    expect(r.type === 'error' && r.message).not.toContain('\n');
  });

  it('the diagram drawn while the validation runs elsewhere is the diagram drawn after it', async () => {
    const before = designToSvg(design, { problems: validateDesign(design, ALL_RULES).diagnostics });
    const later = new Promise<ReturnType<typeof validateDesign>>((r) => setTimeout(() => r(validateDesign(design, ALL_RULES)), 5));
    expect([...(await renderSvgChunks(design, settings, { validation: later }))].join('')).toBe(before);
    // A worker that could not validate (null) leaves it to this thread: the same marks.
    expect(String(await renderDesign(design, 'svg', settings, { validation: Promise.resolve(null) }))).toBe(before);
    // Without problem marks nothing waits for a validation.
    const never = new Promise<null>(() => undefined);
    expect(String(await renderDesign(design, 'svg', { ...settings, problems: false }, { validation: never }))).toBe(designToSvg(design, {}));
  });

  it('falls back to the caller without a built worker, for a file past the size limit, or one it cannot stat', () => {
    expect(validateFileInWorker(project, null)).toBeNull();
    expect(validateFileInWorker(join(dir, 'missing.rackplane'), BUILT_WORKER)).toBeNull();
    expect(PARALLEL_VALIDATION_MAX_BYTES).toBeGreaterThan(30 * 1024 * 1024);
  });

  it.runIf(existsSync(BUILT_WORKER))('the built export-worker.js validates the file on its thread', async () => {
    const job = validateFileInWorker(project, BUILT_WORKER)!;
    const r = await job.result;
    expect(r!.diagnostics).toEqual(expected);
    expect(r!.summary).toEqual(validateDesign(design, ALL_RULES).summary);
    // A canceled job resolves null at once (the export failed before it needed the marks).
    const canceled = validateFileInWorker(project, BUILT_WORKER)!;
    canceled.cancel();
    expect(await canceled.result).toBeNull();
  });
});

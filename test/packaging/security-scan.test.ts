/**
 * The Electronegativity security scan of electron/ and renderer/ (test/packaging/security-scan.ts): no
 * HIGH finding at all, and every MEDIUM finding reviewed in docs/security.md (check id and file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT } from './builder-deps';
import { justifiedFindings, scanSources, type ScanResult } from './security-scan';

let scan: ScanResult;

beforeAll(async () => {
  // The scanner says on stdout that it could not fetch translations; that is expected offline.
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    scan = await scanSources(ROOT);
  } finally {
    log.mockRestore();
  }
});

const describeFinding = (f: ScanResult['findings'][number]) => `${f.id} ${f.file}:${f.line} (${f.severity}, ${f.confidence}): ${f.description}`;

describe('Electronegativity over electron/ and renderer/', () => {
  it('ran its checks and parsed every source file', () => {
    expect(scan.checks).toBeGreaterThan(30);
    expect(scan.errors).toEqual([]);
  });

  it('reports no HIGH finding', () => {
    expect(scan.findings.filter((f) => f.severity === 'HIGH').map(describeFinding)).toEqual([]);
  });

  it('reports no MEDIUM finding that docs/security.md does not justify', () => {
    const justified = justifiedFindings(readFileSync(join(ROOT, 'docs/security.md'), 'utf8'));
    const medium = scan.findings.filter((f) => f.severity === 'MEDIUM');
    expect(medium.filter((f) => !justified.has(`${f.id} ${f.file}`)).map(describeFinding)).toEqual([]);
  });

  it('reads the justification table (a table it cannot read would justify nothing)', () => {
    const justified = justifiedFindings(readFileSync(join(ROOT, 'docs/security.md'), 'utf8'));
    expect(justified.has('PRELOAD_JS_CHECK electron/main.ts')).toBe(true);
    expect(justifiedFindings('## Reviewed scanner findings\n\n| `PRELOAD_JS_CHECK` | `electron/main.ts` | ok |\n')).toEqual(new Set());
  });
});

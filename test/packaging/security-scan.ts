/**
 * Runs the Electronegativity scanner (@doyensec/electronegativity, a devDependency) through its
 * programmatic API: its CLI cannot start here (it resolves the project's commander 14, whose API it
 * predates). It scans the TypeScript sources, as the security review asks: its typescript-estree parses
 * every file of electron/ and renderer/ (the test fails on any parse error, so a file it cannot read is
 * never silently skipped).
 *
 * Both folders are copied into one staging folder, because its global checks (navigation limits, the
 * permission request handler, CSP) must see main and renderer together; tests are left out, as they
 * are of the package.
 *
 * Offline and fast: the scanner fetches translations and Electron's release list with `got`. The first
 * is replaced by a stub that fails at once (the bundled en-US strings are used), and the release check
 * (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, "is Electron outdated") is excluded: it needs the network,
 * and the Electron version is pinned in package.json and reviewed there.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  /** Relative to the staging folder: `electron/main.ts`, `renderer/index.html`. */
  file: string;
  line: number;
  description: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the scanner could not parse, with its message. */
  errors: string[];
  checks: number;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
}

type Runner = (options: Record<string, unknown>) => Promise<{ globalChecks: number; atomicChecks: number; errors: { file: string; message: string }[]; issues: RawIssue[] }>;

const SCANNED = ['electron', 'renderer'] as const;

/** Stubs `got` for the scanner's modules: every request fails immediately, as it would offline. */
function stubNetwork(req: NodeJS.Require, fromModules: string[]): void {
  for (const from of fromModules) {
    const gotPath = createRequire(req.resolve(from)).resolve('got');
    const offline = () => Promise.reject(new Error('network disabled for the security scan'));
    req.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
  }
}

/** Scans electron/ and renderer/ of `root` and returns every finding. */
export async function scanSources(root: string): Promise<ScanResult> {
  const req = createRequire(join(root, 'package.json'));
  const pkg = '@doyensec/electronegativity';
  stubNetwork(req, [`${pkg}/dist/locales/i18n.js`, `${pkg}/dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js`]);
  const run = req(`${pkg}/dist/runner.js`) as Runner;
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

  const stage = mkdtempSync(join(tmpdir(), 'rackplane-scan-'));
  try {
    for (const dir of SCANNED) {
      cpSync(join(root, dir), join(stage, dir), { recursive: true, filter: (src) => !/\.test\.tsx?$/.test(src) });
    }
    const result = await run({
      input: stage,
      isRelative: true,
      // Offline the scanner cannot find the version and would assume 0.1.0 (reporting the long-gone remote module).
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
    return {
      checks: result.globalChecks + result.atomicChecks,
      errors: result.errors.map((e) => `${e.file}: ${e.message}`),
      findings: result.issues.map((i) => ({
        id: i.id,
        severity: i.severity.name,
        confidence: i.confidence.name,
        file: i.file.split('\\').join('/'),
        line: i.location.line,
        description: i.description,
      })),
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * The reviewed MEDIUM findings: rows of the table under "## Reviewed scanner findings" in docs/security.md,
 * `| CHECK_ID | file | justification |`, as "CHECK_ID file" keys.
 */
export function justifiedFindings(securityMd: string): Set<string> {
  const section = securityMd.split(/^## Reviewed scanner findings\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const keys = new Set<string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/^`|`$/g, ''));
    // ['', id, file, justification, '']
    if (cells.length < 5 || !/^[A-Z_]+_CHECK$/.test(cells[1]!)) continue;
    if (cells[3]!.length < 20) continue; // a row without a real justification does not count
    keys.add(`${cells[1]} ${cells[2]}`);
  }
  return keys;
}

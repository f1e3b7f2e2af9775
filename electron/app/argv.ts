/** Project files named on a command line (first launch, or a second instance forwarding its arguments). */
import { isAbsolute, resolve } from 'node:path';
import { PROJECT_EXTENSION } from '../project/file-format';

/**
 * Absolute paths of `.rackplane` arguments. Skips the executable (and, unpackaged, the app path Electron
 * is started with), switches such as `--no-sandbox` or macOS's `-psn_…`, and anything else.
 */
export function projectPathsFromArgv(argv: readonly string[], cwd: string, isPackaged: boolean): string[] {
  const args = argv.slice(isPackaged ? 1 : 2);
  const out: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(PROJECT_EXTENSION)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

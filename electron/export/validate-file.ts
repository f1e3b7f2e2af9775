/**
 * The worker half of validate-job.ts: a design file read as the CLI reads it (design-files.ts readDesign) and
 * validated with every rule. Diagnostics go back as plain data, without quick-fixes (an export marks problems and
 * lists them; it applies no fix), so the reply is cheap to copy between threads. Never throws.
 */
import { readDesign } from '../cli/design-files';
import type { CliIo } from '../cli/io';
import { ALL_RULES, validateDesign } from '../../shared/validate';
import { describeError } from '../util/messages';
import type { ValidateReply } from './validate-job';

/** The CLI's io for a file path: nothing is read from standard input or printed. */
const SILENT: CliIo = { stdout: () => undefined, stderr: () => undefined, readStdin: () => Buffer.alloc(0) };

export function validateFile(path: string): ValidateReply {
  try {
    const { design } = readDesign(path, SILENT);
    const diagnostics = validateDesign(design, ALL_RULES).diagnostics.map(({ rule, severity, message, elements, links }) => ({ rule, severity, message, elements, links }));
    return { type: 'validated', diagnostics };
  } catch (e) {
    return { type: 'error', message: describeError(e) };
  }
}

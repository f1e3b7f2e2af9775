/** Reading a command's input file (or standard input for `-`) as text, with one-line reasons on failure. */
import { readFileSync, statSync } from 'node:fs';
import { describeError, quoteName } from '../../util/messages';
import { STDIO } from '../design-files';
import { CliError, type CliIo } from '../io';

/** How messages name an input: `“file.json”` or `standard input`. */
export const inputLabel = (path: string): string => (path === STDIO ? 'standard input' : quoteName(path));

/** The whole input as UTF-8 text; refuses folders, unreadable and empty inputs. `what` names the expected content. */
export function readTextInput(path: string, io: CliIo, what: string): string {
  let bytes: Buffer;
  try {
    if (path !== STDIO && statSync(path).isDirectory()) throw new CliError(`${quoteName(path)} is a folder, not ${what}`);
    bytes = path === STDIO ? io.readStdin() : readFileSync(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${inputLabel(path)}: ${describeError(e)}`);
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new CliError(`${inputLabel(path)} is empty: it is not ${what}`);
  return text;
}

/** Parsed JSON of an input, or a CliError naming the input and the parser's reason. */
export function readJsonInput(path: string, io: CliIo, what: string): unknown {
  const text = readTextInput(path, io, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${inputLabel(path)}: not valid JSON (${describeError(e)}): it is not ${what}`);
  }
}

/**
 * Text from files (names, port names, ids, parser messages quoting the input) shown in a message: every control
 * character is written as a visible escape, so a name holding ESC[2J cannot clear a terminal and a newline cannot
 * split a one-line message. The CLI's output and the renderer's status bar, toasts and reports all pass through here.
 */

// C0 and C1 controls and DEL; the Unicode line and paragraph separators (a line break to many terminals and
// editors); and the bidirectional marks, embeddings, overrides and isolates, which reorder what a reader sees.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with each control character as a visible escape (`\n`, `\t`, `\x1b`, `\u202e`); other characters unchanged. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** The default length of a message line: enough for a reason and the names in it, not a screenful of file content. */
export const MESSAGE_MAX = 400;

/** One printable line of at most `max` characters (an ellipsis marks a cut): controls escaped, ends trimmed. */
export function printableLine(text: string, max = MESSAGE_MAX): string {
  // Escapes are applied to at most what can be shown, so a huge quoted input costs no more than a short one.
  const line = escapeControls(text.length > max * 2 ? text.slice(0, max * 2) : text).trim();
  return line.length > max ? `${cut(line, max - 1)}…` : line;
}

/** The first `n` UTF-16 units of `s`, one fewer when the cut would split a surrogate pair. */
function cut(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

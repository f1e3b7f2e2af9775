/**
 * Reading `lspci -tv` (or `-t`): the drawing ls-tree.c prints, where a root bus is `[dddd:bb]`, a function is
 * `dd.f` after its parent's connector (`-`, `+-`, `\-`), and a bridge is followed by its bus range `-[ss-ee]`.
 * The drawing gives what a capture may lack: which buses are root buses, and each bridge's secondary bus. One pass
 * over the characters; a child that starts a new line hangs from the branch (`+` or `\`) drawn in its column.
 */

import { MAX_LSPCI_CHARS } from './lspci-text';

/** One function the tree draws. */
export interface TreeFn {
  domain: number;
  bus: number;
  dev: number;
  fn: number;
  /** Secondary bus of a bridge (first number of its `[ss-ee]`); null for a function that is not a bridge. */
  secondary: number | null;
  /** The name after the function, when -v printed one. */
  name: string;
}

export interface LspciTree {
  /** Root buses as `domain * 256 + bus`. */
  rootBuses: Set<number>;
  fns: TreeFn[];
}

export type LspciTreeParse = { ok: true; tree: LspciTree } | { ok: false; reason: string };

/** A root bus `[0000:00]` or `[00]`, or a function `1c.0` with an optional bus range `-[02-05]`. */
const TOKEN = /\[(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2})\]|([0-9a-fA-F]{2})\.([0-7])(?:-\[([0-9a-fA-F]{2})(?:-[0-9a-fA-F]{2})?\])?/g;

/** Where children of a node hang: its domain and the bus its children sit on (a root bus, or a bridge's secondary bus). */
interface Parent {
  domain: number;
  bus: number | null;
}

/** The tree drawn by `lspci -tv`; a reason when the text draws nothing. */
export function parseLspciTree(input: string): LspciTreeParse {
  if (input.length > MAX_LSPCI_CHARS) return { ok: false, reason: `too large for an lspci -t tree: more than the ${MAX_LSPCI_CHARS / 2 ** 20} MiB Rackplane reads` };
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rootBuses = new Set<number>();
  const fns: TreeFn[] = [];
  // The parent whose branch is drawn at each column (`+` or `\` below it continues that parent's list of children).
  const branchOwner = new Map<number, Parent>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    let prev: Parent | null = null;
    let prevEnd = 0;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(line); m; m = TOKEN.exec(line)) {
      const between = line.slice(prevEnd, m.index);
      // Only connector characters may lie between tokens; anything else is a device name, which ends the drawing of this line.
      if (prev && !/^[-+\\|\s]*$/.test(between)) break;
      if (!prev && !/^[-+\\|\s]*$/.test(between)) break;
      // The branch character nearest the token decides: `+`/`\` drawn after the previous token on this line starts a
      // branch owned by it; at the start of a line it continues the branch owned by whoever drew that column.
      const branchAt = Math.max(between.lastIndexOf('+'), between.lastIndexOf('\\'));
      let parent: Parent | null = prev;
      if (branchAt >= 0) {
        const col = prevEnd + branchAt;
        if (prev) branchOwner.set(col, prev);
        else parent = branchOwner.get(col) ?? null;
      }
      if (m[2] !== undefined) {
        const domain = m[1] ? parseInt(m[1], 16) : 0;
        const bus = parseInt(m[2], 16);
        rootBuses.add(domain * 256 + bus);
        prev = { domain, bus };
      } else {
        if (!parent || parent.bus === null) return { ok: false, reason: `not an lspci -t tree: function ${m[3]}.${m[4]} is drawn under no bus` };
        const secondary = m[5] !== undefined ? parseInt(m[5], 16) : null;
        const after = line.slice(m.index + m[0].length);
        fns.push({ domain: parent.domain, bus: parent.bus, dev: parseInt(m[3]!, 16), fn: Number(m[4]), secondary, name: /^\s{2}\S/.test(after) ? after.trim() : '' });
        prev = { domain: parent.domain, bus: secondary };
      }
      prevEnd = m.index + m[0].length;
    }
  }
  if (rootBuses.size === 0) return { ok: false, reason: 'not an lspci -t tree: no root bus such as "-[0000:00]-" is drawn' };
  return { ok: true, tree: { rootBuses, fns } };
}

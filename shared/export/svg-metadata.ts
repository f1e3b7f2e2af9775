/**
 * Finding the design Rackplane embeds in an SVG (`<metadata><rackplane-design>…</rackplane-design></metadata>`).
 * One forward scan over the markup: comments, CDATA sections, processing instructions and the DOCTYPE are stepped
 * over whole, so a `<rackplane-design>` written inside a comment is not read, and every search starts where the last
 * ended, so an unclosed tag or section fails after one pass instead of a regex retrying from every position (a file
 * of 50,000 unclosed `<rackplane-design>` tags took 10 s that way). Not a validating parser: it only has to find one
 * element reliably in a file Rackplane wrote, or that an editor re-saved.
 */

/** Elements nested deeper than this are refused: a real SVG is a few dozen levels deep at most. */
export const MAX_SVG_DEPTH = 1000;

const DESIGN_TAG = 'rackplane-design';

export type EmbeddedDesign = { ok: true; json: string } | { ok: false; reason: string };

const NO_DESIGN = 'this SVG holds no Rackplane design: it was not exported by Rackplane, or an editor removed its metadata';
const NOT_SVG = 'not an SVG file: no <svg> element at its start';
const cutShort = (what: string) => `not a complete SVG file: ${what} is not closed (the file may be cut short)`;

/** The local part of a possibly prefixed XML name: an editor that re-saves the file may rename the prefix. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

const isNameEnd = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f /* / */ || c === 0x3e /* > */;

/** Index just past the `>` that closes the tag opened at `start`, skipping `>` inside quoted attribute values; -1 if none. */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i + 1;
  }
  return -1;
}

/** Index just past the `>` that closes `<!DOCTYPE …>`, stepping over its internal subset `[…]`; -1 if none. */
function declarationEnd(text: string, start: number): number {
  let depth = 0;
  let quote = 0;
  for (let i = start + 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x3e && depth <= 0) return i + 1;
  }
  return -1;
}

/** Index just past `close` searched from `from`, or -1. */
function pastClose(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

function tagName(text: string, from: number): string {
  let i = from;
  while (i < text.length && !isNameEnd(text.charCodeAt(i))) i++;
  return text.slice(from, i);
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data with its entity and character references decoded. */
function decodeText(s: string): string {
  if (!s.includes('&')) return s;
  // Bounded alternatives, so a long run after "&" is not retried at every position.
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** The character data of the design element whose start tag ends at `from`: CDATA as it is, text decoded. */
function designContent(text: string, from: number): EmbeddedDesign {
  const parts: string[] = [];
  let pos = from;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return { ok: false, reason: cutShort(`its <${DESIGN_TAG}> element`) };
    parts.push(decodeText(text.slice(pos, lt)));
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return { ok: false, reason: cutShort(`a CDATA section in its <${DESIGN_TAG}> element`) };
      parts.push(text.slice(lt + 9, end));
      pos = end + 3;
    } else if (text.startsWith('<!--', lt)) {
      pos = pastClose(text, lt + 4, '-->');
      if (pos < 0) return { ok: false, reason: cutShort(`a comment in its <${DESIGN_TAG}> element`) };
    } else if (text.startsWith('<?', lt)) {
      pos = pastClose(text, lt + 2, '?>');
      if (pos < 0) return { ok: false, reason: cutShort('a processing instruction') };
    } else if (text.startsWith('</', lt)) {
      const name = tagName(text, lt + 2);
      if (localName(name) !== DESIGN_TAG) return { ok: false, reason: `the Rackplane design in this SVG is damaged: <${DESIGN_TAG}> ends with </${name.slice(0, 40)}>` };
      return { ok: true, json: parts.join('') };
    } else {
      return { ok: false, reason: `the Rackplane design in this SVG is damaged: <${DESIGN_TAG}> holds an element <${tagName(text, lt + 1).slice(0, 40)}>` };
    }
  }
}

/** The JSON text of the design embedded in an SVG's <metadata>. Never throws; linear in the length of the text. */
export function findEmbeddedDesign(svgText: string): EmbeddedDesign {
  const text = svgText.charCodeAt(0) === 0xfeff ? svgText.slice(1) : svgText;
  // Local names of the open elements, outermost first.
  const open: string[] = [];
  let rootSeen = false;
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      pos = pastClose(text, lt + 4, '-->');
      if (pos < 0) return { ok: false, reason: rootSeen ? cutShort('a comment') : NOT_SVG };
    } else if (text.startsWith('<![CDATA[', lt)) {
      pos = pastClose(text, lt + 9, ']]>');
      if (pos < 0) return { ok: false, reason: cutShort('a CDATA section') };
    } else if (text.startsWith('<?', lt)) {
      pos = pastClose(text, lt + 2, '?>');
      if (pos < 0) return { ok: false, reason: rootSeen ? cutShort('a processing instruction') : NOT_SVG };
    } else if (text.startsWith('<!', lt)) {
      pos = declarationEnd(text, lt);
      if (pos < 0) return { ok: false, reason: rootSeen ? cutShort('a declaration') : NOT_SVG };
    } else if (text.startsWith('</', lt)) {
      pos = tagEnd(text, lt);
      if (pos < 0) return { ok: false, reason: cutShort('an end tag') };
      open.pop();
    } else {
      const end = tagEnd(text, lt);
      const name = localName(tagName(text, lt + 1));
      if (!rootSeen) {
        // The first element is the root: anything but <svg> is another kind of file.
        if (name !== 'svg') return { ok: false, reason: NOT_SVG };
        rootSeen = true;
      }
      if (end < 0) return { ok: false, reason: cutShort(`a <${name.slice(0, 40)}> tag`) };
      const selfClosing = text.charCodeAt(end - 2) === 0x2f;
      if (name === DESIGN_TAG && open[open.length - 1] === 'metadata') {
        return selfClosing ? { ok: true, json: '' } : designContent(text, end);
      }
      if (!selfClosing) {
        open.push(name);
        if (open.length > MAX_SVG_DEPTH) return { ok: false, reason: `not a usable SVG file: its elements are nested more than ${MAX_SVG_DEPTH} deep` };
      }
      pos = end;
    }
  }
  return { ok: false, reason: rootSeen ? NO_DESIGN : NOT_SVG };
}

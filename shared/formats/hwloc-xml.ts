/**
 * Reading hwloc's XML export (lstopo `-.xml`, formats 1.x, 2.0 and 3.0) into a plain object tree. This
 * layer knows XML and hwloc's document shape only; what the objects mean for a design is decided in
 * hwloc-tree.ts and hwloc-design.ts.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One `<object>` of the topology: its type, attributes, `<info>` pairs and child objects, in document order. */
export interface HwlocObject {
  type: string;
  attrs: Readonly<Record<string, string>>;
  infos: Readonly<Record<string, string>>;
  children: HwlocObject[];
}

export interface HwlocDocument {
  /** `version` attribute of `<topology>` ("2.0", "3.0"); "1.x" when absent (hwloc 1.x wrote none). */
  format: string;
  major: 1 | 2 | 3;
  /** Top-level objects (normally one Machine). */
  roots: HwlocObject[];
  /** `<info>` pairs of `<topology>` itself: format 3.0 moved the machine-wide ones (HostName, OS, …) there. */
  infos: Readonly<Record<string, string>>;
}

export type ParseResult = { ok: true; doc: HwlocDocument } | { ok: false; reason: string };

const ATTR = '@_';
/** Deeper nesting than any real topology (hwloc trees are < 30 levels): refuse rather than recurse without bound. */
export const MAX_DEPTH = 200;
/**
 * Larger than any real export: lstopo --whole-io of a 4-socket, 768-thread server with every VF enabled is a few
 * MiB and some 20,000 objects. A bigger file is refused before it is parsed rather than holding the window for seconds.
 */
export const MAX_XML_CHARS = 64 * 2 ** 20;
export const MAX_OBJECTS = 250_000;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

function attrsOf(raw: Raw): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(ATTR) && (typeof v === 'string' || typeof v === 'number')) out[k.slice(ATTR.length)] = String(v);
  }
  return out;
}

function listOf(raw: Raw, key: string): Raw[] {
  const v = raw[key];
  if (v === undefined) return [];
  // An element with neither attributes nor children parses to "" rather than an object.
  const items = Array.isArray(v) ? v : [v];
  return items.map((x) => (isRaw(x) ? x : {}));
}

function infosOf(raw: Raw): Record<string, string> {
  const infos: Record<string, string> = {};
  for (const info of listOf(raw, 'info')) {
    const a = attrsOf(info);
    if (a.name !== undefined && a.value !== undefined) infos[a.name] = a.value;
  }
  return infos;
}

/** Thrown by convert when a document has more objects than MAX_OBJECTS. */
class TooManyObjects extends Error {}

function convert(raw: Raw, depth: number, count: { n: number }): HwlocObject {
  if (depth > MAX_DEPTH) throw new RangeError(`objects nested deeper than ${MAX_DEPTH} levels`);
  if (++count.n > MAX_OBJECTS) throw new TooManyObjects();
  const attrs = attrsOf(raw);
  return {
    type: attrs.type ?? '',
    attrs,
    infos: infosOf(raw),
    children: listOf(raw, 'object').map((c) => convert(c, depth + 1, count)),
  };
}

/** Parses hwloc XML text. Never throws: malformed XML and documents that are not hwloc topologies get a one-line reason. */
export function parseHwlocXml(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: false, reason: 'expected hwloc XML text' };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, reason: 'the file is empty; expected an hwloc XML topology (lstopo file.xml)' };
  if (body.length > MAX_XML_CHARS) {
    return { ok: false, reason: `too large for an hwloc topology: ${(body.length / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_XML_CHARS / 2 ** 20} MiB Rackplane reads` };
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const where = col !== undefined ? `line ${line}, column ${col}` : `line ${line}`;
    return { ok: false, reason: `not well-formed XML (${where}): ${oneLine(msg)}` };
  }
  let parsed: unknown;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: ATTR,
      parseAttributeValue: false,
      parseTagValue: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      isArray: (name) => name === 'object' || name === 'info',
      maxNestedTags: MAX_DEPTH,
    });
    parsed = parser.parse(body);
  } catch (err) {
    const msg = oneLine(err instanceof Error ? err.message : String(err));
    if (/nested tags/i.test(msg)) return { ok: false, reason: `not an hwloc topology: elements are nested more than ${MAX_DEPTH} deep` };
    return { ok: false, reason: `not readable XML: ${msg}` };
  }
  if (!isRaw(parsed)) return { ok: false, reason: 'not an hwloc topology: the document has no root element' };
  const rootNames = Object.keys(parsed).filter((k) => !k.startsWith('?') && !k.startsWith('!') && k !== '#text');
  if (rootNames.includes('topologydiff')) return { ok: false, reason: 'this is an hwloc topology diff (hwloc-diff), not a topology; export the machine with lstopo instead' };
  if (!rootNames.includes('topology')) {
    const found = rootNames[0] ? `<${rootNames[0]}>` : 'no element';
    return { ok: false, reason: `not an hwloc topology: the root element is ${found}, expected <topology> (export one with lstopo file.xml)` };
  }
  const top = isRaw(parsed.topology) ? parsed.topology : {};
  const version = attrsOf(top).version;
  let major: 1 | 2 | 3;
  if (version === undefined) major = 1;
  else {
    const m = /^(\d+)\.\d+$/.exec(version.trim());
    const n = m ? Number(m[1]) : NaN;
    if (n === 1 || n === 2 || n === 3) major = n;
    else return { ok: false, reason: `hwloc XML format "${oneLine(version).slice(0, 20)}" is not supported (this importer reads formats 1.x, 2.0 and 3.0)` };
  }
  try {
    const count = { n: 0 };
    const roots = listOf(top, 'object').map((o) => convert(o, 0, count));
    if (roots.length === 0) return { ok: false, reason: 'the hwloc topology is empty: it has no <object> elements' };
    return { ok: true, doc: { format: version ?? '1.x', major, roots, infos: infosOf(top) } };
  } catch (err) {
    if (err instanceof TooManyObjects) return { ok: false, reason: `too large for an hwloc topology: more than ${MAX_OBJECTS.toLocaleString('en-US')} objects` };
    return { ok: false, reason: `the hwloc topology cannot be read: ${oneLine(err instanceof Error ? err.message : String(err))}` };
  }
}

/** Every object below `obj` (not `obj` itself), depth first in document order. */
export function* descendants(obj: HwlocObject): Generator<HwlocObject> {
  const stack = [...obj.children].reverse();
  while (stack.length) {
    const cur = stack.pop()!;
    yield cur;
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]!);
  }
}

/** Numeric attribute, or null when absent or not a finite number. */
export function numAttr(obj: HwlocObject, name: string): number | null {
  const v = obj.attrs[name];
  if (v === undefined) return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
}

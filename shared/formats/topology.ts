/**
 * Topology as code: the versioned JSON form of a design. Elements and links are sorted by id and keys
 * are in canonical order, so export → import → export is byte-identical.
 */
import { elementSchema, type Element } from '../model/elements';
import { linkSchema, type Link } from '../model/links';
import { designMetaSchema, checkIntegrity, type Design } from '../model/design';
import { CURRENT_DOCUMENT_VERSION, migrateDocument, type RawDocument } from '../model/migrations';
import { defaultProps } from '../model/defaults';
import { stableStringify } from './stable-json';
import type { ZodError } from 'zod';

export const TOPOLOGY_FORMAT = 'rackplane-topology';

/** The plain-JSON form of a design at the current version. */
export function designToDocument(d: Design): RawDocument & { format: string; version: number } {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: TOPOLOGY_FORMAT,
    version: CURRENT_DOCUMENT_VERSION,
    meta: d.meta,
    elements: Object.values(d.elements).sort(byId),
    links: Object.values(d.links).sort(byId),
  };
}

/** Topology JSON text of a design (stable; ends with a newline). */
export function exportTopologyJson(d: Design): string {
  return stableStringify(designToDocument(d));
}

export type LoadResult =
  | { ok: true; design: Design; repairs: string[]; migrations: string[] }
  | { ok: false; reason: string };

/** Options an enum message lists before it points to the docs (an 18-value list would not fit one readable line). */
const LISTED_OPTIONS = 6;

function describeZod(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return 'invalid value';
  const path = first.path.length ? first.path.join('.') : '(root)';
  if (first.code === 'invalid_value' && first.values.length > LISTED_OPTIONS) {
    const shown = first.values.slice(0, LISTED_OPTIONS).map((v) => JSON.stringify(v)).join(', ');
    return `${path}: not an allowed value; expected one of ${first.values.length} values (${shown}, …: see docs/topology.md)`;
  }
  return `${path}: ${first.message}`;
}

const META_DEFAULTS = { name: 'Untitled design', description: '', revision: 0 };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Turns an untrusted plain-JSON document (any supported version) into a design. Never throws: returns a
 * reason when the document cannot be used, and lists what it repaired (defaults filled, duplicate ids
 * renumbered, dangling links dropped) when it can.
 */
export function loadDocument(raw: unknown, opts: { expectFormat?: boolean } = {}): LoadResult {
  if (!isObject(raw)) return { ok: false, reason: 'not a Rackplane topology: expected a JSON object' };
  if (opts.expectFormat !== false && raw.format !== TOPOLOGY_FORMAT) {
    return { ok: false, reason: `not a Rackplane topology: "format" must be "${TOPOLOGY_FORMAT}"` };
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'not a Rackplane topology: "version" must be a positive integer' };
  }
  if (version > CURRENT_DOCUMENT_VERSION) {
    return {
      ok: false,
      reason: `written by a newer Rackplane (document version ${version}; this build reads up to ${CURRENT_DOCUMENT_VERSION}): update Rackplane to open it`,
    };
  }
  if (!Array.isArray(raw.elements) || !Array.isArray(raw.links)) {
    return { ok: false, reason: 'not a Rackplane topology: "elements" and "links" must be arrays' };
  }
  const { doc, applied } = migrateDocument(raw as RawDocument, version);
  return parseCurrent(doc, applied);
}

function parseCurrent(doc: RawDocument, migrations: string[]): LoadResult {
  const repairs: string[] = [];
  const rawMeta = isObject(doc.meta) ? doc.meta : {};
  const metaParsed = designMetaSchema.safeParse({ ...META_DEFAULTS, ...rawMeta });
  if (!metaParsed.success) return { ok: false, reason: `design metadata: ${describeZod(metaParsed.error)}` };
  const missingMeta = Object.keys(META_DEFAULTS).filter((k) => !Object.hasOwn(rawMeta, k));
  if (missingMeta.length) repairs.push(`design metadata: filled missing ${missingMeta.join(', ')} with defaults`);

  const elements: Record<string, Element> = {};
  for (const [i, rawEl] of doc.elements.entries()) {
    const parsed = parseElement(rawEl, repairs);
    if (!parsed.ok) return { ok: false, reason: `element #${i + 1}${idHint(rawEl)}: ${parsed.reason}` };
    let el = parsed.element;
    if (Object.hasOwn(elements, el.id)) {
      const fresh = uniqueId(el.id, elements);
      repairs.push(`duplicate element id ${el.id} renamed to ${fresh}`);
      el = { ...el, id: fresh as Element['id'] };
    }
    elements[el.id] = el;
  }

  const links: Record<string, Link> = {};
  for (const [i, rawLink] of doc.links.entries()) {
    const parsed = linkSchema.safeParse(rawLink);
    if (!parsed.success) return { ok: false, reason: `link #${i + 1}${idHint(rawLink)}: ${describeZod(parsed.error)}` };
    let link = parsed.data;
    if (Object.hasOwn(links, link.id)) {
      const fresh = uniqueId(link.id, links);
      repairs.push(`duplicate link id ${link.id} renamed to ${fresh}`);
      link = { ...link, id: fresh as Link['id'] };
    }
    links[link.id] = link;
  }

  const design: Design = { meta: metaParsed.data, elements, links };
  return { ok: true, design: repairStructure(design, repairs), repairs, migrations };
}

/** Parses one element; fills fields missing from an older or hand-written file with the kind's defaults. */
function parseElement(raw: unknown, repairs: string[]): { ok: true; element: Element } | { ok: false; reason: string } {
  const first = elementSchema.safeParse(raw);
  if (first.success) return { ok: true, element: first.data as Element };
  if (!isObject(raw) || typeof raw.kind !== 'string') return { ok: false, reason: describeZod(first.error) };
  const kind = raw.kind as Element['kind'];
  let defaults: Record<string, unknown>;
  try {
    defaults = { parent: null, x: 0, y: 0, notes: '', name: String(raw.id ?? ''), ...defaultProps(kind) };
  } catch {
    return { ok: false, reason: `unknown element kind "${raw.kind}"` };
  }
  const missing = Object.keys(defaults).filter((k) => !Object.hasOwn(raw, k));
  if (missing.length === 0) return { ok: false, reason: describeZod(first.error) };
  const second = elementSchema.safeParse({ ...defaults, ...raw });
  if (!second.success) return { ok: false, reason: describeZod(second.error) };
  repairs.push(`${second.data.id}: filled missing ${missing.join(', ')} with defaults`);
  return { ok: true, element: second.data as Element };
}

/** Drops links that point at missing elements or ports and detaches misplaced children; records each repair. */
function repairStructure(d: Design, repairs: string[]): Design {
  const issues = checkIntegrity(d);
  if (issues.length === 0) return d;
  const elements = { ...d.elements } as Record<string, Element>;
  const links = { ...d.links } as Record<string, Link>;
  for (const issue of issues) {
    if (issue.kind === 'dangling-link' || issue.kind === 'missing-port') {
      if (Object.hasOwn(links, issue.id)) {
        delete links[issue.id];
        repairs.push(`dropped link: ${issue.message}`);
      }
    } else {
      const el = elements[issue.id]!;
      elements[issue.id] = { ...el, parent: null } as Element;
      repairs.push(`moved to top level: ${issue.message}`);
    }
  }
  return { ...d, elements, links };
}

// Ids are at most 128 characters (ids.ts): the base is shortened so that the suffixed id stays loadable.
const MAX_ID_LENGTH = 128;

function uniqueId(id: string, taken: Record<string, unknown>): string {
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = id.slice(0, MAX_ID_LENGTH - suffix.length) + suffix;
    if (!Object.hasOwn(taken, candidate)) return candidate;
  }
}

function idHint(raw: unknown): string {
  return isObject(raw) && typeof raw.id === 'string' ? ` (${raw.id.slice(0, 64)})` : '';
}

/** Parses topology JSON text. Never throws. */
export function importTopologyJson(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // The parser quotes the offending text, which may hold newlines or control characters: keep one line.
    const detail = [...(e as Error).message]
      .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c))
      .join('')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    return { ok: false, reason: `not valid JSON: ${detail}` };
  }
  return loadDocument(raw);
}

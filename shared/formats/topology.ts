/**
 * Topology as code: the versioned JSON form of a design. Elements and links are sorted by id and keys
 * are in canonical order, so export → import → export is byte-identical.
 */
import { elementSchema, type Element } from '../model/elements';
import { linkSchema, type Link } from '../model/links';
import { designMetaSchema, checkIntegrity, type Design } from '../model/design';
import { CURRENT_DOCUMENT_VERSION, migrateDocument, type RawDocument } from '../model/migrations';
import { defaultProps } from '../model/defaults';
import { printableLine } from '../text/printable';
import { RepairLog } from './repair-log';
import { stableJsonChunks, stableStringify } from './stable-json';
import type { ZodError } from 'zod';
import type { Scenario } from '../sim/simulate';
import { scenarioFromJson, scenarioToFile } from './scenarios';

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

/**
 * Topology JSON text of a design (stable; ends with a newline). With `scenarios` (the design's stored simulation
 * scenarios), the document carries them in its `scenarios` array, in the scenario file's form (docs/scenarios.md).
 */
export function exportTopologyJson(d: Design, opts: { scenarios?: readonly Scenario[] } = {}): string {
  return stableStringify(exportedDocument(d, opts));
}

/**
 * `exportTopologyJson` in pieces (each run of about a thousand records is one), for writing a large design to a
 * file or a pipe without building its JSON as one string: joined, the pieces are exactly `exportTopologyJson`'s text.
 */
export function exportTopologyJsonChunks(d: Design, opts: { scenarios?: readonly Scenario[] } = {}): Iterable<string> {
  return stableJsonChunks(exportedDocument(d, opts));
}

function exportedDocument(d: Design, opts: { scenarios?: readonly Scenario[] }): object {
  const doc = designToDocument(d);
  return opts.scenarios?.length ? { ...doc, scenarios: opts.scenarios.map(scenarioToFile) } : doc;
}

export type LoadResult =
  | { ok: true; design: Design; repairs: string[]; migrations: string[]; /** The document's `scenarios`, when it has any. */ scenarios?: Scenario[] }
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

/**
 * The most elements and links a document may hold: well above the largest designs the app draws (a 2,000-host fabric
 * has about 60,000 records), low enough that a runaway file is refused in its first milliseconds instead of filling
 * memory. A million VMs loads (see test/bench/import.bench.ts for how long it takes).
 */
export const MAX_ELEMENTS = 2_000_000;
export const MAX_LINKS = 4_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Turns an untrusted plain-JSON document (any supported version) into a design. Never throws: returns a
 * reason when the document cannot be used, and lists what it repaired (defaults filled, duplicate ids
 * renumbered, dangling links dropped) when it can.
 */
export function loadDocument(raw: unknown, opts: { expectFormat?: boolean } = {}): LoadResult {
  return loadAndEscape(raw, { ...opts, consume: false });
}

interface LoadOptions {
  expectFormat?: boolean;
  /**
   * The caller hands over `raw` (importTopologyJson's own parse): each record is released once parsed, so the raw
   * and the parsed copies of a million elements are not both alive at the peak.
   */
  consume: boolean;
}

function loadAndEscape(raw: unknown, opts: LoadOptions): LoadResult {
  const scenarios = isObject(raw) ? raw.scenarios : undefined;
  const r = loadUnchecked(raw, opts);
  // Reasons quote ids, kinds and values from the file: escaped here, a reason is one line whatever the file holds.
  if (!r.ok) return { ok: false, reason: printableLine(r.reason, 1000) };
  return scenarios === undefined ? r : withScenarios(r, scenarios);
}

/**
 * The document's `scenarios` (optional): each one checked as a scenario file's; a bad one is dropped with a repair
 * naming the field, so a typo in a scenario never keeps the design from opening.
 */
function withScenarios(r: Extract<LoadResult, { ok: true }>, raw: unknown): LoadResult {
  if (!Array.isArray(raw)) return { ...r, repairs: [...r.repairs, 'dropped "scenarios": expected an array'] };
  const repairs = [...r.repairs];
  const scenarios: Scenario[] = [];
  const names = new Set<string>();
  raw.forEach((one: unknown, i) => {
    const p = scenarioFromJson(one, ['scenarios', i]);
    if (!p.ok) repairs.push(`dropped scenario #${i + 1}: ${printableLine(p.reason, 300)}`);
    else if (names.has(p.scenario.name)) repairs.push(`dropped a second scenario named “${printableLine(p.scenario.name, 200)}”`);
    else {
      names.add(p.scenario.name);
      scenarios.push(p.scenario);
    }
  });
  return { ...r, repairs, scenarios };
}

function loadUnchecked(raw: unknown, opts: LoadOptions): LoadResult {
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
  if (raw.elements.length > MAX_ELEMENTS || raw.links.length > MAX_LINKS) {
    const [what, n, max] = raw.elements.length > MAX_ELEMENTS ? ['elements', raw.elements.length, MAX_ELEMENTS] : ['links', raw.links.length, MAX_LINKS];
    return { ok: false, reason: `too large: ${n.toLocaleString('en-US')} ${what}, more than the ${max.toLocaleString('en-US')} Rackplane loads` };
  }
  const { doc, applied } = migrateDocument(raw as RawDocument, version);
  // Migrations copy the records they change: the originals are no longer needed when the caller handed them over.
  if (opts.consume && doc.elements !== raw.elements) raw.elements = [];
  // An array a migration made afresh is the loader's own to release as it goes.
  return parseCurrent(doc, applied, { elements: opts.consume || doc.elements !== raw.elements, links: opts.consume || doc.links !== raw.links });
}

function parseCurrent(doc: RawDocument, migrations: string[], release: { elements: boolean; links: boolean }): LoadResult {
  const repairs = new RepairLog();
  const rawMeta = isObject(doc.meta) ? doc.meta : {};
  const metaParsed = designMetaSchema.safeParse({ ...META_DEFAULTS, ...rawMeta });
  if (!metaParsed.success) return { ok: false, reason: `design metadata: ${describeZod(metaParsed.error)}` };
  const missingMeta = Object.keys(META_DEFAULTS).filter((k) => !Object.hasOwn(rawMeta, k));
  if (missingMeta.length) repairs.add('meta', 'design metadata filled', () => `design metadata: filled missing ${missingMeta.join(', ')} with defaults`);

  const elements: Record<string, Element> = {};
  // The records in file order as well: reading them back out of a record of a million keys is slow (checkIntegrity).
  const elementList: Element[] = [];
  const elementSuffixes = new Map<string, number>();
  for (let i = 0; i < doc.elements.length; i++) {
    const rawEl = doc.elements[i];
    if (release.elements) doc.elements[i] = null;
    const parsed = parseElement(rawEl, repairs);
    if (!parsed.ok) return { ok: false, reason: `element #${i + 1}${idHint(rawEl)}: ${parsed.reason}` };
    let el = parsed.element;
    if (Object.hasOwn(elements, el.id)) {
      const from = el.id;
      const fresh = uniqueId(from, elements, elementSuffixes);
      repairs.add('duplicate-element', 'duplicate element ids renamed', () => `duplicate element id ${from} renamed to ${fresh}`);
      el = { ...el, id: fresh as Element['id'] };
    }
    elements[el.id] = el;
    elementList.push(el);
  }

  const links: Record<string, Link> = {};
  const linkList: Link[] = [];
  const linkSuffixes = new Map<string, number>();
  for (let i = 0; i < doc.links.length; i++) {
    const rawLink = doc.links[i];
    if (release.links) doc.links[i] = null;
    const parsed = linkSchema.safeParse(rawLink);
    if (!parsed.success) return { ok: false, reason: `link #${i + 1}${idHint(rawLink)}: ${describeZod(parsed.error)}` };
    let link = parsed.data;
    if (Object.hasOwn(links, link.id)) {
      const from = link.id;
      const fresh = uniqueId(from, links, linkSuffixes);
      repairs.add('duplicate-link', 'duplicate link ids renamed', () => `duplicate link id ${from} renamed to ${fresh}`);
      link = { ...link, id: fresh as Link['id'] };
    }
    links[link.id] = link;
    linkList.push(link);
  }

  const design: Design = { meta: metaParsed.data, elements, links };
  const repaired = repairStructure(design, { elements: elementList, links: linkList }, repairs);
  return { ok: true, design: repaired, repairs: repairs.list(), migrations };
}

/** The fields every element has besides id and kind, and the kind's own: what a file may leave out and get defaults for. */
const fieldsOfKind = new Map<string, readonly string[]>();

function defaultsOf(kind: Element['kind'], id: unknown): Record<string, unknown> {
  return { parent: null, x: 0, y: 0, notes: '', name: String(id ?? ''), ...defaultProps(kind) };
}

/** Parses one element; fills fields missing from an older or hand-written file with the kind's defaults. */
function parseElement(raw: unknown, repairs: RepairLog): { ok: true; element: Element } | { ok: false; reason: string } {
  // The missing fields are found before parsing, so an element that needs defaults is parsed once, not failed
  // first: a failed parse builds an error with every issue, which made a million incomplete VMs cost 30 s.
  let missing: string[] = [];
  let kind: Element['kind'] | null = null;
  if (isObject(raw) && typeof raw.kind === 'string') {
    kind = raw.kind as Element['kind'];
    let fields = fieldsOfKind.get(kind);
    if (!fields) {
      try {
        fields = Object.keys(defaultsOf(kind, ''));
      } catch {
        return { ok: false, reason: `unknown element kind "${printableKind(raw.kind)}"` };
      }
      fieldsOfKind.set(kind, fields);
    }
    missing = fields.filter((k) => !Object.hasOwn(raw, k));
  }
  if (missing.length === 0 || kind === null) {
    const parsed = elementSchema.safeParse(raw);
    return parsed.success ? { ok: true, element: parsed.data as Element } : { ok: false, reason: describeZod(parsed.error) };
  }
  const filled = elementSchema.safeParse({ ...defaultsOf(kind, (raw as Record<string, unknown>).id), ...(raw as Record<string, unknown>) });
  if (!filled.success) return { ok: false, reason: describeZod(filled.error) };
  const id = filled.data.id;
  repairs.add('filled', 'elements had missing fields filled with defaults', () => `${id}: filled missing ${missing.join(', ')} with defaults`);
  return { ok: true, element: filled.data as Element };
}

/** An unknown kind as a message quotes it: short, whatever the file holds. */
const printableKind = (kind: string) => (kind.length > 40 ? `${kind.slice(0, 39)}…` : kind);

/** Drops links that point at missing elements or ports and detaches misplaced children; records each repair. */
function repairStructure(d: Design, records: { elements: Element[]; links: Link[] }, repairs: RepairLog): Design {
  const issues = checkIntegrity(d, records);
  if (issues.length === 0) return d;
  // The records were built by this load and nothing else holds them yet: repaired in place, not copied.
  const elements = d.elements as Record<string, Element>;
  const links = d.links as Record<string, Link>;
  for (const issue of issues) {
    if (issue.kind === 'dangling-link' || issue.kind === 'missing-port') {
      if (Object.hasOwn(links, issue.id)) {
        delete links[issue.id];
        repairs.add('dropped-link', 'links to missing elements or ports dropped', () => `dropped link: ${issue.message}`);
      }
    } else {
      const el = elements[issue.id]!;
      elements[issue.id] = { ...el, parent: null } as Element;
      repairs.add('moved', 'elements moved to the top level', () => `moved to top level: ${issue.message}`);
    }
  }
  return { ...d, elements, links };
}

// Ids are at most 128 characters (ids.ts): the base is shortened so that the suffixed id stays loadable.
const MAX_ID_LENGTH = 128;

/**
 * `id-2`, `id-3`, … : the first not taken. `next` remembers where each id's search stopped: nothing is ever removed
 * from `taken`, so every suffix below that is still taken, and 50,000 copies of one id cost 50,000 steps, not 50,000².
 */
function uniqueId(id: string, taken: Record<string, unknown>, next: Map<string, number>): string {
  for (let n = next.get(id) ?? 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = id.slice(0, MAX_ID_LENGTH - suffix.length) + suffix;
    if (!Object.hasOwn(taken, candidate)) {
      next.set(id, n + 1);
      return candidate;
    }
  }
}

function idHint(raw: unknown): string {
  return isObject(raw) && typeof raw.id === 'string' ? ` (${raw.id.slice(0, 64)})` : '';
}

/** Parses topology JSON text. Never throws. */
export function importTopologyJson(text: string): LoadResult {
  let raw: unknown;
  try {
    // A byte-order mark is how some Windows editors save UTF-8; JSON.parse would refuse it.
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // The parser quotes the offending text, which may hold newlines or control characters: keep one line.
    const detail = [...(e as Error).message]
      .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c))
      .join('')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    return { ok: false, reason: `not valid JSON: ${detail}` };
  }
  return loadAndEscape(raw, { consume: true });
}

/**
 * A structural check of SARIF 2.1.0 logs for tests, written from the OASIS schema (sarif-schema-2.1.0.json) for
 * the objects Rackplane emits: required properties, enumerations, integer ranges, and the schema's
 * `additionalProperties: false` (an unknown key makes a log invalid, so consumers such as GitHub reject it).
 * The full schema cannot be fetched here; this covers every object type the report produces. Test-only.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Shape {
  required?: string[];
  /** Allowed keys and how to check each value. */
  keys: Record<string, (v: unknown, path: string, out: string[]) => void>;
}

function check(v: unknown, shape: Shape, path: string, out: string[]): void {
  if (!isObject(v)) {
    out.push(`${path}: must be an object`);
    return;
  }
  for (const k of shape.required ?? []) if (!(k in v)) out.push(`${path}: missing required "${k}"`);
  for (const [k, val] of Object.entries(v)) {
    const sub = shape.keys[k];
    if (!sub) out.push(`${path}: property "${k}" is not allowed`);
    else sub(val, `${path}.${k}`, out);
  }
}

const obj = (shape: () => Shape) => (v: unknown, path: string, out: string[]) => check(v, shape(), path, out);
const str = (v: unknown, path: string, out: string[]) => void (typeof v !== 'string' && out.push(`${path}: must be a string`));
const int = (min: number) => (v: unknown, path: string, out: string[]) => void ((!Number.isInteger(v) || (v as number) < min) && out.push(`${path}: must be an integer ≥ ${min}`));
const oneOf = (values: readonly string[]) => (v: unknown, path: string, out: string[]) => void (!values.includes(v as string) && out.push(`${path}: must be one of ${values.join(', ')}`));
const bool = (v: unknown, path: string, out: string[]) => void (typeof v !== 'boolean' && out.push(`${path}: must be a boolean`));
/** An array whose items are unique (the schema's `uniqueItems`) and each pass `item`. */
const list =
  (item: (v: unknown, path: string, out: string[]) => void, opts: { unique?: boolean; min?: number } = {}) =>
  (v: unknown, path: string, out: string[]) => {
    if (!Array.isArray(v)) return void out.push(`${path}: must be an array`);
    if (opts.min !== undefined && v.length < opts.min) out.push(`${path}: needs at least ${opts.min} item(s)`);
    if (opts.unique && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) out.push(`${path}: items must be unique`);
    v.forEach((x, i) => item(x, `${path}[${i}]`, out));
  };
/** A property bag: any keys; `tags`, when present, unique strings. */
const propertyBag = (v: unknown, path: string, out: string[]) => {
  if (!isObject(v)) return void out.push(`${path}: must be an object`);
  if ('tags' in v) list(str, { unique: true })(v.tags, `${path}.tags`, out);
};
const stringMap = (v: unknown, path: string, out: string[]) => {
  if (!isObject(v)) return void out.push(`${path}: must be an object`);
  for (const [k, x] of Object.entries(v)) str(x, `${path}.${k}`, out);
};
/** RFC 3986 URI reference: no spaces or backslashes, percent signs only as escapes. */
const uriReference = (v: unknown, path: string, out: string[]) => {
  if (typeof v !== 'string' || /[\s\\<>"{}|^`]/.test(v) || /%(?![0-9A-Fa-f]{2})/.test(v)) out.push(`${path}: must be a URI reference`);
};

const LEVELS = ['none', 'note', 'warning', 'error'] as const;
const message: () => Shape = () => ({ keys: { text: str, markdown: str, id: str, arguments: list(str), properties: propertyBag } });
const multiformat: () => Shape = () => ({ required: ['text'], keys: { text: str, markdown: str, properties: propertyBag } });
const artifactLocation: () => Shape = () => ({ keys: { uri: uriReference, uriBaseId: str, index: int(-1), description: obj(message), properties: propertyBag } });
const logicalLocation: () => Shape = () => ({ keys: { name: str, index: int(-1), fullyQualifiedName: str, decoratedName: str, parentIndex: int(-1), kind: str, properties: propertyBag } });
const physicalLocation: () => Shape = () => ({ keys: { address: propertyBag, artifactLocation: obj(artifactLocation), region: propertyBag, contextRegion: propertyBag, properties: propertyBag } });
const location: () => Shape = () => ({
  keys: {
    id: int(-1),
    physicalLocation: obj(physicalLocation),
    logicalLocations: list(obj(logicalLocation), { unique: true }),
    message: obj(message),
    annotations: list(propertyBag, { unique: true }),
    relationships: list(propertyBag, { unique: true }),
    properties: propertyBag,
  },
});
const result: () => Shape = () => ({
  required: ['message'],
  keys: {
    ruleId: str,
    ruleIndex: int(-1),
    rule: propertyBag,
    kind: oneOf(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']),
    level: oneOf(LEVELS),
    message: obj(message),
    locations: list(obj(location)),
    relatedLocations: list(obj(location), { unique: true }),
    partialFingerprints: stringMap,
    fingerprints: stringMap,
    fixes: list(propertyBag, { unique: true }),
    properties: propertyBag,
  },
});
const reportingDescriptor: () => Shape = () => ({
  required: ['id'],
  keys: {
    id: str,
    deprecatedIds: list(str, { unique: true }),
    guid: str,
    name: str,
    shortDescription: obj(multiformat),
    fullDescription: obj(multiformat),
    messageStrings: propertyBag,
    defaultConfiguration: obj(() => ({ keys: { enabled: bool, level: oneOf(LEVELS), rank: (v, p, o) => void (typeof v !== 'number' && o.push(`${p}: number`)), parameters: propertyBag, properties: propertyBag } })),
    helpUri: uriReference,
    help: obj(multiformat),
    relationships: list(propertyBag, { unique: true }),
    properties: propertyBag,
  },
});
const toolComponent: () => Shape = () => ({
  required: ['name'],
  keys: { name: str, version: str, semanticVersion: str, informationUri: uriReference, organization: str, fullName: str, rules: list(obj(reportingDescriptor), { unique: true }), properties: propertyBag },
});
const run: () => Shape = () => ({
  required: ['tool'],
  keys: {
    tool: obj(() => ({ required: ['driver'], keys: { driver: obj(toolComponent), extensions: list(obj(toolComponent), { unique: true }), properties: propertyBag } })),
    invocations: list(obj(() => ({ required: ['executionSuccessful'], keys: { executionSuccessful: bool, exitCode: int(-(2 ** 31)), properties: propertyBag } }))),
    artifacts: list(obj(() => ({ keys: { location: obj(artifactLocation), length: int(-1), mimeType: str, properties: propertyBag } })), { unique: true }),
    results: list(obj(result)),
    columnKind: oneOf(['utf16CodeUnits', 'unicodeCodePoints']),
    properties: propertyBag,
  },
});
const log: Shape = {
  required: ['version', 'runs'],
  keys: { $schema: uriReference, version: oneOf(['2.1.0']), runs: list(obj(run)), inlineExternalProperties: list(propertyBag), properties: propertyBag },
};

/** Every structural problem of a SARIF log, as `path: problem` lines; empty when the log is well-formed. */
export function sarifShapeProblems(sarif: unknown): string[] {
  const out: string[] = [];
  check(sarif, log, '$', out);
  // Cross-references the schema cannot express: ruleIndex points at the rule named by ruleId.
  if (isObject(sarif) && Array.isArray(sarif.runs)) {
    for (const [r, runObj] of (sarif.runs as Json[]).entries()) {
      const rules = ((runObj.tool as Json | undefined)?.driver as Json | undefined)?.rules as Json[] | undefined;
      const results = (runObj.results as Json[] | undefined) ?? [];
      results.forEach((res, i) => {
        if (res.ruleIndex !== undefined && rules?.[res.ruleIndex as number]?.id !== res.ruleId) out.push(`$.runs[${r}].results[${i}]: ruleIndex does not point at rule ${String(res.ruleId)}`);
        if (!res.ruleId && !res.rule) out.push(`$.runs[${r}].results[${i}]: names no rule`);
      });
    }
  }
  return out;
}

/** Throws with every problem listed, for tests. */
export function expectValidSarif(sarif: unknown): void {
  const problems = sarifShapeProblems(sarif);
  if (problems.length) throw new Error(`invalid SARIF:\n${problems.join('\n')}`);
}

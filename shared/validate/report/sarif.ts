/**
 * The SARIF 2.1.0 report of `rackplane validate --format sarif`, for code-scanning dashboards and editors.
 * A design has no source lines, so each result is located by logical locations: the element ids of the
 * diagnostic, the most relevant one in `locations` and the others (and the links) in `relatedLocations`.
 * When the design file is known, every location also names it as the physical artifact.
 */
import type { ValidationResult } from '../engine';
import type { Diagnostic, RuleMeta, Severity } from '../types';
import { familyLabel, ruleFamily } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

/** SARIF has no "info" level: `note` is its name for a finding that is not a problem. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface Text {
  text: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  help: Text;
  defaultConfiguration: { level: SarifLevel };
  properties: { source: string; family: string; tags: string[] };
}

interface LogicalLocation {
  name: string;
  fullyQualifiedName: string;
  kind: 'object';
}

interface SarifLocation {
  id?: number;
  physicalLocation?: { artifactLocation: { uri: string; index: number } };
  logicalLocations: LogicalLocation[];
  message?: Text;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: Text;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { elements: string[]; links: string[]; fix?: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
    artifacts?: { location: { uri: string } }[];
    invocations: { executionSuccessful: boolean }[];
    results: SarifResult[];
  }[];
}

export interface SarifOptions {
  toolVersion: string;
  /** URI reference of the validated design file (relative, forward slashes, percent-encoded), if any. */
  artifactUri?: string;
}

/** `PCIe port roles` → `PciePortRoles`: SARIF's `name` is an identifier-like handle for the rule. */
function pascalName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function sarifRule(r: RuleMeta): SarifRule {
  const family = ruleFamily(r.id);
  return {
    id: r.id,
    name: pascalName(r.title) || r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description} Source: ${r.source}.` },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { source: r.source, family, tags: [familyLabel(family)] },
  };
}

function location(kind: 'elements' | 'links', id: string, artifact: boolean, artifactUri: string | undefined): SarifLocation {
  const loc: SarifLocation = { logicalLocations: [{ name: id, fullyQualifiedName: `${kind}/${id}`, kind: 'object' }] };
  if (artifact && artifactUri !== undefined) loc.physicalLocation = { artifactLocation: { uri: artifactUri, index: 0 } };
  return loc;
}

function sarifResult(d: Diagnostic, ruleIndex: number | undefined, artifactUri: string | undefined): SarifResult {
  const [primary, ...others] = d.elements;
  const locations = primary === undefined ? [] : [location('elements', primary, true, artifactUri)];
  const related = [
    ...others.map((id) => ({ ...location('elements', id, false, undefined), message: { text: 'also involved' } })),
    ...d.links.map((id) => ({ ...location('links', id, false, undefined), message: { text: 'link involved' } })),
  ].map((loc, i) => ({ id: i + 1, ...loc }));
  const result: SarifResult = {
    ruleId: d.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations,
    ...(related.length ? { relatedLocations: related } : {}),
    // Stable across runs and edits elsewhere in the design, so dashboards track one finding over time.
    partialFingerprints: { 'rackplaneDiagnostic/v1': `${d.rule}|${d.elements.join(',')}|${d.links.join(',')}` },
    properties: { elements: [...d.elements], links: [...d.links], ...(d.fix ? { fix: d.fix.label } : {}) },
  };
  return result;
}

/** The SARIF log object (serialise with JSON.stringify). */
export function validationSarif(result: ValidationResult, catalog: readonly RuleMeta[], opts: SarifOptions): SarifLog {
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Rackplane', version: opts.toolVersion, rules: catalog.map(sarifRule) } },
        ...(opts.artifactUri === undefined ? {} : { artifacts: [{ location: { uri: opts.artifactUri } }] }),
        invocations: [{ executionSuccessful: true }],
        results: result.diagnostics.map((d) => sarifResult(d, index.get(d.rule), opts.artifactUri)),
      },
    ],
  };
}

/** Renderings of validation results and of the rule catalog: text, JSON, JUnit XML and SARIF 2.1.0. */
export { validationJson, type DiagnosticJson, type ValidationJson } from './json';
export { diagnosticLine, summaryLine, validationText } from './text';
export { validationJunit, type JunitOptions } from './junit';
export { SARIF_LEVEL, SARIF_SCHEMA, validationSarif, type SarifLog, type SarifOptions, type SarifResult, type SarifRule } from './sarif';
export { FAMILY_LABELS, familyLabel, ruleFamily, rulesJson, rulesText, type RuleJson } from './rules';
export { xmlAttr, xmlText } from './xml';

/** Formats of `rackplane validate --format`. */
export const VALIDATION_FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
export type ValidationFormat = (typeof VALIDATION_FORMATS)[number];

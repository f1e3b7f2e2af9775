/** The JSON report of `rackplane validate --format json`; its keys are a contract for CI pipelines. */
import type { ValidationResult, ValidationSummary } from '../engine';
import type { Diagnostic, Severity } from '../types';

export interface DiagnosticJson {
  rule: string;
  severity: Severity;
  message: string;
  elements: string[];
  links: string[];
  /** Label of the mechanical fix the app offers, when there is one. */
  fix?: string;
}

export interface ValidationJson {
  diagnostics: DiagnosticJson[];
  summary: ValidationSummary;
}

function diagnosticJson(d: Diagnostic): DiagnosticJson {
  const out: DiagnosticJson = { rule: d.rule, severity: d.severity, message: d.message, elements: [...d.elements], links: [...d.links] };
  if (d.fix) out.fix = d.fix.label;
  return out;
}

/** `{"diagnostics": [{rule, severity, message, elements, links, fix?}], "summary": {error, warning, info}}`. */
export function validationJson(result: ValidationResult): ValidationJson {
  const { error, warning, info } = result.summary;
  return { diagnostics: result.diagnostics.map(diagnosticJson), summary: { error, warning, info } };
}

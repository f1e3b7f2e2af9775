/** The text report of `rackplane validate`: one line per diagnostic, then a summary line. */
import type { ValidationResult, ValidationSummary } from '../engine';
import type { Diagnostic } from '../types';
import { escapeControls } from '../../text/printable';

// Messages quote user text: a name holding a newline must not split a diagnostic over two lines, nor one holding
// ESC[2J clear the terminal. Controls are shown as escapes (`\n`, `\x1b`), as every other CLI message shows them.
const oneLine = escapeControls;

/** `error PCI-002 r01.h001.nic0: message [fix: label]`; the element is the most relevant one. */
export function diagnosticLine(d: Diagnostic): string {
  const where = d.elements.length ? ` ${d.elements[0]}` : '';
  const fix = d.fix ? ` [fix: ${oneLine(d.fix.label)}]` : '';
  return `${d.severity} ${d.rule}${where}: ${oneLine(d.message)}${fix}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 errors, 1 warning, 0 info`. */
export function summaryLine(s: ValidationSummary): string {
  return `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`;
}

export function validationText(result: ValidationResult, opts: { rules: number }): string {
  const lines = result.diagnostics.map(diagnosticLine);
  lines.push(`${summaryLine(result.summary)} (${opts.rules} rules checked)`);
  return `${lines.join('\n')}\n`;
}

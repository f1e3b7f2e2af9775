/** The validator: rules over a design, run in full or incrementally after each edit. */
export * from './types';
export { ValidationSession, validateDesign, sortDiagnostics, summarize, type ValidationResult, type ValidationSummary } from './engine';
export { ALL_RULES, ruleCatalog } from './rules/index';

/**
 * The part of js-yaml (MIT, nodeca/js-yaml, v4) the NetBox importer uses. The package ships no types and
 * @types/js-yaml is not installed; `load` is typed as returning `unknown` on purpose, so every value is
 * checked by a zod schema before use.
 */
declare module 'js-yaml' {
  export interface YamlSchema {
    readonly __yamlSchema?: never;
  }
  /** YAML 1.2 core schema: null, booleans, numbers and strings only (no timestamps, binary or custom tags). */
  export const CORE_SCHEMA: YamlSchema;
  export interface LoadOptions {
    filename?: string;
    schema?: YamlSchema;
    json?: boolean;
  }
  /** Parses one YAML document; throws YAMLException (with `reason` and `mark`) on bad syntax or several documents. */
  export function load(text: string, options?: LoadOptions): unknown;
  export class YAMLException extends Error {
    reason: string;
    mark?: { line: number; column: number };
  }
}

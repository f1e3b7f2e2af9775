/**
 * Libraries the packaging tests borrow from electron-builder's own dependency tree (app-builder-lib):
 * the same ajv that validates the configuration when electron-builder runs, the YAML parser that reads
 * it, and the asar reader. Resolving them from app-builder-lib, rather than importing them as the
 * project's own dependencies, keeps the tests checking exactly what electron-builder uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFIG_PATH = join(ROOT, 'build/electron-builder.yml');
export const ELECTRON_BUILDER_BIN = join(ROOT, 'node_modules/.bin/electron-builder');

const fromRoot = createRequire(join(ROOT, 'package.json'));
const appBuilderLibJson = fromRoot.resolve('app-builder-lib/package.json');
const fromBuilder = createRequire(appBuilderLibJson);

/** electron-builder's JSON schema for its configuration (draft-07). */
export const BUILDER_SCHEMA_PATH = join(dirname(appBuilderLibJson), 'scheme.json');

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvInstance {
  compile(schema: unknown): Validate;
}
type AjvCtor = new (options: Record<string, unknown>) => AjvInstance;

/** A validator for electron-builder configurations, built with the options app-builder-lib uses itself. */
export function builderConfigValidator(): Validate {
  const mod = fromBuilder('ajv') as { default?: AjvCtor } & AjvCtor;
  const Ajv = mod.default ?? mod;
  const ajv = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(BUILDER_SCHEMA_PATH, 'utf8')));
}

/** build/electron-builder.yml as a plain object. */
export function readBuilderConfig(): Record<string, unknown> {
  const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(CONFIG_PATH, 'utf8'));
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error(`${CONFIG_PATH}: not a YAML mapping`);
  return config as Record<string, unknown>;
}

interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractAll(archive: string, dest: string): void;
}
const asar = (): Asar => fromBuilder('@electron/asar') as Asar;

/** Every path in an asar archive (leading "/"), files and folders, read from its header. */
export function listAsar(archive: string): string[] {
  return asar()
    .listPackage(archive, { isPack: false })
    .map((p) => p.split('\\').join('/'));
}

/** Extracts an asar archive, including its files in the neighbouring `.unpacked` folder, into `dest`. */
export function extractAsar(archive: string, dest: string): void {
  asar().extractAll(archive, dest);
}

/** One line per error, for assertion messages. */
export function formatAjvErrors(errors: readonly AjvError[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`).join('\n');
}

/**
 * The user's own catalog entries in `<userData>/catalog.json`, merged after the built-in ones. The file
 * may hold hand-edited entries, so a damaged file is reported and never overwritten: adding or removing
 * entries is refused until the user repairs or removes it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import packageJson from '../../package.json';
import { BUILTIN_CATALOG, mergeCatalog, type CatalogEntry } from '../../shared/catalog';
import { stableStringify } from '../../shared/formats/stable-json';
import { writeFileAtomic } from '../fs/atomic';
import { describeError, UserFacingError } from '../util/messages';

const FILE_NAME = 'catalog.json';
export const USER_CATALOG_FORMAT = 'rackplane-catalog';

const fileSchema = z.object({ format: z.literal(USER_CATALOG_FORMAT), version: z.literal(1), entries: z.array(z.unknown()) });

export class UserCatalog {
  readonly file: string;

  /** The catalog in `<userDataDir>/catalog.json`, or in `file` when given (the CLI's `--catalog`). */
  constructor(userDataDir: string, file?: string) {
    this.file = file ?? join(userDataDir, FILE_NAME);
  }

  private damaged(detail: string): UserFacingError {
    return new UserFacingError(`your catalog file ${this.file} is damaged (${detail}): fix it or move it away to use the catalog`);
  }

  /** The user's raw entries; a missing file is an empty list, a damaged one throws. */
  private readEntries(): unknown[] {
    if (!existsSync(this.file)) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw this.damaged(e instanceof SyntaxError ? 'not valid JSON' : describeError(e));
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw this.damaged(`expected {"format": "${USER_CATALOG_FORMAT}", "version": 1, "entries": [...]}`);
    return parsed.data.entries;
  }

  /** Built-in entries followed by the user's; throws when any user entry is unusable. */
  list(): CatalogEntry[] {
    const merged = mergeCatalog(BUILTIN_CATALOG, this.readEntries());
    const first = merged.rejected[0];
    if (first) throw this.damaged(first.reason);
    return merged.entries;
  }

  private userEntries(): CatalogEntry[] {
    return this.list().filter((e) => e.user);
  }

  private write(entries: CatalogEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, stableStringify({ format: USER_CATALOG_FORMAT, version: 1, entries }));
  }

  /** Adds an entry, or replaces the user entry with the same id; built-in ids are refused. Returns the full list. */
  add(entry: CatalogEntry): CatalogEntry[] {
    const builtin = BUILTIN_CATALOG.find((e) => e.id === entry.id);
    if (builtin) {
      throw new UserFacingError(`the id "${entry.id}" belongs to the built-in entry "${builtin.vendor} ${builtin.model}": give your entry another id`);
    }
    const mine = { ...entry, user: true };
    const current = this.userEntries();
    const at = current.findIndex((e) => e.id === entry.id);
    const next = at >= 0 ? current.map((e, i) => (i === at ? mine : e)) : [...current, mine];
    // Validate exactly as reading will, so a bad entry is refused now instead of breaking the next launch.
    const rejected = mergeCatalog(BUILTIN_CATALOG, next).rejected[0];
    if (rejected) throw new UserFacingError(`cannot add "${entry.id}": ${rejected.reason}`);
    this.write(next);
    return this.list();
  }

  /**
   * Adds every entry (replacing user entries with the same ids) in one write, or none: the whole list is checked
   * as reading will check it first. Returns the full list.
   */
  addAll(entries: readonly CatalogEntry[]): CatalogEntry[] {
    const mine = entries.map((e) => ({ ...e, user: true }));
    const byId = new Map(mine.map((e) => [e.id, e]));
    const current = this.userEntries();
    const kept = new Set(current.map((e) => e.id));
    // A re-import replaces an entry where it stands; new entries go last, in the order given.
    const next = [...current.map((e) => byId.get(e.id) ?? e), ...mine.filter((e) => !kept.has(e.id))];
    const rejected = mergeCatalog(BUILTIN_CATALOG, next).rejected[0];
    if (rejected) throw new UserFacingError(`nothing was added to your catalog: ${rejected.reason}`);
    this.write(next);
    return this.list();
  }

  /** Removes a user entry; built-in entries cannot be removed. Returns the full list. */
  remove(id: string): CatalogEntry[] {
    if (BUILTIN_CATALOG.some((e) => e.id === id)) throw new UserFacingError(`"${id.slice(0, 100)}" is a built-in entry and cannot be removed`);
    const current = this.userEntries();
    if (!current.some((e) => e.id === id)) throw new UserFacingError(`there is no user catalog entry "${id.slice(0, 100)}"`);
    this.write(current.filter((e) => e.id !== id));
    return this.list();
  }
}

/**
 * Where Electron keeps this app's userData when run without the app (the CLI): app.getPath('userData') is the
 * platform's appData folder plus the product name (package.json `productName`), so the CLI edits the catalog the
 * app reads.
 */
export function appUserDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME || join(home, '.config'));
  return join(appData, packageJson.productName);
}

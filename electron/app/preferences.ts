/**
 * App preferences kept in `<userData>/preferences.json`. Today that is the colour theme: View ▸ Theme
 * picks System, Light or Dark, main.ts hands it to `nativeTheme.themeSource`, and the renderer follows
 * because its styles and canvas palette read `prefers-color-scheme`, which themeSource controls.
 * A damaged file is ignored with one log line and the defaults apply.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';

export const PREFERENCES_FILE = 'preferences.json';

/** The values of Electron's `nativeTheme.themeSource`: 'system' follows the OS. */
export const THEME_SOURCES = ['system', 'light', 'dark'] as const;
export type ThemeSource = (typeof THEME_SOURCES)[number];

const PreferencesSchema = z.object({
  theme: z.enum(THEME_SOURCES).default('system'),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system' };

export function readPreferences(userDataDir: string, log: (line: string) => void): Preferences {
  const file = join(userDataDir, PREFERENCES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ...DEFAULT_PREFERENCES }; // nothing chosen yet
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    log(`rackplane: ignoring ${file}: not valid JSON; using default preferences`);
    return { ...DEFAULT_PREFERENCES };
  }
  const r = PreferencesSchema.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    log(`rackplane: ignoring ${file}: ${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unexpected content'}; using default preferences`);
    return { ...DEFAULT_PREFERENCES };
  }
  return r.data;
}

export function writePreferences(userDataDir: string, prefs: Preferences): void {
  const file = join(userDataDir, PREFERENCES_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(prefs, null, 2) + '\n');
}

/** Stores a new theme choice, keeping any other preference; returns what was written. */
export function saveTheme(userDataDir: string, theme: ThemeSource, log: (line: string) => void): Preferences {
  const next = { ...readPreferences(userDataDir, log), theme };
  writePreferences(userDataDir, next);
  return next;
}

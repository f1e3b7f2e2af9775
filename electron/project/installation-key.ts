/**
 * This installation's secret: a random 32 bytes in the user data folder, beside the preferences, readable only by
 * the user. Main signs with it what only it may claim: that it saved a project's records (schema-fingerprint.ts) and
 * which file a recovery copy belongs to (recovery.ts). A file or sidecar made elsewhere (another machine, an older
 * build, a page that chose a path) cannot carry a valid signature. Each use names its purpose, so a signature made
 * for one can never pass for another. Where the key cannot be read or created, a key for this process alone is
 * used: what it signed is then trusted only by this process, and nothing is trusted that should not be.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appUserDataDir } from '../catalog/user-catalog';

const KEY_FILE = 'project-key';
let key: Buffer | null = null;

/**
 * The folder holding the installation key: the app's user data folder, as the CLI resolves it too, so the app and
 * the CLI on one machine trust each other's files. RACKPLANE_KEY_DIR names another (the test suite's temp folder).
 */
const keyDir = () => process.env.RACKPLANE_KEY_DIR || appUserDataDir(process.env, process.platform, homedir());

function readKey(file: string): Buffer | null {
  try {
    const hex = readFileSync(file, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
  } catch {
    return null;
  }
}

/** This installation's key, created on first use ('wx': of two processes creating it at once, one writes, both read it). */
function installationKey(): Buffer {
  if (key) return key;
  const file = join(keyDir(), KEY_FILE);
  key = readKey(file);
  if (!key) {
    try {
      mkdirSync(keyDir(), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch {
      // Exists already (another process won the race; read it below) or cannot be written (read-only home).
    }
    key = readKey(file) ?? randomBytes(32);
  }
  return key;
}

/** Forgets the key read so far (tests: the next signature is made with the key in RACKPLANE_KEY_DIR as it is then). */
export function forgetInstallationKey(): void {
  key = null;
}

/** HMAC-SHA-256 (hex) under the installation key of `text`, for `purpose` (a fixed name per use). */
export function installationHmac(purpose: string, text: string): string {
  return createHmac('sha256', installationKey()).update(`${purpose}\n${text}`).digest('hex');
}

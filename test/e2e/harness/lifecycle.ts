/**
 * The lifecycle every end-to-end file shares: one Chromium per file, a fresh app (its own temp folder and
 * handlers) per test, and after each test a check that the page reported no errors before it is closed.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startApp, stopServer, type AppHarness } from './app';

export interface AppLifecycle {
  /** The file's browser, for tests that start a second app (another profile, a fake clock, a theme). */
  browser(): Browser;
}

/**
 * Registers the hooks. `set` receives each test's app; `get` returns the app the test ended with (a test may
 * replace it), which is the one checked and closed. `checkProblems: false` for files that assert on page
 * errors themselves.
 */
export function useAppPerTest(set: (app: AppHarness) => void, get: () => AppHarness, opts: { checkProblems?: boolean } = {}): AppLifecycle {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stopServer();
  });
  beforeEach(async () => {
    set(await startApp(browser!));
  });
  afterEach(async () => {
    const app = get();
    if (opts.checkProblems !== false) expect(app.problems).toEqual([]);
    await app.close();
  });
  return { browser: () => browser! };
}

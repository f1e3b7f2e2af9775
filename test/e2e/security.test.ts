/**
 * The renderer runs under the strict Content-Security-Policy of the main process: no inline scripts,
 * no eval, and the page reaches main only through the frozen `window.rackplane` bridge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, RENDERER_DIR, startApp, stopServer } from './harness/app';
import { CSP } from './harness/static-server';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopServer();
});

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .sort();

test('the built page carries the same policy as main and has no inline script', () => {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  expect(meta).not.toBeNull();
  // frame-ancestors is ignored in a meta tag, so only the header carries it.
  expect(directives(meta![1]!)).toEqual(directives(CSP).filter((d) => !d.startsWith('frame-ancestors')));
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(attrs).toMatch(/\bsrc="/);
    expect(body!.trim()).toBe('');
  }
});

test('an injected inline script is refused at run time; the bridge is frozen', async () => {
  const app = await startApp(browser);
  try {
    const { page } = app;
    await page.getByTestId('start-screen').waitFor();
    type Page = { __violations: string[]; __injected?: boolean; addEventListener(t: string, f: (e: { violatedDirective: string }) => void): void };
    await page.evaluate(() => {
      const w = globalThis as unknown as Page;
      w.__violations = [];
      w.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
    });
    await page.addScriptTag({ content: 'globalThis.__injected = true;' }).catch(() => undefined);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as Page).__violations)).toContain('script-src-elem');
    expect(await page.evaluate(() => (globalThis as unknown as Page).__injected ?? null)).toBeNull();

    const bridge = await page.evaluate(() => {
      const api = (globalThis as unknown as { rackplane: object }).rackplane;
      return { keys: Object.keys(api).sort(), frozen: Object.isFrozen(api) };
    });
    expect(bridge).toEqual({ keys: ['invoke', 'on'], frozen: true });
    // The refused script is the only problem reported.
    expect(app.problems.length).toBeGreaterThan(0);
    for (const p of app.problems) expect(p).toMatch(/Content Security Policy/);
  } finally {
    await app.close();
  }
});

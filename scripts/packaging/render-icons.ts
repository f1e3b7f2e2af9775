/**
 * Renders build/icon.svg to the PNGs electron-builder packages: build/icons/NxN.png (Linux reads a folder
 * of sizes named this way) and build/icon.png (1024 px, from which electron-builder derives the Windows
 * .ico and the macOS .icns). No image tool is installed here, so Debian Chromium draws them, driven by
 * playwright-core. Re-run after editing the SVG:  npx tsx scripts/packaging/render-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ICON_SIZES } from './icon-sizes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = join(ROOT, 'build');
const CHROMIUM = process.env.RACKPLANE_CHROMIUM ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const svg = readFileSync(join(BUILD, 'icon.svg'), 'utf8');
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    mkdirSync(join(BUILD, 'icons'), { recursive: true });
    for (const size of ICON_SIZES) {
      // deviceScaleFactor 1: one CSS pixel per PNG pixel, so Chromium rasterises the vector at the target
      // size rather than downscaling a large bitmap (which blurs the 16 px icon).
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      // Wait until the SVG is decoded, or the screenshot could catch an empty image. (No DOM types in this tsconfig.)
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(BUILD, 'icons', `${size}x${size}.png`), png);
      if (size === 1024) writeFileSync(join(BUILD, 'icon.png'), png);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`rendered ${ICON_SIZES.length} sizes into build/icons/ and build/icon.png`);
}

main().catch((e: unknown) => {
  console.error(`render-icons: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

/**
 * build/electron-builder.yml is valid against electron-builder's own schema and carries what the
 * installers need: product name, app id, icons at every size, the .rackplane association on all
 * three platforms, the licence, and a file list that keeps sources and source maps out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES } from '../../scripts/packaging/icon-sizes';
import { builderConfigValidator, formatAjvErrors, readBuilderConfig, ROOT } from './builder-deps';

const config = readBuilderConfig();
const validate = builderConfigValidator();
type Obj = Record<string, unknown>;
const section = (key: string): Obj => (config[key] ?? {}) as Obj;

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngInfo(file: string): { width: number; height: number; colourType: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colourType: b.readUInt8(25) };
}

describe('electron-builder configuration', () => {
  it("matches app-builder-lib's scheme.json", () => {
    const ok = validate(structuredClone(config));
    expect(formatAjvErrors(validate.errors), 'schema errors').toBe('');
    expect(ok).toBe(true);
  });

  it('the schema check catches a misspelt option and a wrongly typed one', () => {
    // Proves the validator above is not vacuous: electron-builder's schema forbids unknown keys.
    expect(validate({ ...structuredClone(config), fileAsociations: [] })).toBe(false);
    expect(formatAjvErrors(validate.errors)).toMatch(/additional/i);
    expect(validate({ ...structuredClone(config), asar: 'sometimes' })).toBe(false);
  });

  it('names the product, takes its version from package.json and ships the licence', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Obj;
    expect(config.appId).toBe('io.rackplane.app');
    expect(config.productName).toBe(pkg.productName);
    expect(config).not.toHaveProperty('extraMetadata.version');
    expect(String(config.artifactName)).toContain('${version}');
    expect(pkg.license).toBe('MIT');
    const licence = join(ROOT, String(section('nsis').license));
    expect(readFileSync(licence, 'utf8')).toMatch(/^MIT License/);
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('win').target).toEqual(['nsis']);
    expect(section('mac').target).toEqual(['dmg']);
  });

  it('associates .rackplane with the app on every platform', () => {
    const assoc = config.fileAssociations as Obj[];
    expect(assoc).toHaveLength(1);
    // ext: Windows registry and macOS UTI; mimeType: the Linux desktop entry and shared-mime-info XML;
    // role: macOS CFBundleTypeRole.
    expect(assoc[0]).toMatchObject({ ext: 'rackplane', mimeType: 'application/x-rackplane', role: 'Editor', name: 'Rackplane project' });
    // A second copy under linux.mimeTypes would list the type twice in the desktop entry.
    expect(section('linux').mimeTypes).toBeUndefined();
  });

  it('points every platform at icons that exist, at every size, square and with alpha', () => {
    expect(section('linux').icon).toBe('build/icons');
    for (const size of ICON_SIZES) {
      const info = pngInfo(join(ROOT, 'build/icons', `${size}x${size}.png`));
      expect(info, `${size}x${size}.png`).toEqual({ width: size, height: size, colourType: 6 });
    }
    // Windows .ico and macOS .icns are derived by electron-builder from a PNG of at least 512 px.
    for (const platform of ['win', 'mac']) {
      const icon = join(ROOT, String(section(platform).icon));
      expect(pngInfo(icon)).toMatchObject({ width: 1024, height: 1024 });
    }
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true);
  });

  it('packs only the built app, and unpacks native addons from the asar', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**/*');
    expect(files).toContain('!out/**/*.map');
    expect(files).toContain('package.json');
    // No source folder is ever included.
    for (const src of ['electron', 'shared', 'renderer', 'test', 'scripts', 'src']) {
      expect(files.some((f) => f.startsWith(`${src}/`))).toBe(false);
    }
    // Every native addon, and by name the Skia binding of @napi-rs/canvas (PNG export).
    expect(config.asarUnpack).toEqual(['**/*.node', 'node_modules/@napi-rs/canvas-*/*.node']);
  });
});

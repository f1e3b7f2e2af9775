// An electron-builder afterPack hook used only by dir-package.test.ts (passed with -c.afterPack=…).
// A --dir build stops before the AppImage/deb targets, which are what install icons, the desktop entry
// and the shared-mime-info XML; this asks electron-builder's own Linux helper to compute them for the
// packaged app, so the test sees what the real targets would install, without their network downloads.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');

export default async function probe(context) {
  const out = process.env.RACKPLANE_PACK_PROBE;
  if (!out) return;
  const { packager } = context;
  const helper = new LinuxTargetHelper(packager);
  const icons = await helper.icons;
  const mimeFile = await helper.mimeTypeFiles;
  // The deb target runs "<install dir>/<executable> %U"; %U is what lets the desktop pass opened files.
  const desktop = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions, `${packager.executableName} %U`);
  await writeFile(
    out,
    JSON.stringify({
      icons: icons.map((i) => ({ file: i.file, size: i.size })),
      mimeXml: mimeFile ? await readFile(mimeFile, 'utf8') : null,
      desktop,
      executableName: packager.executableName,
    }),
  );
}

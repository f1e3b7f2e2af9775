/**
 * Where Help ▸ Documentation points. Rackplane has no hosted documentation site, and the tool is meant to
 * work on machines without internet access, so the item opens the Markdown guides that ship with the app
 * (the repository's docs/ folder) in the system file manager with `shell.openPath`. Nothing untrusted is
 * opened: the path is fixed by the installation, never taken from a document or the page.
 */
import { join } from 'node:path';

export interface DocumentationPlaces {
  isPackaged: boolean;
  /** `app.getAppPath()`: the repository root when run from source. */
  appPath: string;
  /** `process.resourcesPath`: where a packaged app keeps files outside its asar archive. */
  resourcesPath: string;
  exists(path: string): boolean;
}

/**
 * The docs folder of this installation, or null when there is none (the menu then leaves the item out
 * rather than offer one that does nothing). A packaged app looks only in its resources: a source checkout
 * elsewhere on disk is not its documentation.
 */
export function documentationFolder(p: DocumentationPlaces): string | null {
  const candidate = p.isPackaged ? join(p.resourcesPath, 'docs') : join(p.appPath, 'docs');
  return p.exists(candidate) ? candidate : null;
}

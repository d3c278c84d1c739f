import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where Electron's binary should be, and whether it is there. */
export interface ElectronBinary {
  /** The binary's path when present, else null. */
  path: string | null;
  /** What is missing when it is absent (a path, language-neutral), for the one-line explanation. */
  missing: string | null;
}

/**
 * Looks for the Electron binary that `node node_modules/electron/install.js` (npm run electron:fetch)
 * downloads. The npm package installs without it here (package.json `allowScripts` denies its
 * download script), so callers must handle its absence.
 */
export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, missing: 'node_modules/electron' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, missing: 'node_modules/electron/path.txt' };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, missing: null } : { path: null, missing: `node_modules/electron/dist/${readFileSync(pathFile, 'utf8').trim()}` };
}

/**
 * Path of the Electron binary if its download ran, else null. The npm package installs without it here
 * (package.json `allowScripts` denies electron's download script), so callers must handle null.
 */
export function electronBinaryPath(): string | null {
  return findElectronBinary().path;
}

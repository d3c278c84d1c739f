import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A data folder shipped beside the packaged desktop app (electron-builder `extraResources`: OCR
 * language data, pdf.js fonts and cMaps), or null when running from the source tree. The Electron
 * shell names the resources folder in CONTRACT_VAULT_RESOURCES for its backend process (and the
 * ingest workers inherit it); the data then sits outside app.asar, where worker threads read it
 * with plain fs.
 */
export function packagedResourcePath(...parts: string[]): string | null {
  const root = process.env.CONTRACT_VAULT_RESOURCES;
  if (!root) return null;
  const folder = path.join(root, ...parts);
  return existsSync(folder) ? folder : null;
}

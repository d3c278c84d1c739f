import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfjsLegacy from 'pdfjs-dist/legacy/build/pdf.mjs';
import { installPdfjsConsoleGuard } from './pdfjsConsoleGuard.ts';
import { packagedResourcePath } from './packagedResources.ts';

/** The pdf.js legacy build: the modern build assumes browser APIs that Node does not have. */
export type PdfjsModule = typeof PdfjsLegacy;

/** pdf.js plus the locations of the data files it needs to read real-world PDFs. */
export interface PdfjsRuntime {
  readonly lib: PdfjsModule;
  /** Folder of the standard-14 font programs, for PDFs that use Helvetica & co. without embedding them. */
  readonly standardFontDataUrl: string;
  /** Folder of the packed CJK character maps (GBK-EUC-H, 90ms-RKSJ-H, ...). */
  readonly cMapUrl: string;
}

let loading: Promise<PdfjsRuntime> | undefined;

/**
 * pdf.js in Node reads these files with fs.readFile(`${base}${name}`), so the base is a plain
 * filesystem path (not a file:// URL), and it insists on a trailing '/'.
 */
function folderBase(folder: string): string {
  return `${folder.split(path.sep).join('/')}/`;
}

async function load(): Promise<PdfjsRuntime> {
  installPdfjsConsoleGuard();
  const require = createRequire(import.meta.url);
  const packageRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const nativePush = Object.getOwnPropertyDescriptor(Array.prototype, 'push');
  const lib = await import('pdfjs-dist/legacy/build/pdf.min.mjs');
  // In Node pdf.js runs its "worker" in-process and imports it from workerSrc; an absolute file
  // URL keeps that working wherever this module ends up (bundled, packaged, Windows paths).
  const workerUrl = pathToFileURL(path.join(packageRoot, 'legacy', 'build', 'pdf.worker.min.mjs')).href;
  lib.GlobalWorkerOptions.workerSrc = workerUrl;
  // Loaded now rather than at the first document, so the built-in fix-up below covers it too.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerUrl);
  // The legacy build replaces Array.prototype.push with core-js's spec-edge-case fix for old V8, ~2.8x
  // slower and ~14% of extraction time. pdf.js never relies on those edge cases (4-billion-element
  // lengths, frozen lengths), so the engine's own push is put back.
  if (nativePush && Array.prototype.push !== nativePush.value) Object.defineProperty(Array.prototype, 'push', nativePush);
  return {
    lib,
    standardFontDataUrl: folderBase(packagedResourcePath('pdfjs', 'standard_fonts') ?? path.join(packageRoot, 'standard_fonts')),
    cMapUrl: folderBase(packagedResourcePath('pdfjs', 'cmaps') ?? path.join(packageRoot, 'cmaps')),
  };
}

/** Loads pdf.js once per process (lazily: startup without an import should not pay for it). */
export function loadPdfjs(): Promise<PdfjsRuntime> {
  loading ??= load().catch((error: unknown) => {
    // Do not cache a failed load: a later import may succeed (e.g. after a transient I/O error).
    loading = undefined;
    throw error;
  });
  return loading;
}

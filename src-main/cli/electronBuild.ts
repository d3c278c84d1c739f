import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The files of one desktop build, relative to its output folder (dist/electron by default). */
export const electronBundleFiles = ['main.mjs', 'preload.cjs', 'backend.mjs', 'extractionWorkerBootstrap.mjs', 'tesseractWorkerThread.mjs'] as const;

/**
 * Bundles the Electron shell with esbuild (the one Vite already installs) into `outDir`: the main
 * process and the backend utility process as ES modules that keep npm packages external (native
 * modules load from node_modules / app.asar.unpacked), and the preload as one CommonJS file with
 * everything inlined but `electron`, as a sandboxed preload must be. The ingest workers are emitted
 * beside the backend under the names core/ingest resolves relative to its own module URL.
 */
export async function buildElectron(outDir = join(repoRoot, 'dist', 'electron')): Promise<string> {
  const { build } = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: false, logLevel: 'silent' as const, legalComments: 'none' as const };
  const src = (path: string) => join(repoRoot, path);
  await Promise.all([
    build({ ...common, entryPoints: [src('src-main/electron/main.ts')], outfile: join(outDir, 'main.mjs'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [src('src-main/electron/backendProcessMain.ts')], outfile: join(outDir, 'backend.mjs'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [src('src-main/core/ingest/worker/extractionWorker.ts')], outfile: join(outDir, 'extractionWorkerBootstrap.mjs'), format: 'esm', packages: 'external' }),
    build({ ...common, entryPoints: [src('src-main/electron/preload.ts')], outfile: join(outDir, 'preload.cjs'), format: 'cjs', external: ['electron'] }),
  ]);
  await copyFile(src('src-main/core/ingest/ocr/tesseractWorkerThread.mjs'), join(outDir, 'tesseractWorkerThread.mjs'));
  return outDir;
}

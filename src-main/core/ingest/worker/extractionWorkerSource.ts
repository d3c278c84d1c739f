import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * The worker entry that registers tsx inside the worker before loading the TypeScript sources. In the
 * packaged app this same file name holds the esbuild bundle of the worker (src-main/cli/electronBuild.ts).
 */
export const extractionWorkerBootstrapUrl = new URL('./extractionWorkerBootstrap.mjs', import.meta.url);

const workerEntryUrl = new URL('./extractionWorker.ts', import.meta.url);

let bundled: Promise<URL> | undefined;

/** The esbuild plugin that keeps npm packages external but pinned to absolute file URLs, and each source's own import.meta.url. */
function externalsAsFileUrls(): Plugin {
  return {
    name: 'cvault-extraction-worker',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        // Relative and absolute paths are sources to bundle; the inner resolve below must not recurse.
        if (args.kind === 'entry-point' || args.pluginData === 'inner' || args.path.startsWith('.') || path.isAbsolute(args.path)) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        // A data: URL module has no folder to resolve packages from, so each import names the file it resolves to.
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: pathToFileURL(resolved.path).href, external: true };
      });
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        // The sources find their data files (pdf.js cMaps, the PDFium binary, tesseract's worker) relative
        // to their own module URL, which must stay the source file's, not the bundle's.
        const source = await readFile(args.path, 'utf8');
        return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/** Bundles the worker's TypeScript sources in memory (~0.1 s, once per process) into a data: URL. */
async function bundleWorker(): Promise<URL> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(workerEntryUrl)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [externalsAsFileUrls()],
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no worker bundle');
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const preloadFlags: ReadonlySet<string> = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** Whether a preload names tsx (`tsx`, `tsx/esm`, or a path inside its package). */
function isTsx(specifier: string): boolean {
  return /^tsx(\/|$)|[\\/]node_modules[\\/]tsx[\\/]/.test(specifier);
}

/**
 * The Node options of a worker started from `url`: the process's own (a worker inherits them), minus a tsx
 * preload when `url` is the in-memory bundle, which is plain JavaScript. Under `node --import tsx` (the
 * benches) each extraction worker otherwise registered tsx again: ~0.1 s of CPU per worker, for nothing.
 * Undefined (inherit, as by default) when there is nothing to drop.
 */
export function extractionWorkerExecArgv(url: URL, args: readonly string[] = process.execArgv): string[] | undefined {
  if (url.protocol !== 'data:' || !args.some((arg) => arg.includes('tsx'))) return undefined;
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (preloadFlags.has(arg) && next !== undefined && isTsx(next)) {
      i++;
      continue;
    }
    const joined = /^(--[a-z-]+)=(.*)$/.exec(arg);
    if (joined?.[1] !== undefined && joined[2] !== undefined && preloadFlags.has(joined[1]) && isTsx(joined[2])) continue;
    kept.push(arg);
  }
  return kept;
}

/**
 * Where extraction workers start. Run from TypeScript sources (the CLI, tests, benches), the worker's
 * modules are bundled once in memory with esbuild (which tsx itself runs on): a worker that registers tsx
 * instead spends ~0.6 s of CPU more on starting (a loader thread of its own, each module resolved and
 * translated through it), and an import starts two. Nothing is written to disk. If bundling fails, the
 * tsx bootstrap still works. The packaged app's bootstrap file is already the bundle.
 */
export function extractionWorkerUrl(): Promise<URL> {
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve(extractionWorkerBootstrapUrl);
  bundled ??= bundleWorker().catch(() => extractionWorkerBootstrapUrl);
  return bundled;
}

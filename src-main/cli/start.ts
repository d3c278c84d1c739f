import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translate } from '../../src-shared/i18n/translate.ts';
import { cliLocale } from './cliLocale.ts';
import { findElectronBinary } from './electronAvailability.ts';
import { buildElectron } from './electronBuild.ts';
import { runCli } from './main.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the renderer with Vite when dist/renderer is missing (the desktop window loads it through app://). */
async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

/** Runs the desktop app and resolves with its exit code. */
function runElectron(binary: string, argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    // Inherited from some shells and IDEs; it would start Electron as plain Node instead of the app.
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [repoRoot, ...argv], { stdio: 'inherit', env });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

/**
 * `npm start`: the desktop app where Electron's binary is present (after `npm run electron:fetch`),
 * built first (renderer if missing, then the shell's bundle). Where the binary is absent, as on this
 * machine, one clear line says so and browser mode starts instead (`cvault serve`, with any arguments
 * given, e.g. `npm start -- --no-open`).
 */
export async function start(argv: readonly string[]): Promise<number> {
  const locale = cliLocale(argv, process.env);
  const electron = findElectronBinary();
  if (electron.path === null) {
    process.stderr.write(`${translate(locale, 'cli.start.browserMode', { reason: electron.missing ?? '?' })}\n`);
    return runCli(['serve', ...argv]);
  }
  try {
    await ensureRendererBuilt();
    await buildElectron();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    process.stderr.write(`${translate(locale, 'cli.start.buildFailed', { reason })}\n`);
    return runCli(['serve', ...argv]);
  }
  process.stderr.write(`${translate(locale, 'cli.start.launching')}\n`);
  return runElectron(electron.path, argv);
}

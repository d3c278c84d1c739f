import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempFolder, removeFolder } from './watchTestSupport.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..', '..');
const probe = path.join(here, 'watcherExitProbe.ts');

/** Runs the probe in a fresh Node process and reports whether it ended on its own within the time limit. */
function runProbe(args: string[], limitMs: number): Promise<{ exitCode: number | null; timedOut: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', probe, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, timedOut, stdout, stderr });
    });
  });
}

describe('FolderWatcher.stop()', () => {
  it.each([
    ['native events', []],
    ['polling', ['--poll']],
  ])('lets the process exit by itself (%s)', async (_mode, args: string[]) => {
    const folder = await makeTempFolder('cvault-exit-');
    const result = await runProbe([folder, ...args], 20_000).finally(() => removeFolder(folder));
    expect(result.stderr).toBe('');
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ errors: [], received: ['contract.txt'] });
  });
});

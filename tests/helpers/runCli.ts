import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `cvault` entry point (bin/cvault.mjs) in a child process, with no terminal attached. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cvault.mjs', ...args], {
      cwd: repoRoot,
      env: { ...process.env, CVAULT_PASSPHRASE: undefined, CVAULT_NEW_PASSPHRASE: undefined, CVAULT_RECOVERY_KEY: undefined, LANG: 'C.UTF-8', LC_ALL: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

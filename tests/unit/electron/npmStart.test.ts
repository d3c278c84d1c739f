import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../src-main/cli/electronAvailability.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const binary = findElectronBinary();
if (binary.path !== null) process.stdout.write('npmStart.test.ts: the Electron binary is present, so `npm start` would open the desktop app; the browser-mode fallback test is skipped (tests/e2e/electronApp.spec.ts covers the app).\n');

/** Runs `npm start` (bin/start.mjs) until the browser-mode URL is printed, then stops it as Ctrl+C would. */
function startUntilServing(lang: string): Promise<{ stderr: string; url: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'start.mjs'), '--no-open'], { cwd: repoRoot, env: { ...process.env, CVAULT_LANG: lang } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL printed; stderr: ${stderr}`)); }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) child.kill('SIGTERM');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ stderr, url: stdout.trim(), code });
    });
  });
}

describe('npm start without the Electron binary', () => {
  it.skipIf(binary.path !== null)('says why in one line (in the user’s language) and starts browser mode instead', async () => {
    const en = await startUntilServing('en');
    const firstLine = en.stderr.split('\n')[0] ?? '';
    expect(firstLine).toContain('Electron’s runtime is not downloaded on this machine (node_modules/electron/path.txt)');
    expect(firstLine).toContain('npm run electron:fetch');
    expect(en.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/u);
    const zh = await startUntilServing('zh-CN');
    expect(zh.stderr.split('\n')[0]).toContain('本机未下载 Electron 运行时');
    expect(zh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/u);
  });
});

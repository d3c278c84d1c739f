import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(repoRoot, 'scripts', 'electronegativity.cjs');

async function gate(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { cwd: repoRoot, timeout: 120_000 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('Electronegativity gate (scripts/electronegativity.cjs)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.cleanup();
  });

  it('passes on the shell: every HIGH/MEDIUM finding is justified in security/electronegativity-allowlist.json, and writes SARIF', async () => {
    const sarif = join(temp.dir, 'shell.sarif');
    const result = await gate(['--sarif', sarif]);
    process.stdout.write(result.stdout);
    expect(result.code, result.stdout).toBe(0);
    const report = JSON.parse(await readFile(sarif, 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[] };
    expect(report.version).toBe('2.1.0');
    expect(report.runs[0]?.tool.driver.name.toLowerCase()).toContain('electronegativity');
    expect(report.runs[0]?.results.map((r) => r.ruleId)).toContain('CSP_GLOBAL_CHECK');
  });

  it('fails on an insecure main process, and on an allow-list entry that no longer matches anything', async () => {
    const empty = join(temp.dir, 'empty.json');
    await writeFile(empty, '[]');
    const stale = join(temp.dir, 'stale.json');
    await writeFile(stale, JSON.stringify([{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'gone.ts', justification: 'a justification long enough to count' }]));
    const fixture = join(repoRoot, 'tests/fixtures/electron-insecure');
    const [insecure, withStale] = await Promise.all([
      gate(['--input', fixture, '--allowlist', empty, '--sarif', join(temp.dir, 'insecure.sarif')]),
      gate(['--input', fixture, '--allowlist', stale, '--sarif', join(temp.dir, 'stale.sarif')]),
    ]);
    expect(insecure.code).toBe(1);
    expect(insecure.stdout).toContain('HIGH CONTEXT_ISOLATION_JS_CHECK main.js');
    expect(insecure.stdout).toContain('WEB_SECURITY_JS_CHECK');
    expect(withStale.code).toBe(1);
    expect(withStale.stdout).toContain('stale allow-list entry (matches nothing): NODE_INTEGRATION_JS_CHECK gone.ts');
  });
});

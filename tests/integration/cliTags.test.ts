import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

// Each step is a real `cvault` process (~1.5–3 s each: start-up and unlock), so the steps are few.
describe('cvault tags list / rename', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => { temp = await makeTempDir(); });
  afterEach(async () => { await temp.cleanup(); });

  it('renames a tag on every contract, merges onto an existing one, and fails with exit code 1 on an unknown tag', async () => {
    const env = { CVAULT_PASSPHRASE: 'vault passphrase for tags' };
    const vault = join(temp.dir, 'v');
    expect((await runCli(['init', vault, '--kdf', 'interactive', '--json'], env)).code).toBe(0);
    const files = ['租赁合同.txt', 'lease.txt', 'nda.txt'].map((name) => join(temp.dir, name));
    for (const [i, file] of files.entries()) await writeFile(file, `合同 ${i} agreement text ${i}`);
    const imported = JSON.parse((await runCli(['import', vault, ...files, '--json'], env)).stdout) as { contractId: string }[];
    const [a, b, c] = imported.map((o) => o.contractId);
    for (const id of [a, b]) expect((await runCli(['contract', 'edit', vault, id ?? '', '--tags', '续签'], env)).code).toBe(0);
    expect((await runCli(['contract', 'edit', vault, c ?? '', '--tags', 'renewal'], env)).code).toBe(0);

    const renamed = await runCli(['tags', 'rename', vault, '续签', '年度续签'], env);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout.trim()).toBe('Renamed the tag 续签 to 年度续签 on 2 contract(s).');

    // Onto an existing tag, in Chinese output with --json: the two merge.
    const merged = await runCli(['--lang', 'zh-CN', 'tags', 'rename', vault, '年度续签', 'renewal', '--json'], env);
    expect(JSON.parse(merged.stdout)).toEqual({ renamed: 2 });
    // Every contract now carries the one tag (a merge counts each once).
    const listed = await runCli(['tags', 'list', vault], env);
    expect(listed.stdout.trim()).toBe('renewal  3');

    const unknown = await runCli(['tags', 'rename', vault, 'no-such-tag', 'x'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-tag');
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/runCli.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

describe('cvault backup export / verify / restore', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => { temp = await makeTempDir(); });
  afterEach(async () => { await temp.cleanup(); });

  it('exports, verifies and restores from the command line, with --json and exit codes', async () => {
    const env = { CVAULT_PASSPHRASE: 'vault passphrase 1', CVAULT_BACKUP_PASSPHRASE: 'backup passphrase 2' };
    const vault = join(temp.dir, 'v');
    expect((await runCli(['init', vault, '--kdf', 'interactive', '--json'], env)).code).toBe(0);
    const input = join(temp.dir, '租赁合同.txt');
    await writeFile(input, '房屋租赁合同 甲方 乙方 租金每月 8000 元');
    expect((await runCli(['import', vault, input], env)).code).toBe(0);

    const file = join(temp.dir, 'b.cvbackup');
    const exported = await runCli(['backup', 'export', vault, file, '--kdf', 'interactive', '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ path: file, items: 4, blobs: 2 });

    const verified = await runCli(['backup', 'verify', file, '--json'], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, items: 4, verifiedItems: 4 });

    const bytes = await readFile(file);
    bytes[bytes.length - 200] = (bytes[bytes.length - 200] ?? 0) ^ 0x40;
    const damagedFile = join(temp.dir, 'damaged.cvbackup');
    await writeFile(damagedFile, bytes);
    const damaged = await runCli(['backup', 'verify', damagedFile], env);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain('DAMAGED');
    expect(damaged.stderr).toContain('damaged: manifest');

    const target = join(temp.dir, 'restored');
    const restored = await runCli(['--lang', 'zh-CN', 'backup', 'restore', file, target], env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('已将保险库');
    const list = await runCli(['list', target, '--json'], env);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });
});

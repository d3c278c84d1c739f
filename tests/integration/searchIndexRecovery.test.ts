import { spawn } from 'node:child_process';
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault, testPassphrase } from '../helpers/testVault.ts';
import { runCli } from '../helpers/runCli.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
type TestVault = Awaited<ReturnType<typeof createTestVault>>;

/** Contract titles a search finds, sorted. */
async function found(vault: TestVault, text: string): Promise<string[]> {
  const result = await vault.call('search.query', { text, limit: 100 });
  return result.hits.map((hit) => hit.title).sort();
}

async function reopen(vault: TestVault): Promise<void> {
  await vault.call('vault.lock', {});
  await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
}

/** Runs tests/fixtures/search/importThenCrash.ts: a process that imports a file, indexes it in memory, and dies unsaved. */
function importAndCrash(vaultDir: string, file: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/search/importThenCrash.ts', vaultDir, file], {
      cwd: repoRoot, env: { ...process.env, CVAULT_PASSPHRASE: testPassphrase }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal === 'SIGKILL' ? null : code));
  });
}

describe('search index recovery', () => {
  let vault: TestVault | undefined;
  afterEach(async () => { await vault?.cleanup(); vault = undefined; });

  async function vaultWithTwoContracts(): Promise<TestVault> {
    vault = await createTestVault();
    const a = await vault.writeInput('alpha.txt', '设备采购合同：付款的期限为三十日。Warranty of twelve months.');
    const b = await vault.writeInput('beta.txt', 'Service agreement with a confidentiality clause and 保密义务.');
    await vault.call('contracts.import', { paths: [a, b] });
    expect(await found(vault, '付款')).toEqual(['alpha']);
    await reopen(vault); // saves the snapshot
    await stat(join(vault.vaultDir, 'index', 'search.cvidx'));
    return vault;
  }

  it('catches up after a crash: changes the dead process never saved are replayed from the database', async () => {
    const v = await vaultWithTwoContracts();
    await v.call('vault.lock', {});
    const gamma = await v.writeInput('gamma.txt', 'Quarantine procedures for imported goods; 检疫程序。');
    expect(await importAndCrash(v.vaultDir, gamma)).toBeNull();
    await v.call('vault.unlock', { vaultDir: v.vaultDir, passphrase: testPassphrase });
    expect(await found(v, 'quarantine')).toEqual(['gamma']);
    expect(await found(v, '检疫')).toEqual(['gamma']);
    expect(await found(v, 'warranty')).toEqual(['alpha']);
  });

  it('rebuilds a damaged snapshot from the vault and saves a good one', async () => {
    const v = await vaultWithTwoContracts();
    await v.call('vault.lock', {});
    const path = join(v.vaultDir, 'index', 'search.cvidx');
    const bytes = await readFile(path);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    await v.call('vault.unlock', { vaultDir: v.vaultDir, passphrase: testPassphrase });
    expect(await found(v, '保密')).toEqual(['beta']);
    expect((await readFile(path)).equals(bytes)).toBe(false);
  });

  it('does not trust an older snapshot copied back over the current one', async () => {
    const v = await vaultWithTwoContracts();
    const old = join(v.root, 'old-snapshot');
    await copyFile(join(v.vaultDir, 'index', 'search.cvidx'), old);
    const contracts = await v.call('contracts.list', {});
    const alpha = contracts.find((c) => c.title === 'alpha');
    await v.call('contracts.update', { id: alpha?.id ?? '', title: 'renamed contract' });
    await found(v, 'renamed');
    await v.call('vault.lock', {});
    await copyFile(old, join(v.vaultDir, 'index', 'search.cvidx'));
    await v.call('vault.unlock', { vaultDir: v.vaultDir, passphrase: testPassphrase });
    expect(await found(v, 'renamed')).toEqual(['renamed contract']);
    expect(await found(v, 'alpha')).toEqual([]);
  });

  it('cvault reindex rebuilds the index, and cvault search prints the hits with their snippets', async () => {
    const v = await vaultWithTwoContracts();
    await v.call('vault.lock', {});
    const env = { CVAULT_PASSPHRASE: testPassphrase };
    const reindexed = await runCli(['reindex', v.vaultDir, '--json'], env);
    expect(reindexed.code).toBe(0);
    expect(JSON.parse(reindexed.stdout)).toMatchObject({ contracts: 2 });
    const searched = await runCli(['search', v.vaultDir, '保密', '--lang', 'zh-CN'], env);
    expect(searched.code).toBe(0);
    expect(searched.stdout).toContain('找到 1 份合同');
    expect(searched.stdout).toContain('[保密]');
    const none = await runCli(['search', v.vaultDir, 'nothing-like-this', '--json'], env);
    expect(JSON.parse(none.stdout)).toMatchObject({ total: 0, hits: [] });
    const unknown = await runCli(['search', v.vaultDir, 'x', '--customer', 'Nobody Ltd'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Nobody Ltd');
  });
});

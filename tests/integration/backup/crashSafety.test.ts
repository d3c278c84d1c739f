import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src-main/core/backend.ts';
import { verifyBackupFile } from '../../../src-main/core/backup/backupVerify.ts';
import { createVault } from '../../../src-main/core/vault/vaultKeys.ts';
import { kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';
import { buildCrashChild, checkVaultAfterKill, runAndKill, WarmChildren } from '../../fixtures/crash/crashHarness.ts';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';
import { expectOk, testPassphrase } from '../../helpers/testVault.ts';

// CI sizes; `npm run test:crash` runs the long version (1,000 import kills). The issue asks for 200
// kills in CI: children are started warm (WarmChildren) so a cycle is the work, the kill and the check.
const IMPORT_KILLS = Number(process.env.CRASH_KILLS ?? 200);
const IMPORT_BUDGET_MS = Number(process.env.CRASH_BUDGET_MS ?? 150_000);
const OTHER_KILLS = Number(process.env.CRASH_OTHER_KILLS ?? 10);

describe('the vault and its backups survive SIGKILL at random moments', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let child: string;
  beforeAll(async () => {
    temp = await makeTempDir();
    child = await buildCrashChild();
  });
  afterAll(async () => {
    await rm(child, { force: true });
    await temp.cleanup();
  });

  it(`imports in a loop killed up to ${IMPORT_KILLS} times: after each kill the vault unlocks, passes its checks, and no row points at a missing or altered blob`, async () => {
    const vaultDir = join(temp.dir, 'import-vault');
    const created = await createVault(vaultDir, testPassphrase, { kdf: kdfPresets.interactive });
    const checked = new Set<string>();
    const started = Date.now();
    let kills = 0;
    let swept = 0;
    let last = { versions: 0 };
    const keyEnv = { CRASH_VAULT_KEY: Buffer.from(created.vaultKey).toString('hex'), CRASH_VAULT_ID: created.header.vaultId };
    const children = new WarmChildren(child, ['import', vaultDir], keyEnv);
    try {
      while (kills < IMPORT_KILLS && Date.now() - started < IMPORT_BUDGET_MS) {
        await children.runAndKill(Math.floor(Math.random() * 120));
        kills++;
        const result = await checkVaultAfterKill(vaultDir, created.header.vaultId, created.vaultKey, checked);
        swept += result.sweptBlobs + result.sweptTemps;
        last = result;
      }
    } finally {
      await children.close();
    }
    console.log(`crash/import: ${kills} SIGKILLs in ${((Date.now() - started) / 1000).toFixed(1)} s; ${last.versions} versions committed and checked; ${swept} orphaned blobs/temp files swept at unlock`);
    expect(kills).toBe(IMPORT_KILLS);
    expect(last.versions).toBeGreaterThan(0);
  }, IMPORT_BUDGET_MS + 30_000);

  it('a backup export killed at random moments never leaves a file under the backup name that does not verify', async () => {
    const backend = new Backend({ actor: 'tester', locale: 'en' });
    const vaultDir = join(temp.dir, 'export-vault');
    const created = expectOk(await backend.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' }));
    await fillVaultForBackup(
      async (name, input) => expectOk(await backend.invoke(name, input)) as never,
      async (name, bytes) => { const { writeFile } = await import('node:fs/promises'); const p = join(temp.dir, name); await writeFile(p, bytes); return p; },
    );
    await backend.dispose();
    const outDir = join(temp.dir, 'exports');
    await import('node:fs/promises').then((fs) => fs.mkdir(outDir));
    const { unlockWithPassphrase } = await import('../../../src-main/core/vault/vaultKeys.ts');
    const { vaultKey } = await unlockWithPassphrase(vaultDir, testPassphrase);
    let complete = 0;
    for (let kill = 0; kill < OTHER_KILLS; kill++) {
      const keyEnv = { CRASH_VAULT_KEY: Buffer.from(vaultKey).toString('hex'), CRASH_VAULT_ID: created.vaultId };
      await runAndKill(child, ['export', vaultDir, join(outDir, 'b')], keyEnv, 200 + Math.floor(Math.random() * 1500));
      for (const name of (await readdir(outDir)).filter((n) => n.endsWith('.cvbackup'))) {
        const report = await verifyBackupFile(join(outDir, name), { kind: 'passphrase', passphrase: 'backup passphrase' });
        expect(report.ok, name).toBe(true);
        complete++;
        await rm(join(outDir, name));
      }
      await checkVaultAfterKill(vaultDir, created.vaultId, vaultKey, new Set());
    }
    const partials = (await readdir(outDir)).filter((n) => n.includes('.partial-'));
    console.log(`crash/export: ${OTHER_KILLS} SIGKILLs; ${complete} complete backups verified; ${partials.length} partial files left under .partial- names (never accepted as backups)`);
  }, 120_000);

  it('a restore killed at random moments leaves the target complete or absent', async () => {
    const backend = new Backend({ actor: 'tester', locale: 'en' });
    const vaultDir = join(temp.dir, 'restore-vault');
    const created = expectOk(await backend.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' }));
    await fillVaultForBackup(
      async (name, input) => expectOk(await backend.invoke(name, input)) as never,
      async (name, bytes) => { const { writeFile } = await import('node:fs/promises'); const p = join(temp.dir, `r-${name}`); await writeFile(p, bytes); return p; },
    );
    const file = join(temp.dir, 'r.cvbackup');
    expectOk(await backend.invoke('backup.export', { outPath: file, recoveryKey: created.recoveryKey }));
    await backend.dispose();
    let completeTargets = 0;
    let absentTargets = 0;
    for (let kill = 0; kill < OTHER_KILLS; kill++) {
      const target = join(temp.dir, 'restores', `t${kill}`);
      await runAndKill(child, ['restore', file, target], { CVAULT_RECOVERY_KEY: created.recoveryKey }, Math.floor(Math.random() * 300));
      const exists = await stat(target).then(() => true, () => false);
      if (!exists) {
        absentTargets++;
        continue;
      }
      completeTargets++;
      const check = new Backend({ actor: 'checker', locale: 'en' });
      try {
        expectOk(await check.invoke('vault.unlock', { vaultDir: target, passphrase: testPassphrase }));
        expect(expectOk(await check.invoke('vault.verify', {})).problems).toEqual([]);
      } finally {
        await check.dispose();
      }
    }
    console.log(`crash/restore: ${OTHER_KILLS} SIGKILLs; target complete ${completeTargets} times, absent ${absentTargets} times, never partial`);
    expect(completeTargets + absentTargets).toBe(OTHER_KILLS);
  }, 120_000);
});

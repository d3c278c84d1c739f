import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src-main/core/backend.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
const backupPassphrase = 'backup passphrase 备份口令';

describe('#5 Backups page gaps: the .cvbackup file picker, verified exports as good backups, restore with no vault open', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('fs.listFiles lists folders and .cvbackup files only, never another file name, on a locked backend', async () => {
    const dir = join(vault.root, 'pick');
    await mkdir(join(dir, 'Sub folder'), { recursive: true });
    await mkdir(join(dir, '.hidden'));
    await writeFile(join(dir, 'a.cvbackup'), 'x');
    await writeFile(join(dir, 'B 2.CVBACKUP'), 'xy');
    await writeFile(join(dir, 'B 10.cvbackup'), 'xyz');
    await writeFile(join(dir, '.secret.cvbackup'), 'x');
    await writeFile(join(dir, '客户合同.pdf'), 'x');
    await writeFile(join(dir, 'notes.cvbackup.txt'), 'x');
    await mkdir(join(dir, 'looks-like.cvbackup'));
    await symlink(join(dir, 'a.cvbackup'), join(dir, 'link.cvbackup'));
    await vault.call('vault.lock', {});

    const listing = await vault.call('fs.listFiles', { path: dir, kind: 'cvbackup' });
    expect(listing.path).toBe(dir);
    expect(listing.folders.map((f) => f.name)).toEqual(['looks-like.cvbackup', 'Sub folder']);
    expect(listing.files.map((f) => f.name)).toEqual(['a.cvbackup', 'B 2.CVBACKUP', 'B 10.cvbackup', 'link.cvbackup']);
    expect(listing.files[2]).toMatchObject({ path: join(dir, 'B 10.cvbackup'), bytes: 3 });
    expect(Number.isNaN(Date.parse(listing.files[0]?.modifiedAt ?? ''))).toBe(false);
    expect(JSON.stringify(listing)).not.toContain('客户合同');
    expect(JSON.stringify(listing)).not.toContain('notes');

    // No path: the start places only; other kinds, relative and dot paths are refused.
    expect(await vault.call('fs.listFiles', { kind: 'cvbackup' })).toMatchObject({ path: null, files: [], folders: [] });
    expectError(await vault.backend.invoke('fs.listFiles', { path: dir, kind: 'pdf' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('fs.listFiles', { path: 'pick', kind: 'cvbackup' }), 'FOLDER_PATH_INVALID');
    expectError(await vault.backend.invoke('fs.listFiles', { path: `${dir}/../pick`, kind: 'cvbackup' }), 'FOLDER_PATH_INVALID');
    expectError(await vault.backend.invoke('fs.listFiles', { path: join(dir, 'missing'), kind: 'cvbackup' }), 'FOLDER_PATH_NOT_FOUND');
  });

  it('a verified export of this vault clears the warning; an unverified one, an older one or another vault’s does not', async () => {
    const first = join(vault.root, 'first.cvbackup');
    await vault.call('backup.export', { outPath: first, backupPassphrase, kdf: 'interactive' });
    // Exported but never verified: still no good backup.
    expect(await vault.call('backup.status', {})).toMatchObject({ lastGood: null, overdue: true });

    const second = join(vault.root, 'second.cvbackup');
    const exported = await vault.call('backup.export', { outPath: second, backupPassphrase, kdf: 'interactive' });
    expect((await vault.call('backup.verify', { file: second, backupPassphrase })).ok).toBe(true);
    const status = await vault.call('backup.status', {});
    expect(status.overdue).toBe(false);
    expect(status.lastGood).toMatchObject({ snapshotId: exported.backupId, folder: second, kind: 'export' });

    // Verifying the older export afterwards keeps the newer one as the last good backup.
    expect((await vault.call('backup.verify', { file: first, backupPassphrase })).ok).toBe(true);
    expect((await vault.call('backup.status', {})).lastGood?.snapshotId).toBe(exported.backupId);

    // Another vault's backup verifies, but is no backup of this vault.
    const other = await createTestVault();
    try {
      const foreign = join(other.root, 'other.cvbackup');
      await other.call('backup.export', { outPath: foreign, backupPassphrase, kdf: 'interactive' });
      await vault.call('settings.update', { backupWarnDays: 0 });
      const before = (await vault.call('backup.status', {})).lastGood;
      expect((await vault.call('backup.verify', { file: foreign, backupPassphrase })).ok).toBe(true);
      expect((await vault.call('backup.status', {})).lastGood).toEqual(before);
    } finally {
      await other.cleanup();
    }
  });

  it('restores with no vault open (backup.restore needs only `open`), then the restored vault unlocks', async () => {
    await vault.call('customers.add', { name: '上海星辰贸易有限公司' });
    const file = join(vault.root, 'b.cvbackup');
    await vault.call('backup.export', { outPath: file, backupPassphrase, kdf: 'interactive' });
    await vault.call('vault.lock', {});

    // A fresh backend, as at the unlock screen: nothing unlocked, the source vault not even opened.
    const gate = new Backend({ actor: 'tester', locale: 'en' });
    try {
      expect(expectOk(await gate.invoke('vault.status', {})).unlocked).toBe(false);
      const progress: number[] = [];
      const target = join(vault.root, 'restored');
      const restored = expectOk(await gate.invoke('backup.restore', { file, targetDir: target, backupPassphrase }, { onProgress: (e) => progress.push(e.done) }));
      expect(restored.vaultDir).toBe(target);
      expect(progress.length).toBeGreaterThan(0);
      // Still nothing unlocked; the restored vault opens with the vault's own passphrase.
      expect(expectOk(await gate.invoke('vault.status', {})).unlocked).toBe(false);
      expectOk(await gate.invoke('vault.unlock', { vaultDir: target, passphrase: testPassphrase }));
      const customers = expectOk(await gate.invoke('customers.list', {}));
      expect(customers.map((c) => c.name)).toEqual(['上海星辰贸易有限公司']);
      // A wrong backup passphrase is refused.
      expectError(await gate.invoke('backup.restore', { file, targetDir: join(vault.root, 'wrong'), backupPassphrase: 'not the backup passphrase' }), 'BACKUP_WRONG_PASSPHRASE');
    } finally {
      await gate.dispose();
    }
  });
});

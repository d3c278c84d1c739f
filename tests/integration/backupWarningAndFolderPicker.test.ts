import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src-main/core/backend.ts';
import { createTestVault, expectError, expectOk } from '../helpers/testVault.ts';
import { makeTempDir } from '../helpers/tempDir.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('the backup warning threshold, a vault setting (#7 Backups page)', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('defaults to 7 days, is stored with the vault settings, audited, and decides backup.status overdue', async () => {
    expect((await vault.call('settings.get', {})).backupWarnDays).toBe(7);
    await vault.call('backup.schedule.set', { folder: join(vault.root, 'nas'), backupPassphrase: 'folder passphrase 文件夹', kdf: 'interactive' });
    await vault.call('backup.run', {});
    expect((await vault.call('backup.status', {})).overdue).toBe(false);

    // 0 days: any time at all since the last good backup is too long.
    expect((await vault.call('settings.update', { backupWarnDays: 0 })).backupWarnDays).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    expect((await vault.call('backup.status', {})).overdue).toBe(true);
    const audit = await vault.call('audit.list', {});
    expect(audit.some((e) => e.action === 'settings.update' && JSON.stringify(e.details).includes('backupWarnDays'))).toBe(true);

    // Kept across lock and unlock (it lives in the encrypted vault database).
    await vault.call('vault.lock', {});
    const { testPassphrase } = await import('../helpers/testVault.ts');
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    expect((await vault.call('settings.get', {})).backupWarnDays).toBe(0);
    await vault.call('settings.update', { backupWarnDays: 30 });
    expect((await vault.call('backup.status', {})).overdue).toBe(false);

    expectError(await vault.backend.invoke('settings.update', { backupWarnDays: -1 }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('settings.update', { backupWarnDays: 367 }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('settings.update', { backupWarnDays: 1.5 }), 'INVALID_INPUT');
  });

  it('falls back to the schedule’s warnAfterDays while the setting was never set', async () => {
    await vault.call('backup.schedule.set', { folder: join(vault.root, 'nas'), backupPassphrase: 'folder passphrase 文件夹', kdf: 'interactive', warnAfterDays: 3 });
    expect((await vault.call('settings.get', {})).backupWarnDays).toBe(3);
  });
});

describe('fs.listFolders and fs.createFolder (the folder picker, used before unlock)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: Backend;
  beforeEach(async () => {
    temp = await makeTempDir();
    backend = new Backend({ actor: 'tester', locale: 'en' });
  });
  afterEach(async () => {
    await backend.dispose();
    await temp.cleanup();
  });

  it('lists only visible folders (never files), sorted, with parent, home and roots, on a locked backend', async () => {
    const dir = join(temp.dir, 'pick');
    for (const name of ['合同', 'b10', 'b9', 'A', '.hidden']) await mkdir(join(dir, name), { recursive: true });
    await writeFile(join(dir, 'secret-customer-contract.pdf'), 'x');
    await symlink(join(dir, 'A'), join(dir, 'link-to-A'));
    await symlink(join(dir, 'secret-customer-contract.pdf'), join(dir, 'link-to-file'));

    const start = expectOk(await backend.invoke('fs.listFolders', {}));
    expect(start).toMatchObject({ path: null, parent: null, home: homedir(), folders: [] });
    expect(start.roots).toContain('/');

    const listing = expectOk(await backend.invoke('fs.listFolders', { path: `${dir}/` }));
    expect(listing.path).toBe(dir);
    expect(listing.parent).toBe(temp.dir);
    expect(listing.folders.map((f) => f.name)).toEqual(['A', 'b9', 'b10', 'link-to-A', '合同']);
    expect(listing.folders[0]?.path).toBe(join(dir, 'A'));
    expect(JSON.stringify(listing)).not.toContain('secret-customer-contract');
    expect(listing.truncated).toBe(false);

    expect(expectOk(await backend.invoke('fs.listFolders', { path: '/' })).parent).toBeNull();
  });

  it('refuses relative paths and traversal, and names a missing folder', async () => {
    for (const path of ['relative/dir', '.', '..', `${temp.dir}/../etc`, `${temp.dir}/./x`, 'C:relative']) {
      expectError(await backend.invoke('fs.listFolders', { path }), 'FOLDER_PATH_INVALID');
    }
    expectError(await backend.invoke('fs.listFolders', { path: join(temp.dir, 'absent') }), 'FOLDER_PATH_NOT_FOUND');
    await writeFile(join(temp.dir, 'file.txt'), 'x');
    expectError(await backend.invoke('fs.listFolders', { path: join(temp.dir, 'file.txt') }), 'FOLDER_PATH_NOT_FOUND');
  });

  it('creates one new folder by name, refusing names with separators and an existing name', async () => {
    const created = expectOk(await backend.invoke('fs.createFolder', { parent: temp.dir, name: '新保险库' }));
    expect(created.path).toBe(join(temp.dir, '新保险库'));
    expect(expectOk(await backend.invoke('fs.listFolders', { path: temp.dir })).folders.map((f) => f.name)).toContain('新保险库');
    expectError(await backend.invoke('fs.createFolder', { parent: temp.dir, name: '新保险库' }), 'FOLDER_NAME_TAKEN');
    expectError(await backend.invoke('fs.createFolder', { parent: temp.dir, name: '../escape' }), 'INVALID_INPUT');
    expectError(await backend.invoke('fs.createFolder', { parent: temp.dir, name: '..' }), 'INVALID_INPUT');
    expectError(await backend.invoke('fs.createFolder', { parent: 'relative', name: 'x' }), 'FOLDER_PATH_INVALID');
    expectError(await backend.invoke('fs.createFolder', { parent: join(temp.dir, 'absent'), name: 'x' }), 'FOLDER_PATH_NOT_FOUND');
  });
});

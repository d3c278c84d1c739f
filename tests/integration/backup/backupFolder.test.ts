import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { createTestVault, expectError, testPassphrase } from '../../helpers/testVault.ts';
import { Backend } from '../../../src-main/core/backend.ts';
import { snapshotsToKeep } from '../../../src-main/core/backup/backupRetention.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
const backupPassphrase = 'folder passphrase 文件夹';

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

describe('scheduled incremental backups to a folder', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('stores each blob once, writes the snapshot last, restores the newest snapshot, and names a damaged object', async () => {
    await fillVaultForBackup(vault.call, vault.writeInput);
    const folder = join(vault.root, 'nas');
    expectError(await vault.backend.invoke('backup.run', {}), 'BACKUP_FOLDER_NOT_SET');
    expect((await vault.call('backup.status', {})).overdue).toBe(true);
    await vault.call('backup.schedule.set', { folder, backupPassphrase, kdf: 'interactive', keepLast: 5 });
    expect(await vault.call('backup.schedule.get', {})).toMatchObject({ folder, keepLast: 5, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, intervalHours: 24 });

    const first = await vault.call('backup.run', {});
    expect(first).toMatchObject({ blobs: 10, newBlobs: 10 });
    const status = await vault.call('backup.status', {});
    expect(status).toMatchObject({ lastGood: { snapshotId: first.snapshotId }, due: false, overdue: false });

    // Nothing changed in the blobs: the second run writes no blob again (only the database, if it changed).
    const second = await vault.call('backup.run', {});
    expect(second.newBlobs).toBe(0);
    const objectsAfterSecond = (await filesIn(join(folder, 'objects'))).length;

    await vault.call('contracts.import', { paths: [await vault.writeInput('new.txt', 'Supply agreement, delivery in June.')] });
    const third = await vault.call('backup.run', {});
    expect(third).toMatchObject({ blobs: 12, newBlobs: 2 });
    expect((await filesIn(join(folder, 'objects'))).length).toBeGreaterThan(objectsAfterSecond);

    // Nothing readable in the folder.
    for (const file of await filesIn(folder)) {
      const bytes = await readFile(file);
      for (const secret of ['北京纷享科技有限公司', 'Supply agreement', '采购合同']) expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
    }
    // An interrupted run (simulated: a snapshot's temp file and a stray object) never lists as a backup.
    await writeFile(join(folder, 'snapshots', '.x.cvsnap.tmp-00'), 'partial');
    const list = await vault.call('backup.list', {});
    expect(list.map((s) => s.snapshotId)).toEqual([first.snapshotId, second.snapshotId, third.snapshotId]);
    expect(list.every((s) => s.damaged === null)).toBe(true);

    // Restore the newest snapshot without the vault: only the folder and its passphrase.
    await vault.call('vault.lock', {});
    const restorer = new Backend({ actor: 'restorer', locale: 'en' });
    try {
      const target = join(vault.root, 'restored');
      const verified = await restorer.invoke('backup.verify', { file: folder, backupPassphrase });
      expect(verified.ok && verified.value.ok).toBe(true);
      const restored = await restorer.invoke('backup.restore', { file: folder, targetDir: target, backupPassphrase });
      expect(restored.ok).toBe(true);
      expect((await restorer.invoke('vault.unlock', { vaultDir: target, passphrase: testPassphrase })).ok).toBe(true);
      const contracts = await restorer.invoke('contracts.list', {});
      expect(contracts.ok && contracts.value.length).toBe(3);
      await restorer.invoke('vault.lock', {});

      // An older snapshot by id prefix, too.
      const older = join(vault.root, 'older');
      expect((await restorer.invoke('backup.restore', { file: folder, targetDir: older, backupPassphrase, snapshot: first.snapshotId.slice(0, 8) })).ok).toBe(true);
      await restorer.invoke('vault.unlock', { vaultDir: older, passphrase: testPassphrase });
      const olderContracts = await restorer.invoke('contracts.list', {});
      expect(olderContracts.ok && olderContracts.value.length).toBe(2);
      await restorer.invoke('vault.lock', {});

      // A damaged object is named; restore refuses. Every object gets one flipped byte: which object a given
      // snapshot needs depends on content-addressed names, and a single victim was sometimes one that neither
      // verified snapshot uses (a flaky pass/fail). Each snapshot must now report each object it reads.
      const objects = await filesIn(join(folder, 'objects'));
      expect(objects.length).toBeGreaterThan(0);
      for (const victim of objects) {
        const bytes = await readFile(victim);
        bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 1;
        await writeFile(victim, bytes);
      }
      for (const snapshot of [first.snapshotId, undefined]) {
        const damaged = await restorer.invoke('backup.verify', { file: folder, backupPassphrase, ...(snapshot === undefined ? {} : { snapshot }) });
        expect(damaged.ok && !damaged.value.ok && damaged.value.problems.length > 0).toBe(true);
      }
      expect((await restorer.invoke('backup.restore', { file: folder, targetDir: join(vault.root, 'refused'), backupPassphrase })).ok).toBe(false);
      expectError(await restorer.invoke('backup.verify', { file: folder, backupPassphrase: 'wrong passphrase!' }), 'BACKUP_WRONG_PASSPHRASE');
    } finally {
      await restorer.dispose();
    }
  });

  it('turns scheduled backups off: the schedule and its key leave the vault, the folder and its backups stay', async () => {
    const folder = join(vault.root, 'nas-off');
    await vault.call('backup.schedule.set', { folder, backupPassphrase, kdf: 'interactive' });
    await vault.call('backup.run', {});
    const before = await filesIn(folder);
    expect(await vault.call('backup.schedule.clear', {})).toEqual({ cleared: true });
    expect(await vault.call('backup.schedule.get', {})).toBeNull();
    expect((await vault.call('backup.status', {})).schedule).toBeNull();
    expectError(await vault.backend.invoke('backup.run', {}), 'BACKUP_FOLDER_NOT_SET');
    expect(await filesIn(folder)).toEqual(before);
    expect((await vault.call('audit.list', { limit: 5 })).map((e) => e.action)).toContain('backup.schedule.clear');
    // Nothing to clear the second time, and nothing audited.
    expect(await vault.call('backup.schedule.clear', {})).toEqual({ cleared: false });
    // The folder can be scheduled again; it is opened with its own secret.
    await vault.call('backup.schedule.set', { folder, backupPassphrase });
    expect((await vault.call('backup.run', {})).newBlobs).toBe(0);
  });

  it('prunes by the retention policy and deletes only objects no kept snapshot needs', async () => {
    await vault.call('contracts.import', { paths: [await vault.writeInput('a.txt', 'Agreement A')] });
    const folder = join(vault.root, 'usb');
    await vault.call('backup.schedule.set', { folder, recoveryKey: vault.recoveryKey, keepLast: 5 });
    const one = await vault.call('backup.run', {});
    await vault.call('contracts.import', { paths: [await vault.writeInput('b.txt', 'Agreement B')] });
    await vault.call('backup.run', {});
    expect(await vault.call('backup.list', {})).toHaveLength(2);
    const pruned = await vault.call('backup.prune', { keepLast: 1, keepDaily: 1, keepWeekly: 0, keepMonthly: 0 });
    // Both runs are today: one daily slot keeps the newest.
    expect(pruned).toMatchObject({ kept: 1, removed: 1 });
    const left = await vault.call('backup.list', {});
    expect(left).toHaveLength(1);
    expect(left[0]?.snapshotId).not.toBe(one.snapshotId);
    // A (its blobs are still in the newest snapshot) is kept; the first run's database object is gone.
    expect(pruned.objects).toBeGreaterThanOrEqual(1);
    await vault.call('vault.lock', {});
    const restorer = new Backend({ actor: 'r', locale: 'en' });
    try {
      const verified = await restorer.invoke('backup.verify', { file: folder, recoveryKey: vault.recoveryKey });
      expect(verified.ok && verified.value.ok).toBe(true);
    } finally {
      await restorer.dispose();
    }
    await rm(folder, { recursive: true });
  });

  it('keeps the newest snapshot of each of the last N days, weeks and months', () => {
    const at = (iso: string) => ({ id: iso, createdAt: new Date(iso).toISOString() });
    const snapshots = [
      at('2026-01-05T10:00:00'), at('2026-01-20T10:00:00'), at('2026-02-10T10:00:00'), at('2026-03-01T09:00:00'),
      at('2026-03-09T10:00:00'), at('2026-03-10T08:00:00'), at('2026-03-10T20:00:00'), at('2026-03-11T10:00:00'),
    ];
    const policy = { keepLast: 1, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 };
    const ids = (keep: Set<string>) => [...keep].map((id) => id.slice(0, 13)).sort();
    expect(ids(snapshotsToKeep(snapshots, { ...policy, keepDaily: 2 }))).toEqual(['2026-03-10T20', '2026-03-11T10']);
    expect(ids(snapshotsToKeep(snapshots, { ...policy, keepWeekly: 2 }))).toEqual(['2026-03-01T09', '2026-03-11T10']);
    expect(ids(snapshotsToKeep(snapshots, { ...policy, keepMonthly: 3 }))).toEqual(['2026-01-20T10', '2026-02-10T10', '2026-03-11T10']);
    expect(ids(snapshotsToKeep(snapshots, policy))).toEqual(['2026-03-11T10']);
    expect(ids(snapshotsToKeep(snapshots, { ...policy, keepLast: 3 }))).toEqual(['2026-03-10T08', '2026-03-10T20', '2026-03-11T10']);
  });
});

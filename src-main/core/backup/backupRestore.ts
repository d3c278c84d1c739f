import { mkdir, open, readdir, rename, rm, rmdir, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { BackupRestoreResult } from '../../../src-shared/model/backup.ts';
import { getSodium } from '../crypto/sodium.ts';
import { syncDirectory } from '../files/syncDirectory.ts';
import { readItem, type WrittenItem } from './backupItems.ts';
import type { BackupSecret } from './backupKey.ts';
import { closeBackupFile, openBackupFile, verifyOpenedBackup, type BackupProgress } from './backupVerify.ts';
import { RESTORE_MARKER_FILE, type RestoreMarker } from './restoreMarker.ts';

/**
 * Restores a backup into a new vault folder: verifies the whole file first (nothing is written when
 * any part is damaged), then writes every item into a hidden sibling folder, fsyncs it, and renames it
 * to the target in one step, so a crash leaves the target either complete or absent. The restored
 * vault opens with the passphrase and recovery key it had; its first unlock records a "restored from
 * backup" audit event (restoreMarker.ts), since the audit chain's key is not known here.
 */
export async function restoreBackup(file: string, targetDir: string, secret: BackupSecret, onProgress?: BackupProgress): Promise<BackupRestoreResult> {
  const target = resolve(targetDir);
  await assertUsableTarget(target);
  const backup = await openBackupFile(file, secret);
  const sodium = await getSodium();
  const tempDir = join(dirname(target), `.${basename(target)}.restoring-${sodium.to_hex(sodium.randombytes_buf(8))}`);
  try {
    const { report, manifest } = await verifyOpenedBackup(backup, onProgress === undefined ? undefined : (done, total) => onProgress(done, total * 2));
    // A blob that had changed in the vault before the backup is restored as the vault held it (decision 0028);
    // the restored vault's own verify names it. Anything else damaged stops the restore before a byte is written.
    const damaged = report.problems.filter((problem) => problem.changedInVault !== true);
    if (damaged.length > 0 || manifest === null) throw new AppError('BACKUP_DAMAGED', { file, problems: damaged.length });
    const changedInVault = new Set(report.problems.filter((problem) => problem.changedInVault === true).map((problem) => problem.index));
    const total = manifest.items.reduce((sum, item) => sum + item.size, 0);
    let done = total;

    await mkdir(dirname(target), { recursive: true });
    await mkdir(tempDir, { mode: 0o700 });
    const manifestEnd = backup.fileSize - 12;
    const createdDirs = new Set<string>();
    for (const item of manifest.items) {
      const path = join(tempDir, relativePathOf(item));
      if (!createdDirs.has(dirname(path))) {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        createdDirs.add(dirname(path));
      }
      const handle = await open(path, 'wx', 0o600);
      try {
        // Read a second time: verify proved the file sound, but it could have changed since; each
        // chunk authenticates again and the hash is compared again before the folder is committed.
        const result = await readItem(backup.handle, backup.items, item.index, item.offset, manifestEnd,
          async (chunk) => {
            await writeAll(handle, chunk);
            done += chunk.length;
            onProgress?.(done, total * 2);
          });
        if (!result.ok || result.size !== item.size || (result.sha256 !== item.sha256 && !changedInVault.has(item.index))) throw new AppError('BACKUP_DAMAGED', { file, problems: 1 });
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const marker: RestoreMarker = { backupId: manifest.backupId, backupCreatedAt: manifest.createdAt, restoredAt: new Date().toISOString() };
    await writeFile(join(tempDir, RESTORE_MARKER_FILE), JSON.stringify(marker), { mode: 0o600, flag: 'wx' });
    for (const dir of [...createdDirs].sort((a, b) => b.length - a.length)) await syncDirectory(dir);
    await syncDirectory(tempDir);
    // An empty target folder the user made is replaced; rename() onto a non-empty folder would fail anyway.
    await rmdir(target).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new AppError('BACKUP_TARGET_NOT_EMPTY', { dir: targetDir });
    });
    await rename(tempDir, target);
    await syncDirectory(dirname(target));
    return { vaultDir: target, vaultId: manifest.vaultId, backupId: manifest.backupId, items: manifest.items.length, bytes: total, changedInVault: changedInVault.size };
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    await closeBackupFile(backup);
  }
}

/** Where an item goes inside the vault folder; ids and names are checked so a crafted manifest cannot write elsewhere. */
function relativePathOf(item: WrittenItem): string {
  if (item.kind === 'vault.json') return 'vault.json';
  if (item.kind === 'database') return 'vault.db';
  if (item.kind === 'blob' && /^[0-9a-f]{32}$/.test(item.name)) return join('blobs', item.name.slice(0, 2), item.name);
  throw new AppError('BACKUP_DAMAGED', { file: item.name.slice(0, 64), problems: 1 });
}

/** The target must be absent or an empty folder: a restore never overwrites or merges into anything. */
async function assertUsableTarget(target: string): Promise<void> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!info.isDirectory() || (await readdir(target)).length > 0) throw new AppError('BACKUP_TARGET_NOT_EMPTY', { dir: target });
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

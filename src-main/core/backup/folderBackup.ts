import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { BackupRestoreResult } from '../../../src-shared/model/backup.ts';
import type { BackupFolderSnapshot, BackupRunResult } from '../../../src-shared/model/backupFolder.ts';
import { getSodium } from '../crypto/sodium.ts';
import { syncDirectory } from '../files/syncDirectory.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { blobPath, fileChunks } from './backupExport.ts';
import { BackupFolder, readFolderHeader, type SnapshotItem, type SnapshotManifest } from './backupFolder.ts';
import { openBackupKey, type BackupSecret } from './backupKey.ts';
import { snapshotsToKeep, type RetentionPolicy } from './backupRetention.ts';
import { takeDatabaseSnapshot } from './databaseSnapshot.ts';
import { RESTORE_MARKER_FILE, type RestoreMarker } from './restoreMarker.ts';
import type { ItemDamage } from './backupItems.ts';

/** Opens a backup folder with its key (from the vault's schedule, or derived from the user's secret). */
export async function openFolder(dir: string, key: Uint8Array | BackupSecret, vaultId?: string): Promise<BackupFolder> {
  const header = await readFolderHeader(dir);
  if (header === undefined) throw new AppError('BACKUP_SNAPSHOT_NOT_FOUND', { snapshot: dir });
  if (vaultId !== undefined && header.vaultId !== vaultId) throw new AppError('BACKUP_FOLDER_OF_OTHER_VAULT', { dir });
  const bytes = key instanceof Uint8Array ? Uint8Array.from(key) : await openBackupKey(header.key, key);
  return new BackupFolder(dir, header, bytes);
}

/**
 * One incremental run: a database snapshot and vault.json (stored again only if they changed), and
 * every referenced blob not already in the folder. A blob listed in the newest snapshot with the same
 * size is known to be there (blobs never change under their random id), so it is not even read.
 * The snapshot manifest is written last: an interrupted run is never a good backup.
 */
export async function runFolderBackup(session: VaultSession, folder: BackupFolder, onProgress?: (done: number, total: number) => void): Promise<BackupRunResult> {
  const started = performance.now();
  const previous = latestGood(await folder.listSnapshots());
  const known = new Map(previous?.items.filter((item) => item.kind === 'blob').map((item) => [item.name, item]) ?? []);
  const snapshot = await takeDatabaseSnapshot(session);
  try {
    const blobs = await Promise.all(snapshot.blobIds.map(async (blobId) => ({ blobId, size: (await stat(blobPath(session.dir, blobId))).size })));
    const fresh = blobs.filter(({ blobId, size }) => known.get(blobId)?.size !== size);
    const total = snapshot.size + fresh.reduce((sum, b) => sum + b.size, 0);
    let done = 0;
    const counted = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };
    let newBytes = 0;
    let newBlobs = 0;
    const items: SnapshotItem[] = [];
    const put = async (kind: SnapshotItem['kind'], name: string, source: AsyncIterable<Uint8Array> | Uint8Array) => {
      const stored = await folder.putObject(source, counted);
      newBytes += stored.written;
      items.push({ kind, name, object: stored.object, size: stored.size, sha256: stored.sha256 });
      return stored.written > 0;
    };
    await put('vault.json', 'vault.json', await readFile(join(session.dir, 'vault.json')));
    await put('database', 'vault.db', fileChunks(snapshot.path));
    for (const { blobId, size } of blobs) {
      const reuse = known.get(blobId);
      if (reuse !== undefined && reuse.size === size && await folder.hasObject(reuse.object)) {
        items.push(reuse);
        continue;
      }
      if (await put('blob', blobId, fileChunks(blobPath(session.dir, blobId)))) newBlobs++;
    }
    const manifest: SnapshotManifest = {
      snapshotVersion: 1, snapshotId: randomUUID(), vaultId: session.vaultId, createdAt: new Date().toISOString(), schemaVersion: snapshot.schemaVersion, items,
    };
    const file = await folder.writeSnapshot(manifest);
    return {
      folder: folder.dir, snapshotId: manifest.snapshotId, file, createdAt: manifest.createdAt, blobs: blobs.length, newBlobs, newBytes,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await snapshot.remove();
  }
}

/** The snapshots of a folder, oldest first, each with its size; damaged snapshot files are listed as such. */
export async function listFolderBackups(folder: BackupFolder): Promise<BackupFolderSnapshot[]> {
  return (await folder.listSnapshots()).map((entry) => ('manifest' in entry
    ? { file: entry.file, snapshotId: entry.manifest.snapshotId, createdAt: entry.manifest.createdAt, items: entry.manifest.items.length,
      bytes: entry.manifest.items.reduce((sum, item) => sum + item.size, 0), damaged: null }
    : { file: entry.file, snapshotId: null, createdAt: null, items: 0, bytes: 0, damaged: entry.problem, ...(entry.values === undefined ? {} : { damagedValues: entry.values }) }));
}

/** Applies the retention policy, then deletes objects no remaining snapshot needs. */
export async function pruneFolder(folder: BackupFolder, policy: RetentionPolicy): Promise<{ kept: number; removed: number; objects: number }> {
  const entries = await folder.listSnapshots();
  const good = entries.flatMap((entry) => ('manifest' in entry ? [{ file: entry.file, manifest: entry.manifest }] : []));
  const keep = snapshotsToKeep(good.map((g) => ({ id: g.file, createdAt: g.manifest.createdAt })), policy);
  let removed = 0;
  for (const { file } of good) {
    if (keep.has(file)) continue;
    await folder.removeSnapshot(file);
    removed++;
  }
  // Damaged snapshot files are kept (a person should look at them), but their objects are not protected by guesswork.
  const referenced = new Set(good.filter((g) => keep.has(g.file)).flatMap((g) => g.manifest.items.map((item) => item.object)));
  const objects = await folder.collectGarbage(referenced);
  return { kept: keep.size, removed, objects };
}

/** The newest snapshot whose manifest reads. */
export function latestGood(entries: Awaited<ReturnType<BackupFolder['listSnapshots']>>): SnapshotManifest | undefined {
  const good = entries.flatMap((entry) => ('manifest' in entry ? [entry.manifest] : []));
  return good.at(-1);
}

/** Checks every object of a snapshot (default: the newest); returns the damaged items. */
export async function verifyFolderSnapshot(folder: BackupFolder, snapshotId?: string, onProgress?: (done: number, total: number) => void): Promise<{ manifest: SnapshotManifest; problems: Array<{ item: SnapshotItem; damage: ItemDamage }>; checkedBytes: number }> {
  const manifest = pickSnapshot(await folder.listSnapshots(), snapshotId);
  const total = manifest.items.reduce((sum, item) => sum + item.size, 0);
  let checkedBytes = 0;
  const problems: Array<{ item: SnapshotItem; damage: ItemDamage }> = [];
  for (const item of manifest.items) {
    const result = await folder.readObject(item.object, item.sha256, (chunk) => {
      checkedBytes += chunk.length;
      onProgress?.(checkedBytes, total);
    });
    if (!result.ok) problems.push({ item, damage: result });
  }
  return { manifest, problems, checkedBytes };
}

/** Restores a snapshot of a backup folder into a new folder: verified first, then written beside the target and renamed. */
export async function restoreFromFolder(folder: BackupFolder, targetDir: string, snapshotId?: string, onProgress?: (done: number, total: number) => void): Promise<BackupRestoreResult> {
  const target = resolve(targetDir);
  const { manifest, problems } = await verifyFolderSnapshot(folder, snapshotId, onProgress);
  if (problems.length > 0) throw new AppError('BACKUP_DAMAGED', { file: folder.dir, problems: problems.length });
  const info = await stat(target).catch(() => undefined);
  if (info !== undefined) {
    if (!info.isDirectory() || (await readdir(target)).length > 0) throw new AppError('BACKUP_TARGET_NOT_EMPTY', { dir: target });
  }
  const sodium = await getSodium();
  const tempDir = join(dirname(target), `.${basename(target)}.restoring-${sodium.to_hex(sodium.randombytes_buf(8))}`);
  try {
    await mkdir(tempDir, { recursive: true, mode: 0o700 });
    const dirs = new Set<string>([tempDir]);
    for (const item of manifest.items) {
      const relative = item.kind === 'vault.json' ? 'vault.json' : item.kind === 'database' ? 'vault.db' : join('blobs', item.name.slice(0, 2), item.name);
      if (item.kind === 'blob' && !/^[0-9a-f]{32}$/.test(item.name)) throw new AppError('BACKUP_DAMAGED', { file: folder.dir, problems: 1 });
      const path = join(tempDir, relative);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      dirs.add(dirname(path));
      const handle = await open(path, 'wx', 0o600);
      try {
        const result = await folder.readObject(item.object, item.sha256, async (chunk) => { await handle.write(chunk); });
        if (!result.ok) throw new AppError('BACKUP_DAMAGED', { file: folder.dir, problems: 1 });
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    const marker: RestoreMarker = { backupId: manifest.snapshotId, backupCreatedAt: manifest.createdAt, restoredAt: new Date().toISOString() };
    await writeFile(join(tempDir, RESTORE_MARKER_FILE), JSON.stringify(marker), { mode: 0o600, flag: 'wx' });
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await syncDirectory(dir);
    await rmdir(target).catch(() => undefined);
    await rename(tempDir, target);
    await syncDirectory(dirname(target));
    return { vaultDir: target, vaultId: manifest.vaultId, backupId: manifest.snapshotId, items: manifest.items.length, bytes: manifest.items.reduce((s, i) => s + i.size, 0),
      // A folder object's hash is taken from the bytes as they are stored into the folder.
      changedInVault: 0 };
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

function pickSnapshot(entries: Awaited<ReturnType<BackupFolder['listSnapshots']>>, snapshotId: string | undefined): SnapshotManifest {
  const good = entries.flatMap((entry) => ('manifest' in entry ? [entry.manifest] : []));
  const found = snapshotId === undefined ? good.at(-1) : good.find((m) => m.snapshotId === snapshotId || m.snapshotId.startsWith(snapshotId));
  if (found === undefined) throw new AppError('BACKUP_SNAPSHOT_NOT_FOUND', { snapshot: snapshotId ?? '' });
  return found;
}

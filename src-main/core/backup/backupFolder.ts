import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import { syncDirectory } from '../files/syncDirectory.ts';
import type { BackupKeySpec } from './backupHeader.ts';
import { BackupItemWriter, readItem, type ItemContext } from './backupItems.ts';
import { itemCipherFor } from './itemCipher.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';
import type { ItemDamage } from './backupItems.ts';

/**
 * A backup folder (incremental, content-addressed), format 1:
 *
 *   cvault-backups.json          plaintext header: format, version, folder id, vault id, how the key is derived
 *   objects/xx/<id>              one encrypted object per distinct content (a blob as stored, a database
 *                                snapshot, vault.json); <id> = keyed BLAKE2b of its SHA-256, so the same
 *                                content is stored once and the name reveals nothing without the key
 *   snapshots/<time>-<id>.cvsnap one encrypted manifest per completed run, written last (temp -> fsync ->
 *                                rename): a run cut short leaves no snapshot, only objects the next run reuses
 *
 * Objects and snapshots use the item stream of backupItems.ts; their associated data binds them to this
 * folder (and a snapshot's to its name), and each object's content is re-checked against the SHA-256
 * the snapshot recorded, so a swapped or altered object is named by verify.
 */

export const FOLDER_HEADER_FILE = 'cvault-backups.json';
export const FOLDER_FORMAT_VERSION = 1;
const SNAPSHOT_SUFFIX = '.cvsnap';
const OBJECT_ID = /^[0-9a-f]{64}$/;
const CHUNK = 1024 * 1024;

/** The plaintext header of a backup folder. */
export interface FolderHeader {
  format: 'contract-vault-backup-folder';
  formatVersion: number;
  folderId: string;
  vaultId: string;
  createdAt: string;
  key: BackupKeySpec;
}

/** One item of a snapshot: which object holds it. */
export interface SnapshotItem {
  kind: 'vault.json' | 'database' | 'blob';
  name: string;
  object: string;
  size: number;
  sha256: string;
}

/** A completed run. */
export interface SnapshotManifest {
  snapshotVersion: 1;
  snapshotId: string;
  vaultId: string;
  createdAt: string;
  schemaVersion: number;
  items: SnapshotItem[];
}

/** Reads a folder's header; undefined when the folder has none (not yet a backup folder). */
export async function readFolderHeader(folder: string): Promise<FolderHeader | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, FOLDER_HEADER_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let header: FolderHeader;
  try {
    header = JSON.parse(text) as FolderHeader;
  } catch (cause) {
    throw new AppError('BACKUP_DAMAGED', { file: join(folder, FOLDER_HEADER_FILE), problems: 1 }, { cause });
  }
  if (header.format !== 'contract-vault-backup-folder') throw new AppError('BACKUP_NOT_A_BACKUP', { file: join(folder, FOLDER_HEADER_FILE) });
  if (header.formatVersion > FOLDER_FORMAT_VERSION) throw new AppError('BACKUP_FORMAT_TOO_NEW', { file: folder, found: header.formatVersion, supported: FOLDER_FORMAT_VERSION });
  return header;
}

/** Makes `folder` a backup folder of `vaultId` (durably), or returns its existing header. */
export async function initFolder(folder: string, vaultId: string, key: BackupKeySpec): Promise<FolderHeader> {
  const existing = await readFolderHeader(folder);
  if (existing !== undefined) return existing;
  await mkdir(join(folder, 'objects'), { recursive: true });
  await mkdir(join(folder, 'snapshots'), { recursive: true });
  const header: FolderHeader = { format: 'contract-vault-backup-folder', formatVersion: FOLDER_FORMAT_VERSION, folderId: randomUUID(), vaultId, createdAt: new Date().toISOString(), key };
  await writeDurably(folder, FOLDER_HEADER_FILE, new TextEncoder().encode(JSON.stringify(header, null, 2)));
  return header;
}

/** The open side of a backup folder: its header and key. */
export class BackupFolder {
  constructor(readonly dir: string, readonly header: FolderHeader, private readonly key: Uint8Array) {}

  /** The object id of content with this SHA-256 (hex). */
  async objectIdOf(sha256: string): Promise<string> {
    const sodium = await getSodium();
    return sodium.crypto_generichash(32, sodium.from_string(`cv-backup-object-id-v1\0${sha256}`), this.key, 'hex');
  }

  /** Whether an object is already stored. */
  async hasObject(objectId: string): Promise<boolean> {
    return stat(this.objectPath(objectId)).then(() => true, () => false);
  }

  /**
   * Stores content as an object unless the same content is already there. Written under a temporary
   * name (hashing as it encrypts), then renamed to its content address; returns the id and whether it was new.
   */
  async putObject(source: AsyncIterable<Uint8Array> | Uint8Array, onBytes?: (n: number) => void): Promise<{ object: string; size: number; sha256: string; written: number }> {
    const sodium = await getSodium();
    const tempDir = join(this.dir, 'objects', '.tmp');
    await mkdir(tempDir, { recursive: true });
    const tempPath = join(tempDir, sodium.to_hex(sodium.randombytes_buf(16)));
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      const writer = new BackupItemWriter(handle, await this.objectContext(), 0);
      const item = await writer.writeItem(0, { kind: 'blob', name: 'object' }, source, onBytes);
      const object = await this.objectIdOf(item.sha256);
      if (await this.hasObject(object)) return { object, size: item.size, sha256: item.sha256, written: 0 };
      await handle.sync();
      const shard = join(this.dir, 'objects', object.slice(0, 2));
      await mkdir(shard, { recursive: true });
      await rename(tempPath, this.objectPath(object));
      await syncDirectory(shard);
      return { object, size: item.size, sha256: item.sha256, written: writer.position };
    } finally {
      await handle.close();
      await rm(tempPath, { force: true });
    }
  }

  /** Decrypts an object, passing its chunks to `onData`; ok only if it authenticates and matches `sha256`. */
  async readObject(object: string, sha256: string, onData?: (chunk: Uint8Array) => Promise<void> | void): Promise<{ ok: true } | ItemDamage> {
    let handle;
    try {
      handle = await open(this.objectPath(object), 'r');
    } catch {
      return { ok: false, detail: 'reason.backup.objectMissing' };
    }
    try {
      const size = (await handle.stat()).size;
      const result = await readItem(handle, await this.objectContext(), 0, 0, size, onData);
      if (!result.ok) return { ok: false, detail: result.detail, ...(result.values === undefined ? {} : { values: result.values }) };
      if (result.length + 8 !== size) return { ok: false, detail: 'reason.backup.bytesAfterObject' };
      if (result.sha256 !== sha256) return { ok: false, detail: 'reason.backup.objectHashMismatch' };
      return { ok: true };
    } finally {
      await handle.close();
    }
  }

  /** Writes a snapshot manifest last, atomically: only now does the run count. */
  async writeSnapshot(manifest: SnapshotManifest): Promise<string> {
    const sodium = await getSodium();
    const name = `${manifest.createdAt.replace(/[:.]/g, '-')}-${manifest.snapshotId}${SNAPSHOT_SUFFIX}`;
    const tempPath = join(this.dir, 'snapshots', `.${name}.tmp-${sodium.to_hex(sodium.randombytes_buf(8))}`);
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      const writer = new BackupItemWriter(handle, await this.snapshotContext(manifest.snapshotId), 0);
      await writer.writeItem(0, { kind: 'manifest', name: manifest.snapshotId }, new TextEncoder().encode(JSON.stringify(manifest)));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, join(this.dir, 'snapshots', name));
    await syncDirectory(join(this.dir, 'snapshots'));
    return name;
  }

  /** Every completed snapshot, oldest first; a damaged one is returned as a problem, never skipped silently. */
  async listSnapshots(): Promise<Array<{ file: string; manifest: SnapshotManifest } | { file: string; problem: ReasonKey; values?: Record<string, number> }>> {
    const names = (await readdir(join(this.dir, 'snapshots')).catch(() => [] as string[]))
      .filter((name) => name.endsWith(SNAPSHOT_SUFFIX) && !name.startsWith('.')).sort();
    const out: Array<{ file: string; manifest: SnapshotManifest } | { file: string; problem: ReasonKey; values?: Record<string, number> }> = [];
    for (const file of names) {
      const snapshotId = file.slice(-SNAPSHOT_SUFFIX.length - 36, -SNAPSHOT_SUFFIX.length);
      const path = join(this.dir, 'snapshots', file);
      const handle = await open(path, 'r');
      try {
        const chunks: Uint8Array[] = [];
        const size = (await handle.stat()).size;
        const result = await readItem(handle, await this.snapshotContext(snapshotId), 0, 0, size, (c) => { chunks.push(c); });
        if (!result.ok) {
          out.push({ file, problem: result.detail, ...(result.values === undefined ? {} : { values: result.values }) });
          continue;
        }
        const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SnapshotManifest;
        if (manifest.snapshotId !== snapshotId || manifest.vaultId !== this.header.vaultId) out.push({ file, problem: 'reason.backup.snapshotForeign' });
        else out.push({ file, manifest });
      } finally {
        await handle.close();
      }
    }
    return out;
  }

  /** Deletes a snapshot file (prune). */
  async removeSnapshot(file: string): Promise<void> {
    await rm(join(this.dir, 'snapshots', file), { force: true });
  }

  /** Deletes every object no kept snapshot references, and leftovers of interrupted runs; returns how many objects went. */
  async collectGarbage(referenced: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    await rm(join(this.dir, 'objects', '.tmp'), { recursive: true, force: true });
    for (const shard of await readdir(join(this.dir, 'objects')).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const object of await readdir(join(this.dir, 'objects', shard))) {
        if (OBJECT_ID.test(object) && !referenced.has(object)) {
          await rm(join(this.dir, 'objects', shard, object), { force: true });
          removed++;
        }
      }
    }
    for (const name of await readdir(join(this.dir, 'snapshots')).catch(() => [] as string[])) {
      if (name.startsWith('.') && name.includes('.tmp-')) await rm(join(this.dir, 'snapshots', name), { force: true });
    }
    return removed;
  }

  private objectPath(object: string): string {
    if (!OBJECT_ID.test(object)) throw new AppError('BACKUP_DAMAGED', { file: object.slice(0, 64), problems: 1 });
    return join(this.dir, 'objects', object.slice(0, 2), object);
  }

  private async objectContext(): Promise<ItemContext> {
    const sodium = await getSodium();
    return this.itemContext(sodium.crypto_generichash(32, sodium.from_string(`cv-backup-object-v1\0${this.header.folderId}`), null));
  }

  private async snapshotContext(snapshotId: string): Promise<ItemContext> {
    const sodium = await getSodium();
    return this.itemContext(sodium.crypto_generichash(32, sodium.from_string(`cv-backup-snapshot-v1\0${this.header.folderId}\0${snapshotId}`), null));
  }

  /** Folder format 1 encrypts its objects as `.cvbackup` format 1 items (secretstream). */
  private async itemContext(headerChecksum: Uint8Array): Promise<ItemContext> {
    const cipher = await itemCipherFor(1);
    if (cipher === undefined) throw new Error('no item cipher for folder format 1');
    return { cipher, key: this.key, headerChecksum, chunkSize: CHUNK };
  }
}

/** temp -> fsync -> rename -> fsync(dir). */
async function writeDurably(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dir, `.${name}.tmp`);
  await writeFile(temp, bytes, { mode: 0o600 });
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, join(dir, name));
  await syncDirectory(dir);
}

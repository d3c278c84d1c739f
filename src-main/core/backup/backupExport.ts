import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createReadStream } from 'node:fs';
import { link, lstat, open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import type { BackupExportResult } from '../../../src-shared/model/backup.ts';
import { FileReadAhead } from '../files/readAhead.ts';
import { preallocate } from '../files/preallocate.ts';
import { syncDirectory } from '../files/syncDirectory.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import type { KdfParams } from '../vault/kdfParams.ts';
import { unlockWithRecoveryKey } from '../vault/vaultKeys.ts';
import { BACKUP_FORMAT_VERSION, encodeBackupHeader, type BackupHeader } from './backupHeader.ts';
import { BackupItemWriter, itemAd, MANIFEST_INDEX, type BackupItemDescriptor, type WrittenItem } from './backupItems.ts';
import { ITEM_SALT_BYTES, itemCipherFor, type ItemCipher } from './itemCipher.ts';
import { format2ItemLength, ItemSealPool, openDirectForWriting, SealError } from './itemSealPool.ts';
import { deriveStreamKey } from '../crypto/aesGcmStream.ts';
import { newBackupKey, type BackupSecret } from './backupKey.ts';
import type { BackupManifest } from './backupManifest.ts';
import type { BackupProgress } from './backupVerify.ts';
import { takeDatabaseSnapshot } from './databaseSnapshot.ts';

/** Plaintext bytes per encrypted chunk in backups this version writes: large chunks keep the per-call cost of the cipher low. */
export const BACKUP_CHUNK_SIZE = 1024 * 1024;
/** How far reading runs ahead of encryption: enough to hide a file's open and read, small enough for a flat RSS. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * Worker threads sealing items at once: one per core, at least two, at most four (each has its own heap
 * and buffers, ~20 MB; a third worker on two cores added that much RSS and no measurable speed, since
 * each worker's direct writes already run on libuv's threads while it seals the next chunk).
 */
const SEAL_WORKERS = Math.min(4, Math.max(2, availableParallelism()));
/** Below this, preallocating (a process start) costs more than the serialised direct writes it saves. */
const PREALLOCATE_FROM_BYTES = 64 * 1024 * 1024;

/** How to encrypt a backup. */
export interface BackupEncryption {
  secret: BackupSecret;
  /** Argon2id parameters for a passphrase (SENSITIVE unless a test asks for less); ignored for the recovery key. */
  kdf: KdfParams;
  /** The container version to write; older versions only so tests can prove older backups still open (default: the newest). */
  formatVersion?: number;
}

/**
 * Writes a `.cvbackup` of the open vault to `outPath` (which must not exist): a consistent database
 * snapshot, vault.json and every blob the snapshot references, as stored, then the manifest. The
 * file is assembled under a temporary name beside the target, fsynced, and only then linked to its
 * name, so a crash never leaves a half backup under the name the user chose.
 */
export async function exportBackup(session: VaultSession, outPath: string, encryption: BackupEncryption, onProgress?: BackupProgress): Promise<BackupExportResult & { header: BackupHeader }> {
  const started = performance.now();
  if (await exists(outPath)) throw new AppError('OUTPUT_EXISTS', { file: outPath });
  if (encryption.secret.kind === 'recovery') await assertRecoveryKeyOfVault(session, encryption.secret.recoveryKey);
  const { spec, key } = await newBackupKey(encryption.secret, encryption.kdf);
  const snapshot = await takeDatabaseSnapshot(session);
  const tempPath = `${outPath}.partial-${session.sodium.to_hex(session.sodium.randombytes_buf(8))}`;
  let handle: FileHandle | undefined;
  let readAhead: FileReadAhead | undefined;
  try {
    const vaultJson = await readFile(join(session.dir, 'vault.json'));
    const blobPaths = snapshot.blobIds.map((blobId) => blobPath(session.dir, blobId));
    const blobSizes = await Promise.all(blobPaths.map(async (path) => {
      try {
        return (await stat(path)).size;
      } catch (cause) {
        throw new AppError('BLOB_MISSING', { blob: path.slice(-32) }, { cause });
      }
    }));
    const total = vaultJson.length + snapshot.size + blobSizes.reduce((sum, size) => sum + size, 0);
    let done = 0;
    const counted = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };

    const header: BackupHeader = {
      format: 'contract-vault-backup', formatVersion: encryption.formatVersion ?? BACKUP_FORMAT_VERSION, backupId: randomUUID(), vaultId: session.vaultId,
      createdAt: new Date().toISOString(), chunkSize: BACKUP_CHUNK_SIZE, key: spec,
    };
    const encoded = await encodeBackupHeader(header);
    handle = await openNewFile(tempPath);
    const cipher = await itemCipherFor(header.formatVersion);
    if (cipher === undefined) throw new Error(`no item cipher for backup format ${header.formatVersion}`);
    await handle.write(encoded.bytes, 0, encoded.bytes.length, 0);
    const sources: ItemSource[] = [
      { descriptor: { kind: 'vault.json', name: 'vault.json' }, bytes: vaultJson, size: vaultJson.length },
      { descriptor: { kind: 'database', name: 'vault.db' }, path: snapshot.path, size: snapshot.size },
      ...snapshot.blobIds.map((blobId, position): ItemSource => {
        const recorded = snapshot.blobDigests.get(blobId);
        return { descriptor: { kind: 'blob', name: blobId }, path: blobPaths[position] ?? '', size: blobSizes[position] ?? 0, ...(recorded === undefined ? {} : { sha256: recorded }) };
      }),
    ];
    let items: WrittenItem[];
    let writer: BackupItemWriter;
    const context = { cipher, key, headerChecksum: encoded.checksum, chunkSize: BACKUP_CHUNK_SIZE };
    if (cipher.version === 2) {
      const end = await sealItemsInParallel(handle, tempPath, sources, context, encoded.bytes.length, counted);
      items = end.items;
      writer = new BackupItemWriter(handle, context, end.position);
    } else {
      // Older formats (written only to prove they still open) keep the one-thread writer.
      writer = new BackupItemWriter(handle, context, encoded.bytes.length);
      items = [];
      readAhead = new FileReadAhead(sources.slice(1).map((source) => source.path ?? ''), BACKUP_CHUNK_SIZE, READ_AHEAD_BYTES);
      for (const [index, source] of sources.entries()) {
        items.push(await writer.writeItem(index, source.descriptor, source.bytes ?? readAhead.file(index - 1), counted));
      }
    }
    const manifest: BackupManifest = {
      manifestVersion: 1, backupId: header.backupId, vaultId: header.vaultId, createdAt: header.createdAt, schemaVersion: snapshot.schemaVersion, items,
    };
    const manifestItem = await writer.writeItem(MANIFEST_INDEX, { kind: 'manifest', name: 'manifest' }, new TextEncoder().encode(JSON.stringify(manifest)));
    await writer.writeTrailer(manifestItem.offset);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // link() never replaces an existing file, unlike rename(): a file that appeared meanwhile is kept.
    try {
      await link(tempPath, outPath);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('OUTPUT_EXISTS', { file: outPath }, { cause });
      throw cause;
    }
    await rm(tempPath, { force: true });
    await syncDirectory(dirname(outPath));
    return {
      path: outPath, backupId: header.backupId, bytes: writer.position, items: items.length, blobs: snapshot.blobIds.length,
      seconds: Math.round((performance.now() - started) / 100) / 10, header,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new AppError('OUTPUT_UNWRITABLE', { file: outPath, detail: code }, { cause: error });
    throw error;
  } finally {
    readAhead?.close();
    await handle?.close().catch(() => undefined);
    await rm(tempPath, { force: true }).catch(() => undefined);
    await snapshot.remove();
    session.sodium.memzero(key);
  }
}

/** One item to back up: its descriptor and where its plaintext comes from (a file read by a worker, or bytes in memory). */
interface ItemSource {
  descriptor: BackupItemDescriptor;
  path?: string;
  bytes?: Uint8Array;
  size: number;
  /**
   * The SHA-256 recorded when the blob was written (decision 0028): the manifest takes it and the bytes are
   * not hashed again, so a blob that changed on disk since is named by verify instead of being carried over
   * with a hash of its changed bytes.
   */
  sha256?: string;
}

/**
 * Seals the items on worker threads (itemSealPool.ts), each at its precomputed offset from `start`;
 * returns the items as the manifest records them and where the next item goes.
 */
async function sealItemsInParallel(
  handle: FileHandle, path: string, sources: ItemSource[], context: { cipher: ItemCipher; key: Uint8Array; headerChecksum: Uint8Array; chunkSize: number }, start: number, counted: (n: number) => void,
): Promise<{ items: WrittenItem[]; position: number }> {
  const { cipher, key, headerChecksum, chunkSize } = context;
  // Every item's place follows from the sizes alone, so the whole layout is known before anything is sealed.
  const layout: Array<Omit<WrittenItem, 'size' | 'sha256'>> = [];
  const descriptors = sources.map((source) => new TextEncoder().encode(JSON.stringify(source.descriptor)));
  let position = start;
  for (const [index, source] of sources.entries()) {
    const length = format2ItemLength(descriptors[index]?.length ?? 0, source.size, chunkSize, ITEM_SALT_BYTES);
    layout.push({ ...source.descriptor, index, offset: position, length });
    position += 8 + length;
  }
  const directHandle = await openDirectForWriting(path);
  // Direct writes into allocated blocks run side by side; into a growing file, one at a time (decision 0028).
  if (directHandle !== undefined && position - start >= PREALLOCATE_FROM_BYTES) await preallocate(path, position);
  const pool = new ItemSealPool({ fd: handle.fd, directFd: directHandle?.fd ?? null }, chunkSize, SEAL_WORKERS, counted);
  try {
    const results: Array<Promise<{ sha256: string; size: number }>> = [];
    for (const [index, source] of sources.entries()) {
      const placed = layout[index];
      const descriptor = descriptors[index];
      if (placed === undefined || descriptor === undefined) throw new Error('item layout lost');
      const ad = itemAd(cipher, headerChecksum, index);
      const salt = randomBytes(ITEM_SALT_BYTES);
      const itemKey = deriveStreamKey(key, salt, ad);
      try {
        results.push((await pool.submit({
          ...(source.path === undefined ? {} : { path: source.path }), ...(source.bytes === undefined ? {} : { bytes: source.bytes }),
          ...(source.sha256 === undefined ? {} : { sha256: source.sha256 }),
          expectedSize: source.size, offset: placed.offset, length: placed.length, key: itemKey, ad, salt, descriptor,
        })).result);
      } finally {
        itemKey.fill(0);
      }
    }
    const items: WrittenItem[] = [];
    for (const [index, result] of results.entries()) {
      const placed = layout[index];
      if (placed === undefined) throw new Error('item layout lost');
      let sealed: { sha256: string; size: number };
      try {
        sealed = await result;
      } catch (error) {
        if (error instanceof SealError && error.phase === 'read' && placed.kind === 'blob') {
          throw new AppError('BLOB_MISSING', { blob: placed.name }, { cause: error });
        }
        if (error instanceof SealError && error.code !== null) throw Object.assign(new Error(error.message, { cause: error }), { code: error.code });
        throw error;
      }
      items.push({ ...placed, ...sealed });
    }
    await pool.finish();
    return { items, position };
  } finally {
    await pool.close();
    await directHandle?.close();
  }
}

/** Where a blob lives in a vault folder (ids are checked by the snapshot's own schema: 32 hex characters). */
export function blobPath(vaultDir: string, blobId: string): string {
  if (!/^[0-9a-f]{32}$/.test(blobId)) throw new AppError('BLOB_MISSING', { blob: blobId.slice(0, 64) });
  return join(vaultDir, 'blobs', blobId.slice(0, 2), blobId);
}

/** A file's bytes in backup-chunk-sized pieces (memory stays flat). */
export function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: BACKUP_CHUNK_SIZE }) as AsyncIterable<Uint8Array>;
}

/** A backup "encrypted with the recovery key" must open with this vault's key, not any well-formed one. */
export async function assertRecoveryKeyOfVault(session: VaultSession, recoveryKey: string): Promise<void> {
  const unlocked = await unlockWithRecoveryKey(session.dir, recoveryKey);
  try {
    if (!session.sodium.memcmp(unlocked.vaultKey, session.vaultKey)) throw new AppError('WRONG_RECOVERY_KEY');
  } finally {
    session.sodium.memzero(unlocked.vaultKey);
  }
}

async function openNewFile(path: string): Promise<FileHandle> {
  return open(path, 'wx', 0o600);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

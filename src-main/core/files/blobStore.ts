import { createHash, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { syncDirectory } from './syncDirectory.ts';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import { BLOB_CHUNK_OVERHEAD, BLOB_CHUNK_SIZE, decryptBlob, encryptBlob } from './blobFormat.ts';

/** What `BlobStore.write` reports about the blob it stored. */
export interface StoredBlob {
  blobId: string;
  plainSize: number;
  storedSize: number;
  /** SHA-256 (hex) of the file's bytes (the ciphertext) as written: a backup's manifest records it (decision 0028). */
  sha256: string;
}

// Random, never derived from content: a content-derived name would let anyone who sees the blobs
// folder test whether the vault holds a given document, and would link duplicates across records.
const BLOB_ID_PATTERN = /^[0-9a-f]{32}$/;
const SHARD_PATTERN = /^[0-9a-f]{2}$/;
const TEMP_DIR_NAME = '.tmp';
// One read per ciphertext chunk keeps the reader's copying minimal and its memory flat.
const READ_SIZE = BLOB_CHUNK_SIZE + BLOB_CHUNK_OVERHEAD;
// Encrypted pieces are gathered up to this size and written with one call: a contract's blob is usually
// one write instead of one per piece (header, chunks).
const WRITE_BATCH_BYTES = 1024 * 1024;

/** A random 128-bit name in hex, from the operating system's generator (libsodium's fetched it 4 bytes a call). */
function randomName(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The encrypted file store of one vault: `<vault>/blobs/<first 2 hex>/<blobId>`, one blob per stored
 * original, written atomically and durably so a row never points at a half-written or unsynced file.
 */
export class BlobStore {
  private readonly blobsDir: string;
  private readonly tempDir: string;
  /**
   * Folders this store has already created or found, durably (the temp folder, shard folders): an import
   * writes two blobs per file, and checking them again cost a mkdir call each time. A folder removed behind
   * the store's back is created again when writing into it fails (see write).
   */
  private readonly knownDirs = new Set<string>();

  constructor(vaultDir: string) {
    this.blobsDir = join(vaultDir, 'blobs');
    this.tempDir = join(this.blobsDir, TEMP_DIR_NAME);
  }

  /** Encrypts `source` into a new blob; when this resolves the blob is on disk and fsynced, ready for its row to commit. */
  async write(source: Uint8Array | AsyncIterable<Uint8Array>, dataKey: Uint8Array, recordId: string): Promise<StoredBlob> {
    const blobId = randomName();
    const finalPath = this.pathFor(blobId);
    await this.ensureDir(this.tempDir, false);
    await this.ensureDir(dirname(finalPath), true);

    // Only ciphertext is ever written, so a temp file left by a crash reveals nothing but its size.
    const tempPath = join(this.tempDir, randomName());
    let handle: FileHandle | undefined = await this.openTemp(tempPath);
    let plainSize = 0;
    let storedSize = 0;
    let renamed = false;
    const counted = async function* (): AsyncGenerator<Uint8Array, void, undefined> {
      for await (const piece of toAsyncIterable(source)) {
        plainSize += piece.length;
        yield piece;
      }
    };
    const digest = createHash('sha256');
    try {
      const gathered: Uint8Array[] = [];
      let gatheredBytes = 0;
      for await (const piece of encryptBlob(counted(), dataKey, recordId)) {
        digest.update(piece);
        gathered.push(piece);
        gatheredBytes += piece.length;
        storedSize += piece.length;
        if (gatheredBytes >= WRITE_BATCH_BYTES) {
          await writeAllOf(handle, gathered.splice(0));
          gatheredBytes = 0;
        }
      }
      await writeAllOf(handle, gathered);
      await handle.sync();
      await handle.close();
      handle = undefined;
      await this.renameIntoShard(tempPath, finalPath);
      renamed = true;
      // Without this the rename itself may not survive a power cut, and the row would point at nothing.
      await syncDirectory(dirname(finalPath));
    } catch (error) {
      await handle?.close().catch(() => undefined);
      // A blob renamed into place but not known durable is an orphan no row will reference: drop it too.
      await rm(renamed ? finalPath : tempPath, { force: true }).catch(() => undefined);
      throw error;
    }
    return { blobId, plainSize, storedSize, sha256: digest.digest('hex') };
  }

  /** Creates a folder unless this store already did, or found it (`durable`: fsyncing the parents that gained it). */
  private async ensureDir(dir: string, durable: boolean): Promise<void> {
    if (this.knownDirs.has(dir)) return;
    if (durable) await mkdirDurable(dir);
    else await mkdir(dir, { recursive: true });
    this.knownDirs.add(dir);
  }

  /** Opens a new temp file; if the temp folder has gone since it was made, it is made again once. */
  private async openTemp(tempPath: string): Promise<FileHandle> {
    try {
      return await open(tempPath, 'wx', 0o600);
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT')) throw error;
      this.knownDirs.delete(this.tempDir);
      await this.ensureDir(this.tempDir, false);
      return open(tempPath, 'wx', 0o600);
    }
  }

  /** Moves a finished temp file into its shard folder; if that folder has gone since it was made, it is made again once. */
  private async renameIntoShard(tempPath: string, finalPath: string): Promise<void> {
    try {
      await rename(tempPath, finalPath);
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT')) throw error;
      this.knownDirs.delete(dirname(finalPath));
      await this.ensureDir(dirname(finalPath), true);
      await rename(tempPath, finalPath);
    }
  }

  /** The whole decrypted blob in memory; for large files prefer `readStream`. */
  async read(blobId: string, dataKey: Uint8Array, recordId: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of this.readStream(blobId, dataKey, recordId)) {
      chunks.push(chunk);
      total += chunk.length;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /**
   * Decrypts a blob chunk by chunk (memory stays flat). Each chunk is yielded only once authenticated,
   * but truncation is only known at the end: do not act on the data until iteration completes.
   */
  async *readStream(blobId: string, dataKey: Uint8Array, recordId: string): AsyncIterable<Uint8Array> {
    const path = this.pathFor(blobId);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) throw new AppError('BLOB_MISSING', { blob: blobId }, { cause: error });
      throw error;
    }
    try {
      yield* decryptBlob(readChunks(handle), dataKey, recordId, blobId);
    } finally {
      await handle.close();
    }
  }

  /** Deletes one blob; a blob already gone is not an error, so erasing is idempotent. */
  async remove(blobId: string): Promise<void> {
    // No directory fsync: erasure relies on destroying the data key, not on this unlink being durable.
    await rm(this.pathFor(blobId), { force: true });
  }

  /** Every well-formed blob id on disk, sorted; temp files and unrecognised names are ignored. */
  async listBlobIds(): Promise<string[]> {
    const shards = (await readdirOrEmpty(this.blobsDir)).filter((shard) => shard.isDirectory() && SHARD_PATTERN.test(shard.name));
    // The up to 256 shard folders are listed concurrently: one after another they cost tens of ms at every unlock.
    const perShard = await Promise.all(shards.map(async (shard) => (await readdirOrEmpty(join(this.blobsDir, shard.name)))
      .filter((entry) => entry.isFile() && BLOB_ID_PATTERN.test(entry.name) && entry.name.startsWith(shard.name))
      .map((entry) => entry.name)));
    return perShard.flat().sort();
  }

  /**
   * Deletes every blob not in `referenced` and every temp file: the leftovers of a crash between a
   * blob write and its row commit. Only safe while holding the vault lock with no write in flight.
   */
  async sweep(referenced: ReadonlySet<string>): Promise<{ removedBlobs: number; removedTemps: number }> {
    let removedBlobs = 0;
    for (const blobId of await this.listBlobIds()) {
      if (referenced.has(blobId)) continue;
      await rm(this.pathFor(blobId), { force: true });
      removedBlobs++;
    }
    let removedTemps = 0;
    for (const entry of await readdirOrEmpty(this.tempDir)) {
      if (!entry.isFile()) continue;
      await rm(join(this.tempDir, entry.name), { force: true });
      removedTemps++;
    }
    return { removedBlobs, removedTemps };
  }

  private pathFor(blobId: string): string {
    // The id comes from the database; checking its shape first means a corrupt or hostile value can
    // never steer a read or delete outside blobs/ (no "..", no separators, no absolute paths).
    if (!BLOB_ID_PATTERN.test(blobId)) throw new AppError('BLOB_MISSING', { blob: blobId.slice(0, 64) });
    return join(this.blobsDir, blobId.slice(0, 2), blobId);
  }
}

function toAsyncIterable(source: Uint8Array | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  if (!(source instanceof Uint8Array)) return source;
  return (async function* () {
    yield source;
  })();
}

async function* readChunks(handle: FileHandle): AsyncGenerator<Uint8Array, void, undefined> {
  for (;;) {
    // A fresh buffer per read: the decryptor may still hold the previous one.
    const buffer = new Uint8Array(READ_SIZE);
    const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
  }
}

/** Writes the pieces in order, with as few calls as the system allows (one, unless a write comes up short). */
async function writeAllOf(handle: FileHandle, pieces: Uint8Array[]): Promise<void> {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest);
    const left: Uint8Array[] = [];
    for (const piece of rest) {
      if (bytesWritten >= piece.length) bytesWritten -= piece.length;
      else {
        left.push(piece.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    rest = left;
  }
}

/** Creates `dir` (and parents), fsyncing each parent that gained an entry so the new directories survive a crash. */
async function mkdirDurable(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  // Walk from the deepest new directory's parent up to the parent of the first one created.
  const stop = dirname(firstCreated);
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    await syncDirectory(parent);
    if (parent === stop || dirname(parent) === parent) break;
  }
}

async function readdirOrEmpty(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw error;
  }
}

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import { syncDirectory } from '../files/syncDirectory.ts';
import { SearchIndex } from './searchIndex.ts';
import { decryptSnapshot, encryptSnapshot } from './snapshotCipher.ts';

/** Version of the snapshot's plaintext layout (inside the cipher's own versioned envelope, snapshotCipher.ts). */
export const INDEX_SNAPSHOT_VERSION = 4;
const SNAPSHOT_FILE = 'search.cvidx';

/** The record the snapshot's encryption is bound to: another vault's snapshot, or a blob, fails to open as this one. */
function snapshotRecordId(vaultId: string): string {
  return `search-index:${vaultId}`;
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

/** Each part as [u32 key length][key][u32 data length][data] (text as UTF-8), after a header part. */
function* encodeParts(parts: ReadonlyArray<readonly [string, string | Uint8Array]>): Generator<Uint8Array, void, undefined> {
  const encoder = new TextEncoder();
  for (const [key, data] of parts) {
    const keyBytes = encoder.encode(key);
    const dataBytes = typeof data === 'string' ? encoder.encode(data) : data;
    yield u32(keyBytes.length);
    yield keyBytes;
    yield u32(dataBytes.length);
    yield dataBytes;
  }
}

function decodeParts(bytes: Uint8Array): Array<[string, Uint8Array]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: Array<[string, Uint8Array]> = [];
  let offset = 0;
  const take = (): Uint8Array => {
    if (offset + 4 > bytes.length) throw new Error('truncated part length');
    const length = view.getUint32(offset);
    offset += 4;
    if (offset + length > bytes.length) throw new Error('truncated part');
    const part = bytes.subarray(offset, offset + length);
    offset += length;
    return part;
  };
  while (offset < bytes.length) {
    const key = decoder.decode(take());
    parts.push([key, take()]);
  }
  return parts;
}

/**
 * Writes the index, encrypted with the vault's index key, as `<indexDir>/search.cvidx`: to a temp
 * file, fsynced, then renamed over the old one, so a crash leaves the old snapshot or the new one,
 * never half of either. `generation` is the last database change the snapshot includes.
 */
export async function writeIndexSnapshot(indexDir: string, key: Uint8Array, vaultId: string, generation: number, index: SearchIndex): Promise<void> {
  await mkdir(indexDir, { recursive: true });
  const parts: Array<[string, string | Uint8Array]> = [['header', JSON.stringify({ v: INDEX_SNAPSHOT_VERSION, generation })]];
  await index.exportParts(async (name, data) => {
    parts.push([name, data]);
  });
  const tempPath = join(indexDir, `${SNAPSHOT_FILE}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(tempPath, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      for (const piece of encryptSnapshot(encodeParts(parts), key, snapshotRecordId(vaultId))) {
        let written = 0;
        while (written < piece.length) written += (await handle.write(piece, written, piece.length - written)).bytesWritten;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, join(indexDir, SNAPSHOT_FILE));
    renamed = true;
    await syncDirectory(indexDir);
  } finally {
    if (!renamed) await rm(tempPath, { force: true });
  }
}

/**
 * Reads the snapshot back: null when there is none; SEARCH_INDEX_DAMAGED when it does not
 * authenticate, is truncated, or is of another layout, so the caller rebuilds from the database.
 */
export async function readIndexSnapshot(indexDir: string, key: Uint8Array, vaultId: string): Promise<{ generation: number; index: SearchIndex } | null> {
  const path = join(indexDir, SNAPSHOT_FILE);
  let file: Uint8Array;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw new AppError('SEARCH_INDEX_DAMAGED', {}, { cause: error });
  }
  let bytes: Uint8Array;
  try {
    bytes = decryptSnapshot(file, key, snapshotRecordId(vaultId));
  } catch (error) {
    throw new AppError('SEARCH_INDEX_DAMAGED', {}, { cause: error });
  }
  try {
    const parts = decodeParts(bytes);
    const [first, ...rest] = parts;
    const header = first?.[0] === 'header' ? (JSON.parse(new TextDecoder().decode(first[1])) as { v?: unknown; generation?: unknown }) : null;
    if (!header || header.v !== INDEX_SNAPSHOT_VERSION || typeof header.generation !== 'number') throw new Error('unknown snapshot layout');
    return { generation: header.generation, index: SearchIndex.fromParts(rest) };
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('SEARCH_INDEX_DAMAGED', {}, { cause: error });
  }
}

/** Deletes the snapshot (after a rebuild is decided, or when the vault's index is reset). */
export async function removeIndexSnapshot(indexDir: string): Promise<void> {
  await rm(join(indexDir, SNAPSHOT_FILE), { force: true });
}

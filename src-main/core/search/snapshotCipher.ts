import { randomBytes } from 'node:crypto';
import { deriveStreamKey, openStreamChunk, sealStreamChunk, STREAM_TAG_BYTES } from '../crypto/aesGcmStream.ts';

/**
 * The encryption of the search index snapshot (format version 4; decision 0018). The snapshot is the
 * one large file read whole at every unlock (~140 MB at 100,000 contracts), so it uses the platform's
 * native AES-256-GCM (AES-NI / ARMv8 crypto: ~1 GB/s) instead of libsodium's WebAssembly secretstream
 * (~0.35 GB/s), which made decryption the largest part of unlocking. ChaCha20-Poly1305 would be the
 * natural match of libsodium's cipher, but Electron's BoringSSL does not offer it to node:crypto.
 *
 * The construction is the STREAM online AEAD as `age` uses it:
 *
 *   offset 0   5 bytes  magic "CVIDX"
 *          5   1 byte   format version (4)
 *          6   4 bytes  plaintext chunk size, big-endian
 *         10  32 bytes  random salt
 *         42  ...       chunks: each plaintext chunk encrypted, followed by its 16-byte GCM tag
 *
 * - file key = HKDF-SHA256(index key, salt, "cv-search-snapshot-v4\0" | record id): a fresh key per
 *   file, so GCM nonces never repeat under one key, and a snapshot of another vault (another record
 *   id) or under another key does not open;
 * - nonce of chunk i = 11-byte big-endian i | 1 byte: 0x01 on the last chunk, else 0x00: chunks cannot
 *   be reordered, dropped, or the file cut at a chunk boundary (the last chunk says it is last);
 * - associated data of every chunk = the 42 header bytes, so the header is authenticated too.
 * Every chunk but the last is full; the last holds the rest (full, partial, or empty for an empty
 * plaintext). Nothing is returned before its tag checks.
 */

const MAGIC = Buffer.from('CVIDX', 'ascii');
export const SNAPSHOT_CIPHER_VERSION = 4;
const HEADER_BYTES = 42;
const SALT_BYTES = 32;
const TAG_BYTES = STREAM_TAG_BYTES;
/** Large chunks: one native call per megabyte keeps the per-chunk overhead out of the load time. */
export const SNAPSHOT_CHUNK_BYTES = 1024 * 1024;
// Read before anything is authenticated: a damaged header must not make the reader allocate gigabytes.
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
const KEY_INFO_DOMAIN = 'cv-search-snapshot-v4\0';

/** Why a snapshot does not open; the caller turns every one into SEARCH_INDEX_DAMAGED and rebuilds. */
export class SnapshotDecryptionError extends Error {
  override readonly name = 'SnapshotDecryptionError';
}

function fileKey(indexKey: Uint8Array, salt: Uint8Array, recordId: string): Buffer {
  if (indexKey.length !== 32) throw new Error('the index key must be 32 bytes');
  return deriveStreamKey(indexKey, salt, Buffer.concat([Buffer.from(KEY_INFO_DOMAIN, 'utf8'), Buffer.from(recordId, 'utf8')]));
}

/** Encrypts `plaintext` pieces (any sizes) into the snapshot format, yielding the header then each chunk. */
export function* encryptSnapshot(pieces: Iterable<Uint8Array>, indexKey: Uint8Array, recordId: string, chunkBytes: number = SNAPSHOT_CHUNK_BYTES): Generator<Uint8Array, void, undefined> {
  const salt = randomBytes(SALT_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[5] = SNAPSHOT_CIPHER_VERSION;
  header.writeUInt32BE(chunkBytes, 6);
  salt.copy(header, 10);
  const key = fileKey(indexKey, salt, recordId);
  yield header;
  const pending = Buffer.alloc(chunkBytes);
  let filled = 0;
  let index = 0;
  const seal = (plain: Uint8Array, last: boolean): Buffer => Buffer.concat(sealStreamChunk(key, index++, last, header, plain));
  for (const piece of pieces) {
    let at = 0;
    while (at < piece.length) {
      // A full chunk is sealed only when more bytes arrive: until then it may be the last one.
      if (filled === chunkBytes) {
        yield seal(pending, false);
        filled = 0;
      }
      const take = Math.min(chunkBytes - filled, piece.length - at);
      pending.set(piece.subarray(at, at + take), filled);
      filled += take;
      at += take;
    }
  }
  yield seal(pending.subarray(0, filled), true);
}

/** Decrypts a whole snapshot file into one buffer of plaintext; throws SnapshotDecryptionError on any fault. */
export function decryptSnapshot(file: Uint8Array, indexKey: Uint8Array, recordId: string): Uint8Array {
  if (file.length < HEADER_BYTES + TAG_BYTES) throw new SnapshotDecryptionError('snapshot shorter than its header');
  const header = file.subarray(0, HEADER_BYTES);
  if (!MAGIC.equals(header.subarray(0, MAGIC.length))) throw new SnapshotDecryptionError('not a search snapshot');
  if (header[5] !== SNAPSHOT_CIPHER_VERSION) throw new SnapshotDecryptionError(`snapshot format ${String(header[5])} is not ${SNAPSHOT_CIPHER_VERSION}`);
  const chunkBytes = Buffer.from(header.buffer, header.byteOffset, HEADER_BYTES).readUInt32BE(6);
  if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new SnapshotDecryptionError('snapshot chunk size out of range');
  const key = fileKey(indexKey, header.subarray(10, 10 + SALT_BYTES), recordId);
  const sealedBytes = chunkBytes + TAG_BYTES;
  const body = file.length - HEADER_BYTES;
  // Every chunk but the last is full, so the chunk count follows from the size.
  const chunks = Math.floor(body / sealedBytes) + (body % sealedBytes === 0 ? 0 : 1);
  const lastSealed = body - (chunks - 1) * sealedBytes;
  if (lastSealed < TAG_BYTES) throw new SnapshotDecryptionError('snapshot cut inside a chunk');
  const plain = new Uint8Array(body - chunks * TAG_BYTES);
  let written = 0;
  for (let index = 0; index < chunks; index++) {
    const start = HEADER_BYTES + index * sealedBytes;
    const last = index === chunks - 1;
    const sealed = file.subarray(start, last ? file.length : start + sealedBytes);
    const part = openStreamChunk(key, index, last, header, sealed);
    if (part === undefined) throw new SnapshotDecryptionError(`snapshot chunk ${index} does not authenticate`);
    plain.set(part, written);
    written += part.length;
  }
  return plain;
}

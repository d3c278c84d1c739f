import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';

/**
 * The on-disk format of one encrypted blob, version 1 (DESIGN.md §3). Pure bytes in, bytes out:
 * no file system here, so the same code serves the blob store, backups and sync.
 *
 *   offset 0   4 bytes  magic "CVBL"
 *          4   1 byte   format version (1)
 *          5   4 bytes  plaintext chunk size, big-endian (65536 when written by this version)
 *          9  24 bytes  crypto_secretstream_xchacha20poly1305 header (random per blob)
 *         33  ...       chunks: each plaintext chunk + 17 bytes (1 encrypted tag byte + 16-byte MAC)
 *
 * Every chunk but the last holds exactly `chunk size` plaintext bytes and carries TAG_MESSAGE; the
 * last holds fewer (possibly zero) and carries TAG_FINAL. Because the final chunk is always short,
 * the reader frames the file without looking ahead and every deviation shows up as a failed MAC or
 * a wrong tag: a cut file never reaches TAG_FINAL, bytes appended after the final chunk merge into
 * its frame and break its MAC, and a full-size chunk tagged FINAL is refused.
 *
 * Associated data of every chunk = "cv-blob-v1\0" | the 9 header bytes before the secretstream
 * header | UTF-8 record id. The record id stops a blob file being served for another record; the
 * header bytes make the otherwise unauthenticated chunk-size field tamper-evident (without them a
 * one-chunk blob would still decrypt after that field was edited).
 */

export const BLOB_MAGIC: readonly number[] = [0x43, 0x56, 0x42, 0x4c]; // "CVBL"
export const BLOB_FORMAT_VERSION = 1;
export const BLOB_CHUNK_SIZE = 64 * 1024;
/** Bytes added to each chunk by secretstream (encrypted tag byte + Poly1305 MAC). */
export const BLOB_CHUNK_OVERHEAD = 17;
const PREFIX_BYTES = 9;
const STREAM_HEADER_BYTES = 24;
/** Bytes before the first chunk: magic, version, chunk size, secretstream header. */
export const BLOB_HEADER_BYTES = PREFIX_BYTES + STREAM_HEADER_BYTES;
// The chunk size is read before anything is authenticated; capping it stops a damaged header from
// making the reader allocate gigabytes before the first MAC check fails.
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const AD_DOMAIN = 'cv-blob-v1\0';
const DATA_KEY_BYTES = 32;

/** The exact size of a blob file holding `plainSize` bytes, for size checks and progress reporting. */
export function blobStoredSize(plainSize: number, chunkSize: number = BLOB_CHUNK_SIZE): number {
  const chunks = Math.floor(plainSize / chunkSize) + 1;
  return BLOB_HEADER_BYTES + plainSize + chunks * BLOB_CHUNK_OVERHEAD;
}

/** Encrypts a byte stream (pieces of any size) into the blob format, yielding the header then one ciphertext chunk at a time. */
export async function* encryptBlob(
  source: AsyncIterable<Uint8Array>,
  dataKey: Uint8Array,
  recordId: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  checkArguments(dataKey, recordId);
  const sodium = await getSodium();
  const tagMessage = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const tagFinal = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  const prefix = encodePrefix(BLOB_CHUNK_SIZE);
  const ad = associatedData(prefix, recordId);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(dataKey);

  const head = new Uint8Array(BLOB_HEADER_BYTES);
  head.set(prefix, 0);
  head.set(header, PREFIX_BYTES);
  yield head;

  const pending = new Uint8Array(BLOB_CHUNK_SIZE);
  let filled = 0;
  try {
    for await (const piece of source) {
      let offset = 0;
      while (offset < piece.length) {
        const take = Math.min(BLOB_CHUNK_SIZE - filled, piece.length - offset);
        pending.set(piece.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        // A full chunk is never the last one (the last is always short), so it can go out now.
        if (filled === BLOB_CHUNK_SIZE) {
          yield sodium.crypto_secretstream_xchacha20poly1305_push(state, pending, ad, tagMessage);
          filled = 0;
        }
      }
    }
    yield sodium.crypto_secretstream_xchacha20poly1305_push(state, pending.subarray(0, filled), ad, tagFinal);
  } finally {
    // Plaintext should not linger in a buffer the garbage collector may keep around for a while.
    pending.fill(0);
  }
}

/**
 * Decrypts a blob (pieces of any size), yielding plaintext chunks only after each one authenticates.
 * Throws BLOB_CORRUPT (or BLOB_FORMAT_TOO_NEW) as soon as something is wrong; a consumer must treat
 * what it received as untrusted until the iteration finishes without throwing, since truncation is
 * only detectable at the end.
 */
export async function* decryptBlob(
  source: AsyncIterable<Uint8Array>,
  dataKey: Uint8Array,
  recordId: string,
  blobId: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  checkArguments(dataKey, recordId);
  const sodium = await getSodium();
  const tagMessage = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const tagFinal = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  const corrupt = (cause?: unknown): AppError =>
    new AppError('BLOB_CORRUPT', { blob: blobId }, cause === undefined ? undefined : { cause });

  const reader = new ExactReader(source);
  try {
    const prefix = new Uint8Array(PREFIX_BYTES);
    // Magic and version first, alone: a future version may lay out the rest differently (even
    // shorter), and must still be reported as "too new" rather than "corrupt".
    if ((await reader.fill(prefix.subarray(0, 5))) < 5) throw corrupt();
    for (let i = 0; i < BLOB_MAGIC.length; i++) if (prefix[i] !== BLOB_MAGIC[i]) throw corrupt();
    const version = prefix[4] ?? 0;
    if (version === 0) throw corrupt();
    if (version > BLOB_FORMAT_VERSION) throw new AppError('BLOB_FORMAT_TOO_NEW', { blob: blobId });
    if ((await reader.fill(prefix.subarray(5))) < PREFIX_BYTES - 5) throw corrupt();
    const chunkSize = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint32(5, false);
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) throw corrupt();

    const streamHeader = new Uint8Array(STREAM_HEADER_BYTES);
    if ((await reader.fill(streamHeader)) < STREAM_HEADER_BYTES) throw corrupt();
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(streamHeader, dataKey);
    const ad = associatedData(prefix, recordId);

    const frame = new Uint8Array(chunkSize + BLOB_CHUNK_OVERHEAD);
    for (;;) {
      const length = await reader.fill(frame);
      // Zero bytes here means the input ended after a TAG_MESSAGE chunk: truncated at a chunk boundary.
      if (length < BLOB_CHUNK_OVERHEAD) throw corrupt();
      let result: { message: Uint8Array; tag: number } | false;
      try {
        result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, frame.subarray(0, length), ad);
      } catch (cause) {
        throw corrupt(cause);
      }
      if (result === false) throw corrupt();
      if (length === frame.length) {
        // A full frame can only be a middle chunk; FINAL here (or PUSH/REKEY, which we never write) is refused.
        if (result.tag !== tagMessage) throw corrupt();
        yield result.message;
        continue;
      }
      // A short frame means the input is exhausted, so this must be the final chunk; nothing can follow it.
      if (result.tag !== tagFinal) throw corrupt();
      if (result.message.length > 0) yield result.message;
      return;
    }
  } finally {
    await reader.close();
  }
}

function checkArguments(dataKey: Uint8Array, recordId: string): void {
  // Programming errors, not vault conditions: fail loudly rather than as a misleading BLOB_CORRUPT.
  if (dataKey.length !== DATA_KEY_BYTES) throw new RangeError(`dataKey must be ${DATA_KEY_BYTES} bytes, got ${dataKey.length}`);
  if (recordId.length === 0) throw new RangeError('recordId must not be empty');
}

function encodePrefix(chunkSize: number): Uint8Array {
  const prefix = new Uint8Array(PREFIX_BYTES);
  prefix.set(BLOB_MAGIC, 0);
  prefix[4] = BLOB_FORMAT_VERSION;
  new DataView(prefix.buffer).setUint32(5, chunkSize, false);
  return prefix;
}

function associatedData(prefix: Uint8Array, recordId: string): Uint8Array {
  const encoder = new TextEncoder();
  const domain = encoder.encode(AD_DOMAIN);
  const record = encoder.encode(recordId);
  // Unambiguous: the domain and the prefix have fixed lengths, the record id takes the rest.
  const ad = new Uint8Array(domain.length + prefix.length + record.length);
  ad.set(domain, 0);
  ad.set(prefix, domain.length);
  ad.set(record, domain.length + prefix.length);
  return ad;
}

/** Reads exact-size frames out of a stream whose pieces have arbitrary sizes. */
class ExactReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private rest: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Fills `target` and returns how many bytes it got; fewer than its length only at the end of the input. */
  async fill(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.rest.length === 0) {
        if (this.ended) break;
        const next = await this.iterator.next();
        if (next.done === true) {
          this.ended = true;
          break;
        }
        this.rest = next.value;
        continue;
      }
      const take = Math.min(target.length - filled, this.rest.length);
      target.set(this.rest.subarray(0, take), filled);
      this.rest = this.rest.subarray(take);
      filled += take;
    }
    return filled;
  }

  /** Lets the source release its file handle when decryption stops early. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.();
    }
  }
}

import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { getSodium } from '../crypto/sodium.ts';

/**
 * The items of a `.cvbackup` file after its header: each item (vault.json, the database snapshot,
 * one blob, the manifest) is its own secretstream, so damage in one item is reported for that item
 * and the reader carries on with the next (one stream over everything would make every byte after a
 * flipped one unreadable). On disk:
 *
 *   item    = u64 BE length of the rest | 24-byte secretstream header | frame*
 *   frame   = u32 BE ciphertext length | ciphertext (plaintext + 17)
 *   trailer = u64 BE offset of the manifest item | "CVBE"
 *
 * Frame 1 carries the item descriptor JSON {kind, name}; then data frames of at most chunkSize
 * bytes (TAG_MESSAGE); the last frame is empty and tagged FINAL, so a cut item never authenticates.
 * Every frame's associated data is "cv-backup-v1\0" | header checksum | u32 BE item index: a frame
 * moved to another item or another backup, or a header edited, fails authentication.
 */

/** What an item holds. */
export type BackupItemKind = 'vault.json' | 'database' | 'blob' | 'manifest';

/** An item's self-description (its first frame). */
export interface BackupItemDescriptor {
  kind: BackupItemKind;
  /** The blob id for a blob; the file name otherwise. */
  name: string;
}

/** Where an item sits and what its plaintext was, as recorded in the manifest. */
export interface WrittenItem extends BackupItemDescriptor {
  index: number;
  /** File offset of the item's length field. */
  offset: number;
  /** Bytes after the length field. */
  length: number;
  /** Plaintext bytes. */
  size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
}

/** The manifest's index in the associated data: never a real item's. */
export const MANIFEST_INDEX = 0xffffffff;
export const TRAILER_MAGIC = 'CVBE';
export const TRAILER_BYTES = 12;
const AD_DOMAIN = 'cv-backup-v1\0';
const FRAME_OVERHEAD = 17;
const STREAM_HEADER_BYTES = 24;
/** Largest descriptor a reader accepts. */
const MAX_DESCRIPTOR_BYTES = 4096;

/** The associated data of every frame of item `index`. */
export function itemAd(headerChecksum: Uint8Array, index: number): Uint8Array {
  const domain = new TextEncoder().encode(AD_DOMAIN);
  const ad = new Uint8Array(domain.length + headerChecksum.length + 4);
  ad.set(domain, 0);
  ad.set(headerChecksum, domain.length);
  new DataView(ad.buffer).setUint32(domain.length + headerChecksum.length, index, false);
  return ad;
}

/** Appends items to an open file at its current end; the caller owns the handle. */
export class BackupItemWriter {
  /** Next write position. */
  position: number;

  constructor(
    private readonly handle: FileHandle,
    private readonly key: Uint8Array,
    private readonly headerChecksum: Uint8Array,
    private readonly chunkSize: number,
    start: number,
  ) {
    this.position = start;
  }

  /** Encrypts one item from `source` (pieces of any size) and returns where it went and its hash. */
  async writeItem(index: number, descriptor: BackupItemDescriptor, source: AsyncIterable<Uint8Array> | Uint8Array, onBytes?: (n: number) => void): Promise<WrittenItem> {
    const sodium = await getSodium();
    const ad = itemAd(this.headerChecksum, index);
    const offset = this.position;
    const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(this.key);
    // The length is not known until the end: reserve it and fill it in afterwards.
    this.position += 8;
    await this.write(header);
    const push = async (plain: Uint8Array, tag: number) => {
      const cipher = sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, ad, tag);
      const lengthPrefix = new Uint8Array(4);
      new DataView(lengthPrefix.buffer).setUint32(0, cipher.length, false);
      // One writev, no copy of the megabyte chunk into a framed buffer.
      await writevAllAt(this.handle, [lengthPrefix, cipher], this.position);
      this.position += 4 + cipher.length;
    };
    await push(new TextEncoder().encode(JSON.stringify(descriptor)), sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of source instanceof Uint8Array ? [source] : source) {
      for (let at = 0; at < piece.length; at += this.chunkSize) {
        const chunk = piece.subarray(at, Math.min(piece.length, at + this.chunkSize));
        hash.update(chunk);
        size += chunk.length;
        await push(chunk, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        onBytes?.(chunk.length);
      }
    }
    await push(new Uint8Array(0), sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    const length = this.position - offset - 8;
    const lengthField = new Uint8Array(8);
    new DataView(lengthField.buffer).setBigUint64(0, BigInt(length), false);
    await writeAllAt(this.handle, lengthField, offset);
    return { ...descriptor, index, offset, length, size, sha256: hash.digest('hex') };
  }

  /** Writes the trailer that points at the manifest item. */
  async writeTrailer(manifestOffset: number): Promise<void> {
    const trailer = new Uint8Array(TRAILER_BYTES);
    new DataView(trailer.buffer).setBigUint64(0, BigInt(manifestOffset), false);
    trailer.set(new TextEncoder().encode(TRAILER_MAGIC), 8);
    await this.write(trailer);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    await writeAllAt(this.handle, bytes, this.position);
    this.position += bytes.length;
  }
}

/** What reading one item found. */
export type ItemReadResult =
  | { ok: true; descriptor: BackupItemDescriptor; length: number; size: number; sha256: string }
  /** `length` is the item's declared length when it was plausible, so the next item can still be found. */
  | { ok: false; detail: string; length: number | null };

/**
 * Reads, authenticates and hashes item `index` at `offset`, passing each authenticated data chunk
 * to `onData` (which must not act on it for good until the result says ok: truncation shows at the end).
 * Never throws for damaged bytes; `end` bounds the item (the start of the trailer or the file's end).
 */
export async function readItem(
  handle: FileHandle,
  key: Uint8Array,
  headerChecksum: Uint8Array,
  chunkSize: number,
  index: number,
  offset: number,
  end: number,
  onData?: (chunk: Uint8Array) => Promise<void> | void,
  /** Stop after the descriptor: enough to tell which item this is, without reading its content. */
  descriptorOnly = false,
): Promise<ItemReadResult> {
  const sodium = await getSodium();
  if (offset + 8 + STREAM_HEADER_BYTES > end) return { ok: false, detail: 'item cut off (file truncated)', length: null };
  const lengthField = await readExactAt(handle, 8, offset);
  const declared = Number(new DataView(lengthField.buffer).getBigUint64(0, false));
  const itemEnd = offset + 8 + declared;
  const length = itemEnd <= end && declared >= STREAM_HEADER_BYTES ? declared : null;
  if (length === null) return { ok: false, detail: 'item length out of range (damaged or truncated)', length: null };

  const ad = itemAd(headerChecksum, index);
  let state: ReturnType<typeof sodium.crypto_secretstream_xchacha20poly1305_init_pull>;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(await readExactAt(handle, STREAM_HEADER_BYTES, offset + 8), key);
  } catch {
    return { ok: false, detail: 'stream header unreadable', length };
  }
  let position = offset + 8 + STREAM_HEADER_BYTES;
  let descriptor: BackupItemDescriptor | undefined;
  const hash = createHash('sha256');
  let size = 0;
  for (let frameNo = 0; ; frameNo++) {
    if (position === itemEnd) return { ok: false, detail: 'item ends without its final chunk', length };
    if (position + 4 > itemEnd) return { ok: false, detail: `chunk ${frameNo} cut off`, length };
    const frameLength = new DataView((await readExactAt(handle, 4, position)).buffer).getUint32(0, false);
    const limit = frameNo === 0 ? MAX_DESCRIPTOR_BYTES + FRAME_OVERHEAD : chunkSize + FRAME_OVERHEAD;
    if (frameLength < FRAME_OVERHEAD || frameLength > limit || position + 4 + frameLength > itemEnd) {
      return { ok: false, detail: `chunk ${frameNo} has an impossible length (damaged)`, length };
    }
    const cipher = await readExactAt(handle, frameLength, position + 4);
    position += 4 + frameLength;
    let result: { message: Uint8Array; tag: number } | false;
    try {
      result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad);
    } catch {
      result = false;
    }
    if (result === false) return { ok: false, detail: `chunk ${frameNo} fails authentication (damaged, reordered or from elsewhere)`, length };
    const final = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (frameNo === 0) {
      if (final) return { ok: false, detail: 'item has no content', length };
      try {
        descriptor = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result.message)) as BackupItemDescriptor;
      } catch {
        return { ok: false, detail: 'item descriptor unreadable', length };
      }
      if (descriptorOnly) return { ok: true, descriptor, length, size: 0, sha256: '' };
      continue;
    }
    if (final) {
      if (result.message.length !== 0) return { ok: false, detail: 'final chunk not empty', length };
      if (position !== itemEnd) return { ok: false, detail: 'bytes after the final chunk', length };
      if (descriptor === undefined) return { ok: false, detail: 'no descriptor', length };
      return { ok: true, descriptor, length, size, sha256: hash.digest('hex') };
    }
    if (result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) return { ok: false, detail: `chunk ${frameNo} has an unexpected tag`, length };
    hash.update(result.message);
    size += result.message.length;
    await onData?.(result.message);
  }
}

/** Reads the trailer: the manifest's offset, or null when the trailer is missing or damaged. */
export async function readTrailer(handle: FileHandle, fileSize: number, firstItemOffset: number): Promise<number | null> {
  if (fileSize < firstItemOffset + TRAILER_BYTES) return null;
  const trailer = await readExactAt(handle, TRAILER_BYTES, fileSize - TRAILER_BYTES);
  if (new TextDecoder().decode(trailer.subarray(8)) !== TRAILER_MAGIC) return null;
  const offset = Number(new DataView(trailer.buffer).getBigUint64(0, false));
  return offset >= firstItemOffset && offset < fileSize - TRAILER_BYTES ? offset : null;
}

/** Exactly `length` bytes at `position`, or fewer if the file ends first. */
export async function readExactAt(handle: FileHandle, length: number, position: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) return buffer.subarray(0, filled);
    filled += bytesRead;
  }
  return buffer;
}

async function writevAllAt(handle: FileHandle, buffers: Uint8Array[], position: number): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const { bytesWritten } = await handle.writev(buffers, position);
  if (bytesWritten === total) return;
  // A short write (rare, e.g. a signal): finish the rest byte-exactly.
  let at = position;
  let written = bytesWritten;
  for (const buffer of buffers) {
    if (written >= buffer.length) {
      written -= buffer.length;
      at += buffer.length;
      continue;
    }
    await writeAllAt(handle, buffer.subarray(written), at + written);
    at += buffer.length;
    written = 0;
  }
}

async function writeAllAt(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, position + offset);
    offset += bytesWritten;
  }
}

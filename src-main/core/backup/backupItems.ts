import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { ItemCipher } from './itemCipher.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';
import { writeAllAt } from '../files/writeAllAt.ts';

/**
 * The items of a `.cvbackup` file after its header: each item (vault.json, the database snapshot,
 * one blob, the manifest) is its own encrypted stream, so damage in one item is reported for that item
 * and the reader carries on with the next (one stream over everything would make every byte after a
 * flipped one unreadable). On disk:
 *
 *   item    = u64 BE length of the rest | stream header | frame*
 *   frame   = u32 BE ciphertext length | ciphertext (plaintext + overhead)
 *   trailer = u64 BE offset of the manifest item | "CVBE"
 *
 * The stream header and frame encryption depend on the container version (itemCipher.ts: version 1
 * libsodium secretstream, 24-byte header, +17 per frame; version 2 AES-256-GCM STREAM, 32-byte salt,
 * +16 per frame). Frame 1 carries the item descriptor JSON {kind, name}; then data frames of at most
 * chunkSize bytes; the last frame is empty and marked last, so a cut item never authenticates.
 * Every frame's associated data is "cv-backup-v<version>\0" | header checksum | u32 BE item index: a
 * frame moved to another item or another backup, or a header edited, fails authentication.
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
/** Frames written concurrently (bounded memory: this many encrypted chunks). */
const MAX_WRITES_IN_FLIGHT = 4;
/** Largest descriptor a reader accepts. */
const MAX_DESCRIPTOR_BYTES = 4096;

/** How items are encrypted and bound to their container: the version's cipher, the key, the header checksum (or a folder's stand-in) and the chunk size. */
export interface ItemContext {
  cipher: ItemCipher;
  key: Uint8Array;
  headerChecksum: Uint8Array;
  chunkSize: number;
}

/** The associated data of every frame of item `index`. */
export function itemAd(cipher: ItemCipher, headerChecksum: Uint8Array, index: number): Uint8Array {
  const domain = new TextEncoder().encode(cipher.adDomain);
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
  /** Writes still in flight (positional, so independent): the next frames are encrypted while earlier ones are written. */
  private readonly inflight: Array<Promise<void>> = [];

  constructor(
    private readonly handle: FileHandle,
    private readonly context: ItemContext,
    start: number,
  ) {
    this.position = start;
  }

  /** Encrypts one item from `source` (pieces of any size) and returns where it went and its hash. */
  async writeItem(index: number, descriptor: BackupItemDescriptor, source: AsyncIterable<Uint8Array> | Uint8Array, onBytes?: (n: number) => void): Promise<WrittenItem> {
    const { cipher, key, headerChecksum, chunkSize } = this.context;
    const ad = itemAd(cipher, headerChecksum, index);
    const offset = this.position;
    const sealer = cipher.startSeal(key, ad);
    // The length is not known until the end: reserve it and fill it in afterwards.
    this.position += 8;
    await this.queue([sealer.streamHeader]);
    const push = async (plain: Uint8Array, final: boolean) => {
      const pieces = sealer.seal(plain, final);
      const lengthPrefix = new Uint8Array(4);
      new DataView(lengthPrefix.buffer).setUint32(0, pieces.reduce((sum, piece) => sum + piece.length, 0), false);
      // One writev per frame, no copy of the megabyte chunk into a framed buffer.
      await this.queue([lengthPrefix, ...pieces]);
    };
    await push(new TextEncoder().encode(JSON.stringify(descriptor)), false);
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of source instanceof Uint8Array ? [source] : source) {
      for (let at = 0; at < piece.length; at += chunkSize) {
        const chunk = piece.subarray(at, Math.min(piece.length, at + chunkSize));
        hash.update(chunk);
        size += chunk.length;
        await push(chunk, false);
        onBytes?.(chunk.length);
      }
    }
    await push(new Uint8Array(0), true);
    await this.flush();
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
    await this.queue([trailer]);
    await this.flush();
  }

  /** Waits for the writes in flight (call before fsync or reading back). */
  async flush(): Promise<void> {
    while (this.inflight.length > 0) await this.inflight.shift();
  }

  /** Starts writing `buffers` at the current position once fewer than MAX_WRITES_IN_FLIGHT are in flight; returns when it has started. */
  private async queue(buffers: Uint8Array[]): Promise<void> {
    while (this.inflight.length >= MAX_WRITES_IN_FLIGHT) await this.inflight.shift();
    const next = writevAllAt(this.handle, buffers, this.position);
    // Marked handled now; the rejection still surfaces when it is awaited (queue() or flush()).
    next.catch(() => undefined);
    this.inflight.push(next);
    this.position += buffers.reduce((sum, b) => sum + b.length, 0);
  }
}

/** Why an item (or a folder's object) failed its checks: a reason.* key and the numbers it names. */
export interface ItemDamage {
  ok: false;
  detail: ReasonKey;
  values?: Record<string, number>;
}

/** What reading one item found. */
export type ItemReadResult =
  | { ok: true; descriptor: BackupItemDescriptor; length: number; size: number; sha256: string }
  /** `length` is the item's declared length when it was plausible, so the next item can still be found. */
  | { ok: false; detail: ReasonKey; values?: Record<string, number>; length: number | null };

/**
 * Reads, authenticates and hashes item `index` at `offset`, passing each authenticated data chunk
 * to `onData` (which must not act on it for good until the result says ok: truncation shows at the end).
 * Never throws for damaged bytes; `end` bounds the item (the start of the trailer or the file's end).
 */
export async function readItem(
  handle: FileHandle,
  context: ItemContext,
  index: number,
  offset: number,
  end: number,
  onData?: (chunk: Uint8Array) => Promise<void> | void,
  /** Stop after the descriptor: enough to tell which item this is, without reading its content. */
  descriptorOnly = false,
): Promise<ItemReadResult> {
  const { cipher, key, headerChecksum, chunkSize } = context;
  const { streamHeaderBytes, frameOverhead } = cipher;
  if (offset + 8 + streamHeaderBytes > end) return { ok: false, detail: 'reason.backup.itemCutOff', length: null };
  const lengthField = await readExactAt(handle, 8, offset);
  const declared = Number(new DataView(lengthField.buffer).getBigUint64(0, false));
  const itemEnd = offset + 8 + declared;
  const length = itemEnd <= end && declared >= streamHeaderBytes ? declared : null;
  if (length === null) return { ok: false, detail: 'reason.backup.itemLength', length: null };

  const ad = itemAd(cipher, headerChecksum, index);
  const opener = cipher.startOpen(key, ad, await readExactAt(handle, streamHeaderBytes, offset + 8));
  if (opener === undefined) return { ok: false, detail: 'reason.backup.streamHeader', length };
  let position = offset + 8 + streamHeaderBytes;
  let descriptor: BackupItemDescriptor | undefined;
  const hash = createHash('sha256');
  let size = 0;
  for (let frameNo = 0; ; frameNo++) {
    if (position === itemEnd) return { ok: false, detail: 'reason.backup.noFinalChunk', length };
    if (position + 4 > itemEnd) return { ok: false, detail: 'reason.backup.chunkCutOff', values: { chunk: frameNo }, length };
    const frameLength = new DataView((await readExactAt(handle, 4, position)).buffer).getUint32(0, false);
    const limit = frameNo === 0 ? MAX_DESCRIPTOR_BYTES + frameOverhead : chunkSize + frameOverhead;
    if (frameLength < frameOverhead || frameLength > limit || position + 4 + frameLength > itemEnd) {
      return { ok: false, detail: 'reason.backup.chunkLength', values: { chunk: frameNo }, length };
    }
    const sealed = await readExactAt(handle, frameLength, position + 4);
    position += 4 + frameLength;
    const result = opener.open(sealed, position === itemEnd);
    if (result === false) return { ok: false, detail: 'reason.backup.chunkAuth', values: { chunk: frameNo }, length };
    const final = result.final;
    if (frameNo === 0) {
      if (final) return { ok: false, detail: 'reason.backup.noContent', length };
      try {
        descriptor = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(result.message)) as BackupItemDescriptor;
      } catch {
        return { ok: false, detail: 'reason.backup.descriptorUnreadable', length };
      }
      if (descriptorOnly) return { ok: true, descriptor, length, size: 0, sha256: '' };
      continue;
    }
    if (final) {
      if (result.message.length !== 0) return { ok: false, detail: 'reason.backup.finalChunkNotEmpty', length };
      if (position !== itemEnd) return { ok: false, detail: 'reason.backup.bytesAfterFinal', length };
      if (descriptor === undefined) return { ok: false, detail: 'reason.backup.noDescriptor', length };
      return { ok: true, descriptor, length, size, sha256: hash.digest('hex') };
    }
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

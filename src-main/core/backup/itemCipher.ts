import { randomBytes } from 'node:crypto';
import { deriveStreamKey, openStreamChunk, sealStreamChunk, STREAM_TAG_BYTES } from '../crypto/aesGcmStream.ts';
import { getSodium } from '../crypto/sodium.ts';

/**
 * How the frames of one backup item are encrypted, per container version (docs/file-formats.md):
 *
 * - version 1: libsodium secretstream (XChaCha20-Poly1305); the stream header is secretstream's 24-byte
 *   header, frames carry a MESSAGE tag, the empty last frame a FINAL tag. WebAssembly: ~150-300 MB/s.
 * - version 2: AES-256-GCM in the STREAM construction (crypto/aesGcmStream.ts, decision 0021); the
 *   stream header is a random 32-byte salt, item key = HKDF-SHA256(backup key, salt, associated data),
 *   nonce = frame counter | last flag, the empty last frame carries the flag. Native: several GB/s.
 *
 * Both authenticate every frame with the item's associated data (header checksum and item index), so
 * the reader in backupItems.ts treats them alike.
 */

/** Encrypts the frames of one item, in order. */
export interface ItemSealer {
  /** Written once after the item's length field. */
  readonly streamHeader: Uint8Array;
  /** The sealed frame as pieces to write in order (no copy into one buffer). */
  seal(plain: Uint8Array, final: boolean): Uint8Array[];
}

/** Decrypts the frames of one item, in order. */
export interface ItemOpener {
  /** The plaintext and whether the frame says it is the last; false when it does not authenticate. `atEnd`: the frame ends where the item ends. */
  open(sealed: Uint8Array, atEnd: boolean): { message: Uint8Array; final: boolean } | false;
}

/** One container version's item encryption. */
export interface ItemCipher {
  readonly version: number;
  /** Bytes of the stream header after the length field. */
  readonly streamHeaderBytes: number;
  /** Bytes a frame's ciphertext adds to its plaintext. */
  readonly frameOverhead: number;
  /** Domain label at the start of every item's associated data. */
  readonly adDomain: string;
  startSeal(key: Uint8Array, ad: Uint8Array): ItemSealer;
  /** undefined when the stream header cannot start a stream. */
  startOpen(key: Uint8Array, ad: Uint8Array, streamHeader: Uint8Array): ItemOpener | undefined;
}

/** The newest container version: what export writes. */
export const NEWEST_ITEM_CIPHER_VERSION = 2;

/** The item encryption of a container version; undefined for a version this build does not know. */
export async function itemCipherFor(version: number): Promise<ItemCipher | undefined> {
  if (version === 1) return secretstreamCipher();
  if (version === 2) return aesGcmStreamCipher;
  return undefined;
}

async function secretstreamCipher(): Promise<ItemCipher> {
  const sodium = await getSodium();
  return {
    version: 1,
    streamHeaderBytes: sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES,
    frameOverhead: sodium.crypto_secretstream_xchacha20poly1305_ABYTES,
    adDomain: 'cv-backup-v1\0',
    startSeal(key, ad) {
      const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
      return {
        streamHeader: header,
        seal: (plain, final) => [sodium.crypto_secretstream_xchacha20poly1305_push(state, plain, ad,
          final ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)],
      };
    },
    startOpen(key, ad, streamHeader) {
      let state: ReturnType<typeof sodium.crypto_secretstream_xchacha20poly1305_init_pull>;
      try {
        state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(streamHeader, key);
      } catch {
        return undefined;
      }
      return {
        open(sealed) {
          let result: { message: Uint8Array; tag: number } | false;
          try {
            result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, ad);
          } catch {
            return false;
          }
          if (result === false) return false;
          const final = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
          // Secretstream's other tags (PUSH, REKEY) are never written by us: treat them as damage.
          if (!final && result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) return false;
          return { message: result.message, final };
        },
      };
    },
  };
}

/** Bytes of a version-2 item's stream header: the random salt of its key. */
export const ITEM_SALT_BYTES = 32;
const SALT_BYTES = ITEM_SALT_BYTES;

const aesGcmStreamCipher: ItemCipher = {
  version: 2,
  streamHeaderBytes: SALT_BYTES,
  frameOverhead: STREAM_TAG_BYTES,
  adDomain: 'cv-backup-v2\0',
  startSeal(key, ad) {
    const salt = randomBytes(SALT_BYTES);
    // The associated data (domain, header checksum, item index) is also the HKDF info: every item has its own key.
    const itemKey = deriveStreamKey(key, salt, ad);
    let index = 0;
    return {
      streamHeader: salt,
      seal: (plain, final) => sealStreamChunk(itemKey, index++, final, ad, plain),
    };
  },
  startOpen(key, ad, streamHeader) {
    if (streamHeader.length !== SALT_BYTES) return undefined;
    const itemKey = deriveStreamKey(key, streamHeader, ad);
    let index = 0;
    return {
      open(sealed, atEnd) {
        // Only the frame that ends the item may be the last: a cut item's new last frame was sealed as "not last".
        const message = openStreamChunk(itemKey, index++, atEnd, ad, sealed);
        return message === undefined ? false : { message, final: atEnd };
      },
    };
  },
};

import { randomFillSync } from 'node:crypto';
import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from './sodium.ts';

/**
 * Per-file data keys and their wrapping (DESIGN.md §3). Each contract file gets its own random key so
 * that destroying that one wrapped key erases the file for good (crypto-shredding) without touching
 * any other file.
 *
 * Wrapped form, 73 bytes: version (1) | XChaCha20-Poly1305 nonce (24) | ciphertext of the key (32) + tag (16).
 */

const WRAP_FORMAT_VERSION = 1;
const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const WRAPPED_BYTES = 1 + NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES;

// The record id is bound in as associated data so a wrapped key copied onto another record (by a
// corrupt or malicious database edit) fails to unwrap instead of silently decrypting the wrong file.
const AD_DOMAIN = 'cv-datakey-v1\0';

function associatedData(recordId: string): Uint8Array {
  return new TextEncoder().encode(AD_DOMAIN + recordId);
}

function assertKeyLength(name: string, key: Uint8Array): void {
  // A wrong-length key is a programming error, not a vault condition the user can act on.
  if (key.length !== DATA_KEY_BYTES) throw new RangeError(`${name} must be ${DATA_KEY_BYTES} bytes, got ${key.length}`);
}

/**
 * Random bytes from the operating system's generator, in a buffer of their own. The same source as libsodium's
 * randombytes_buf here, whose WebAssembly build fetches 4 bytes per call through Web Crypto (~17 us a call:
 * ~0.15 CPU s of a 600-file import went on keys and nonces alone).
 */
function randomBytes(length: number): Uint8Array {
  return randomFillSync(new Uint8Array(length));
}

/** A fresh random 256-bit key for one file's secretstream. */
export async function generateDataKey(): Promise<Uint8Array> {
  return randomBytes(DATA_KEY_BYTES);
}

/** Encrypts a data key under the wrapping key, bound to the record it belongs to. */
export async function wrapDataKey(wrappingKey: Uint8Array, dataKey: Uint8Array, recordId: string): Promise<Uint8Array> {
  assertKeyLength('wrappingKey', wrappingKey);
  assertKeyLength('dataKey', dataKey);
  const sodium = await getSodium();
  // Random 192-bit nonces are safe to pick at random for any number of wraps under one key.
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dataKey, associatedData(recordId), null, nonce, wrappingKey);
  const out = new Uint8Array(1 + NONCE_BYTES + sealed.length);
  out[0] = WRAP_FORMAT_VERSION;
  out.set(nonce, 1);
  out.set(sealed, 1 + NONCE_BYTES);
  return out;
}

/** Recovers a data key; BLOB_CORRUPT if the wrapped bytes, the wrapping key or the record id do not match. */
export async function unwrapDataKey(wrappingKey: Uint8Array, wrapped: Uint8Array, recordId: string): Promise<Uint8Array> {
  assertKeyLength('wrappingKey', wrappingKey);
  const version = wrapped[0];
  if (version === undefined || version === 0) throw new AppError('BLOB_CORRUPT', { blob: recordId });
  // Checked before the length, so a future format with a different layout still reports "too new".
  if (version > WRAP_FORMAT_VERSION) throw new AppError('BLOB_FORMAT_TOO_NEW', { blob: recordId });
  if (wrapped.length !== WRAPPED_BYTES) throw new AppError('BLOB_CORRUPT', { blob: recordId });
  const sodium = await getSodium();
  const nonce = wrapped.subarray(1, 1 + NONCE_BYTES);
  const sealed = wrapped.subarray(1 + NONCE_BYTES);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed, associatedData(recordId), nonce, wrappingKey);
  } catch (cause) {
    throw new AppError('BLOB_CORRUPT', { blob: recordId }, { cause });
  }
}

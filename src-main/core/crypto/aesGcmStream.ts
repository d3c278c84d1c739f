import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

/**
 * The STREAM online-AEAD construction over node:crypto's AES-256-GCM, as the `age` file format uses
 * it (decisions 0018 and 0021): one HKDF-derived key per stream, chunk nonces made of an 11-byte
 * big-endian counter and a last-chunk flag, so chunks cannot be reordered, dropped or cut off at a
 * chunk boundary without failing authentication. Native AES-GCM (AES-NI / ARMv8) runs at several GB/s,
 * against ~0.3 GB/s for libsodium's WebAssembly secretstream; ChaCha20-Poly1305 is not used because
 * Electron's BoringSSL does not offer it to createCipheriv. Shared by the search snapshot and the
 * backup container, which frame their chunks differently.
 */

/** Bytes of the GCM tag after each chunk. */
export const STREAM_TAG_BYTES = 16;
/** Bytes of a stream key. */
export const STREAM_KEY_BYTES = 32;

/** The key of one stream: HKDF-SHA256 of a long-lived key, a per-stream salt and a context label. */
export function deriveStreamKey(key: Uint8Array, salt: Uint8Array, info: Uint8Array): Buffer {
  if (key.length !== STREAM_KEY_BYTES) throw new Error('the stream master key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', key, salt, info, STREAM_KEY_BYTES));
}

/** The nonce of chunk `index`: 11-byte big-endian counter | 0x01 on the last chunk, else 0x00. */
export function streamNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  // 2^48 chunks are far beyond any file; the top bytes of the 11-byte counter stay zero.
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Encrypts chunk `index`: the ciphertext and its tag, as two buffers so a caller can write them without a copy. */
export function sealStreamChunk(key: Uint8Array, index: number, last: boolean, aad: Uint8Array, plain: Uint8Array): [Buffer, Buffer] {
  const cipher = createCipheriv('aes-256-gcm', key, streamNonce(index, last), { authTagLength: STREAM_TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plain);
  const rest = cipher.final();
  return [rest.length === 0 ? body : Buffer.concat([body, rest]), cipher.getAuthTag()];
}

/** Decrypts chunk `index` (ciphertext followed by its tag); undefined when it does not authenticate. */
export function openStreamChunk(key: Uint8Array, index: number, last: boolean, aad: Uint8Array, sealed: Uint8Array): Buffer | undefined {
  if (sealed.length < STREAM_TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, streamNonce(index, last), { authTagLength: STREAM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - STREAM_TAG_BYTES));
  try {
    const body = decipher.update(sealed.subarray(0, sealed.length - STREAM_TAG_BYTES));
    const rest = decipher.final();
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    return undefined;
  }
}

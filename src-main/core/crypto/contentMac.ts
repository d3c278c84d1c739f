import { getSodium } from './sodium.ts';

/**
 * The fingerprint the vault keeps of each original file, for duplicate detection and `verify`.
 * It is keyed BLAKE2b-256 rather than a plain hash: a plain SHA-256 of a well-known document
 * (a standard contract template, a leaked PDF) would let anyone holding the database prove the
 * vault contains it; with a vault-secret key the value is meaningless outside the vault.
 */
export interface ContentMac {
  /** Feeds the next piece of the file; pieces may be any size. */
  update(chunk: Uint8Array): void;
  /** The 32-byte MAC as lowercase hex; the hasher cannot be used afterwards. */
  digestHex(): string;
}

const MAC_BYTES = 32;

/** An incremental keyed BLAKE2b-256 over a file's bytes, so large files are hashed while they stream. */
export async function createContentMac(macKey: Uint8Array): Promise<ContentMac> {
  const sodium = await getSodium();
  if (macKey.length < sodium.crypto_generichash_KEYBYTES_MIN || macKey.length > sodium.crypto_generichash_KEYBYTES_MAX) {
    throw new RangeError(`macKey must be ${sodium.crypto_generichash_KEYBYTES_MIN}..${sodium.crypto_generichash_KEYBYTES_MAX} bytes, got ${macKey.length}`);
  }
  const state = sodium.crypto_generichash_init(macKey, MAC_BYTES);
  let finished = false;
  return {
    update(chunk: Uint8Array): void {
      // libsodium would happily keep hashing into a finalised state and return nonsense later.
      if (finished) throw new Error('ContentMac.update called after digestHex');
      sodium.crypto_generichash_update(state, chunk);
    },
    digestHex(): string {
      if (finished) throw new Error('ContentMac.digestHex called twice');
      finished = true;
      return sodium.to_hex(sodium.crypto_generichash_final(state, MAC_BYTES));
    },
  };
}

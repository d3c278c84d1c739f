import { getSodium } from '../crypto/sodium.ts';

/**
 * Subkeys derived from the vault key with crypto_kdf_derive_from_key (BLAKE2b), so each component
 * uses its own key and a flaw or leak in one cannot be replayed against another.
 *
 * FORMAT: the context and the ids below are part of the vault format. Data on disk is encrypted
 * under the keys they produce: never renumber, never reuse a retired id, only append.
 */

/** The 8-byte crypto_kdf context shared by all vault subkeys. */
export const SUBKEY_CONTEXT = 'cvault__';

/** Subkey ids (format-stable, see above). */
export const SUBKEY_IDS = {
  /** SQLCipher key of vault.db. */
  database: 1,
  /** The blob store (e.g. wrapping each file's data key). */
  blobs: 2,
  /** Keyed hash of file contents: duplicate detection without storing plain, guessable hashes. */
  contentMac: 3,
  /** The audit log (e.g. keying its hash chain). */
  audit: 4,
  /** The persisted search index. */
  index: 5,
} as const;

/** The vault's subkeys, one per component; each 32 bytes. */
export type VaultSubkeys = { readonly [Name in keyof typeof SUBKEY_IDS]: Uint8Array };

const SUBKEY_BYTES = 32;

/** Derives every component's subkey from the 32-byte vault key (deterministic). */
export async function deriveSubkeys(vaultKey: Uint8Array): Promise<VaultSubkeys> {
  const sodium = await getSodium();
  if (vaultKey.length !== sodium.crypto_kdf_KEYBYTES) throw new Error('deriveSubkeys: the vault key must be 32 bytes');
  const derive = (id: number): Uint8Array =>
    sodium.crypto_kdf_derive_from_key(SUBKEY_BYTES, id, SUBKEY_CONTEXT, vaultKey);
  return {
    database: derive(SUBKEY_IDS.database),
    blobs: derive(SUBKEY_IDS.blobs),
    contentMac: derive(SUBKEY_IDS.contentMac),
    audit: derive(SUBKEY_IDS.audit),
    index: derive(SUBKEY_IDS.index),
  };
}

import { randomUUID } from 'node:crypto';
import { getSodium } from '../crypto/sodium.ts';
import { deriveKek, KDF_SALT_BYTES, type KdfParams } from './kdfParams.ts';
import { deriveRecoveryKek } from './recoveryKey.ts';
import {
  decodeBase64,
  encodeBase64,
  type KeySlot,
  type KeySlotKind,
  type PassphraseSlot,
  type RecoverySlot,
  type VaultHeader,
} from './vaultHeader.ts';

/**
 * Key slots: the vault key wrapped (XChaCha20-Poly1305) under a key-encryption key. The associated
 * data binds each slot to its vault id, slot id and kind, so a slot pasted from another vault, or
 * relabelled within this one, fails authentication instead of unwrapping some other key.
 */

/** Bytes of the vault key (and of every KEK). */
export const VAULT_KEY_BYTES = 32;

/** What a slot's ciphertext is bound to. */
export type SlotBinding = { vaultId: string; slotId: string; kind: KeySlotKind };

// Versioned labels: changing either is a format change, because existing slots and checks would stop matching.
const SLOT_AAD_LABEL = 'contract-vault/key-slot/v1';
const KEY_CHECK_LABEL = 'contract-vault/key-check/v1';

/** Encrypts the vault key under a KEK with a fresh random nonce. */
export async function wrapVaultKey(
  vaultKey: Uint8Array,
  kek: Uint8Array,
  binding: SlotBinding,
): Promise<{ nonce: Uint8Array; wrappedKey: Uint8Array }> {
  const sodium = await getSodium();
  // XChaCha's 192-bit nonce makes random nonces safe without any counter state.
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const wrappedKey = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(vaultKey, slotAad(binding), null, nonce, kek);
  return { nonce, wrappedKey };
}

/** Decrypts a slot's vault key; undefined when the KEK is wrong or the slot was moved, relabelled or altered. */
export async function unwrapVaultKey(slot: KeySlot, vaultId: string, kek: Uint8Array): Promise<Uint8Array | undefined> {
  const sodium = await getSodium();
  try {
    const key = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      decodeBase64(slot.wrappedKey),
      slotAad({ vaultId, slotId: slot.id, kind: slot.kind }),
      decodeBase64(slot.nonce),
      kek,
    );
    return key.length === VAULT_KEY_BYTES ? key : undefined;
  } catch {
    // libsodium throws a bare "ciphertext cannot be decrypted using that key": authentication failed.
    return undefined;
  }
}

/** Builds a passphrase slot: fresh salt and slot id, Argon2id KEK, wrapped vault key. */
export async function createPassphraseSlot(
  vaultId: string,
  vaultKey: Uint8Array,
  passphrase: string,
  kdf: KdfParams,
): Promise<PassphraseSlot> {
  const sodium = await getSodium();
  const id = randomUUID();
  const salt = sodium.randombytes_buf(KDF_SALT_BYTES);
  const kek = await deriveKek(passphrase, salt, kdf);
  try {
    const { nonce, wrappedKey } = await wrapVaultKey(vaultKey, kek, { vaultId, slotId: id, kind: 'passphrase' });
    return {
      id,
      kind: 'passphrase',
      salt: encodeBase64(salt),
      kdf: { algorithm: kdf.algorithm, opsLimit: kdf.opsLimit, memLimit: kdf.memLimit },
      nonce: encodeBase64(nonce),
      wrappedKey: encodeBase64(wrappedKey),
      createdAt: new Date().toISOString(),
    };
  } finally {
    sodium.memzero(kek);
  }
}

/** Builds the recovery slot for a recovery key (32 raw bytes). */
export async function createRecoverySlot(
  vaultId: string,
  vaultKey: Uint8Array,
  recoveryKey: Uint8Array,
): Promise<RecoverySlot> {
  const sodium = await getSodium();
  const id = randomUUID();
  const salt = sodium.randombytes_buf(KDF_SALT_BYTES);
  const kek = await deriveRecoveryKek(recoveryKey, salt);
  try {
    const { nonce, wrappedKey } = await wrapVaultKey(vaultKey, kek, { vaultId, slotId: id, kind: 'recovery' });
    return {
      id,
      kind: 'recovery',
      salt: encodeBase64(salt),
      kdf: { algorithm: 'blake2b-keyed' },
      nonce: encodeBase64(nonce),
      wrappedKey: encodeBase64(wrappedKey),
      createdAt: new Date().toISOString(),
    };
  } finally {
    sodium.memzero(kek);
  }
}

/** Opens a passphrase slot; undefined when the passphrase is wrong. */
export async function openPassphraseSlot(
  slot: PassphraseSlot,
  vaultId: string,
  passphrase: string,
): Promise<Uint8Array | undefined> {
  const sodium = await getSodium();
  const kek = await deriveKek(passphrase, decodeBase64(slot.salt), slot.kdf);
  try {
    return await unwrapVaultKey(slot, vaultId, kek);
  } finally {
    sodium.memzero(kek);
  }
}

/** Opens the recovery slot; undefined when the recovery key belongs to another vault (or another slot). */
export async function openRecoverySlot(
  slot: RecoverySlot,
  vaultId: string,
  recoveryKey: Uint8Array,
): Promise<Uint8Array | undefined> {
  const sodium = await getSodium();
  const kek = await deriveRecoveryKek(recoveryKey, decodeBase64(slot.salt));
  try {
    return await unwrapVaultKey(slot, vaultId, kek);
  } finally {
    sodium.memzero(kek);
  }
}

/**
 * The header's keyCheck: BLAKE2b-256 keyed with the vault key over (label ‖ vault id). It lets a
 * caller holding a vault key prove it is this vault's key without any KEK; being a PRF output it
 * reveals nothing about the key, and it is no shortcut for guessing a passphrase.
 */
export async function computeKeyCheck(vaultKey: Uint8Array, vaultId: string): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, new TextEncoder().encode(`${KEY_CHECK_LABEL}\n${vaultId}`), vaultKey);
}

/** Whether vaultKey is the key of the vault this header describes (constant-time comparison). */
export async function keyCheckMatches(vaultKey: Uint8Array, header: VaultHeader): Promise<boolean> {
  if (vaultKey.length !== VAULT_KEY_BYTES) return false;
  const sodium = await getSodium();
  return sodium.memcmp(await computeKeyCheck(vaultKey, header.vaultId), decodeBase64(header.keyCheck));
}

function slotAad(binding: SlotBinding): Uint8Array {
  // JSON of an array is an unambiguous encoding: no field can bleed into the next.
  return new TextEncoder().encode(JSON.stringify([SLOT_AAD_LABEL, binding.vaultId, binding.slotId, binding.kind]));
}

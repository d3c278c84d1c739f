import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import { argon2idInWorker } from './argon2Worker.ts';

/** Argon2id cost parameters, recorded in each passphrase slot so old vaults keep unlocking after the defaults rise. */
export type KdfParams = { algorithm: 'argon2id13'; opsLimit: number; memLimit: number };

/** Why a set of KDF parameters is refused, or undefined when it is acceptable. */
export type KdfParamsProblem = 'unknown-algorithm' | 'not-an-integer' | 'below-minimum' | 'above-maximum';

const MIB = 1024 * 1024;

/**
 * libsodium's crypto_pwhash_{OPS,MEM}LIMIT_* values, written out so the presets are usable before
 * libsodium has loaded and so a libsodium upgrade cannot silently change what new vaults get.
 * A test checks they still equal libsodium's constants.
 */
export const kdfPresets = {
  /** Too weak for real vaults: only for tests, and the floor a header may ask for. */
  interactive: { algorithm: 'argon2id13', opsLimit: 2, memLimit: 64 * MIB },
  /** The default: 256 MiB, about 2 s on the 2-core machine these tests run on. */
  moderate: { algorithm: 'argon2id13', opsLimit: 3, memLimit: 256 * MIB },
  /** About 4x moderate's time and 1 GiB; the most the WebAssembly build can allocate. */
  sensitive: { algorithm: 'argon2id13', opsLimit: 4, memLimit: 1024 * MIB },
} as const satisfies Record<string, KdfParams>;

/** What createVault and changePassphrase use unless told otherwise. */
export const DEFAULT_KDF_PARAMS: KdfParams = kdfPresets.moderate;

/** Bytes of Argon2id salt (crypto_pwhash_SALTBYTES). */
export const KDF_SALT_BYTES = 16;

/** Bytes of a key-encryption key: an XChaCha20-Poly1305 key. */
export const KEK_BYTES = 32;

// A tampered header could otherwise ask for 2^31 passes and freeze the app at every unlock.
// 16 passes of 1 GiB is already far beyond anything this app writes.
const MAX_OPS_LIMIT = 16;
const MAX_MEM_LIMIT = kdfPresets.sensitive.memLimit;

/** Checks KDF parameters against the floor (INTERACTIVE) and a ceiling, so a header cannot downgrade or stall the KDF. */
export function checkKdfParams(params: KdfParams): KdfParamsProblem | undefined {
  if (params.algorithm !== 'argon2id13') return 'unknown-algorithm';
  if (!Number.isSafeInteger(params.opsLimit) || !Number.isSafeInteger(params.memLimit)) return 'not-an-integer';
  if (params.opsLimit < kdfPresets.interactive.opsLimit || params.memLimit < kdfPresets.interactive.memLimit) {
    return 'below-minimum';
  }
  if (params.opsLimit > MAX_OPS_LIMIT || params.memLimit > MAX_MEM_LIMIT) return 'above-maximum';
  return undefined;
}

/**
 * The form a passphrase is hashed in: Unicode NFC, so 'é' typed as one code point (Windows) or as
 * 'e' + combining accent (macOS file dialogs, some IMEs) unlocks the same vault.
 */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

/**
 * Above this memory cost Argon2id runs in a short-lived worker thread (argon2Worker.ts), so the
 * WebAssembly memory it needs is given back: every real vault (MODERATE) and backup passphrase
 * (SENSITIVE). The INTERACTIVE floor (tests, 64 MiB) stays in-process, where a worker's start would
 * add ~0.1 s to each of hundreds of test vaults.
 */
export const KDF_WORKER_ABOVE_MEMLIMIT = kdfPresets.interactive.memLimit;

/** Stretches a passphrase into a key-encryption key with Argon2id (slow on purpose). */
export async function deriveKek(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  const problem = checkKdfParams(params);
  // Headers are checked when read (VAULT_HEADER_CORRUPT); reaching here means a caller passed bad options.
  if (problem !== undefined) throw new AppError('INVALID_INPUT', { detail: `kdf: ${problem}` });
  if (salt.length !== KDF_SALT_BYTES) throw new AppError('INVALID_INPUT', { detail: `salt: expected ${KDF_SALT_BYTES} bytes` });

  const sodium = await getSodium();
  const secret = new TextEncoder().encode(normalisePassphrase(passphrase));
  try {
    if (params.memLimit > KDF_WORKER_ABOVE_MEMLIMIT) return await argon2idInWorker(secret, salt, KEK_BYTES, params.opsLimit, params.memLimit);
    return sodium.crypto_pwhash(
      KEK_BYTES,
      secret,
      salt,
      params.opsLimit,
      params.memLimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } finally {
    // The JS string cannot be wiped, but this copy at least does not linger in the heap.
    sodium.memzero(secret);
  }
}

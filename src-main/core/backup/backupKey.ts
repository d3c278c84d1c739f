import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import { checkKdfParams, deriveKek, KDF_SALT_BYTES, type KdfParams } from '../vault/kdfParams.ts';
import { parseRecoveryKey } from '../vault/recoveryKey.ts';
import type { BackupKeySpec } from './backupHeader.ts';

/** What the user gives to encrypt or open a backup: a backup passphrase, or the vault's printed recovery key. */
export type BackupSecret = { kind: 'passphrase'; passphrase: string } | { kind: 'recovery'; recoveryKey: string };

// Versioned labels: changing either is a format change.
const RECOVERY_LABEL = 'contract-vault/backup-key/v1';
const KEY_CHECK_LABEL = 'contract-vault/backup-key-check/v1';
const BACKUP_KEY_BYTES = 32;

/** A fresh key spec (new salt) and the backup key it derives, for a new backup file or folder. */
export async function newBackupKey(secret: BackupSecret, kdf: KdfParams): Promise<{ spec: BackupKeySpec; key: Uint8Array }> {
  const sodium = await getSodium();
  const salt = sodium.randombytes_buf(KDF_SALT_BYTES);
  const key = await deriveFromSecret(secret, salt, kdf);
  const keyCheck = sodium.to_base64(await keyCheckOf(key), sodium.base64_variants.ORIGINAL);
  const saltText = sodium.to_base64(salt, sodium.base64_variants.ORIGINAL);
  const spec: BackupKeySpec = secret.kind === 'passphrase'
    ? { kind: 'passphrase', salt: saltText, kdf: { algorithm: kdf.algorithm, opsLimit: kdf.opsLimit, memLimit: kdf.memLimit }, keyCheck }
    : { kind: 'recovery', salt: saltText, keyCheck };
  return { spec, key };
}

/**
 * Derives the key of an existing backup from the secret the user typed. BACKUP_SECRET_KIND when the
 * backup wants the other kind of secret, BACKUP_WRONG_SECRET when the key check differs.
 */
export async function openBackupKey(spec: BackupKeySpec, secret: BackupSecret): Promise<Uint8Array> {
  if (spec.kind !== secret.kind) throw new AppError('BACKUP_SECRET_KIND', { kind: spec.kind });
  const sodium = await getSodium();
  let salt: Uint8Array;
  try {
    salt = sodium.from_base64(spec.salt, sodium.base64_variants.ORIGINAL);
  } catch (cause) {
    throw new AppError('BACKUP_DAMAGED', { file: '', problems: 1 }, { cause });
  }
  if (spec.kind === 'passphrase' && checkKdfParams(spec.kdf) !== undefined) throw new AppError('BACKUP_DAMAGED', { file: '', problems: 1 });
  const key = await deriveFromSecret(secret, salt, spec.kind === 'passphrase' ? spec.kdf : undefined);
  const expected = sodium.from_base64(spec.keyCheck, sodium.base64_variants.ORIGINAL);
  if (expected.length !== BACKUP_KEY_BYTES || !sodium.memcmp(await keyCheckOf(key), expected)) {
    sodium.memzero(key);
    throw new AppError(secret.kind === 'passphrase' ? 'BACKUP_WRONG_PASSPHRASE' : 'WRONG_RECOVERY_KEY');
  }
  return key;
}

async function deriveFromSecret(secret: BackupSecret, salt: Uint8Array, kdf: KdfParams | undefined): Promise<Uint8Array> {
  const sodium = await getSodium();
  if (secret.kind === 'passphrase') {
    if (kdf === undefined) throw new AppError('INVALID_INPUT', { detail: 'kdf' });
    return deriveKek(secret.passphrase, salt, kdf);
  }
  // The recovery key already has 256 bits of entropy: a keyed hash is enough, no Argon2 needed.
  const recoveryKey = await parseRecoveryKey(secret.recoveryKey);
  try {
    const label = sodium.from_string(RECOVERY_LABEL);
    const message = new Uint8Array(label.length + salt.length);
    message.set(label);
    message.set(salt, label.length);
    return sodium.crypto_generichash(BACKUP_KEY_BYTES, message, recoveryKey);
  } finally {
    sodium.memzero(recoveryKey);
  }
}

async function keyCheckOf(key: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_generichash(BACKUP_KEY_BYTES, sodium.from_string(KEY_CHECK_LABEL), key);
}

import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import type { KdfParams } from '../vault/kdfParams.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

/**
 * The plaintext header of a `.cvbackup` file, formats 1 and 2 (docs/file-formats.md; they differ
 * only in how items are encrypted, itemCipher.ts):
 *
 *   0   4  magic "CVBK"
 *   4   1  format version (1 or 2)
 *   5   4  length n of the header JSON, big-endian (at most 64 KiB)
 *   9   n  header JSON, UTF-8 (random ids, time, chunk size, how the backup key is derived)
 *   9+n 32 BLAKE2b-256 of bytes 0 .. 9+n (the header checksum)
 *
 * The checksum tells a damaged header apart from a wrong passphrase (a flipped salt byte would
 * otherwise look like one), and it is the associated data of every encrypted chunk, so editing any
 * header field (KDF parameters, ids, chunk size) makes every chunk fail to authenticate.
 */

export const BACKUP_MAGIC = 'CVBK';
/** The version this build writes; it reads every version from 1 up to this one. */
export const BACKUP_FORMAT_VERSION = 2;
/** Bytes of magic, version and JSON length before the header JSON. */
export const BACKUP_PREFIX_BYTES = 9;
export const BACKUP_CHECKSUM_BYTES = 32;
const MAX_HEADER_JSON_BYTES = 64 * 1024;
/** Largest plaintext chunk a reader accepts: a damaged header must not make it allocate gigabytes. */
export const MAX_BACKUP_CHUNK_SIZE = 16 * 1024 * 1024;

/** How the key of a backup is derived: Argon2id from a backup passphrase, or keyed BLAKE2b from the vault's recovery key. */
export type BackupKeySpec =
  | { kind: 'passphrase'; salt: string; kdf: KdfParams; keyCheck: string }
  | { kind: 'recovery'; salt: string; keyCheck: string };

/** The decoded header JSON. */
export interface BackupHeader {
  format: 'contract-vault-backup';
  formatVersion: number;
  backupId: string;
  vaultId: string;
  createdAt: string;
  /** Plaintext bytes per encrypted chunk. */
  chunkSize: number;
  key: BackupKeySpec;
}

/** A header as it sits at the start of the file, with its checksum (the chunks' associated data). */
export interface EncodedBackupHeader {
  header: BackupHeader;
  bytes: Uint8Array;
  checksum: Uint8Array;
}

/** Serialises a header with its checksum (the version byte is the header's formatVersion). */
export async function encodeBackupHeader(header: BackupHeader): Promise<EncodedBackupHeader> {
  const sodium = await getSodium();
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(BACKUP_PREFIX_BYTES + json.length + BACKUP_CHECKSUM_BYTES);
  bytes.set(new TextEncoder().encode(BACKUP_MAGIC), 0);
  bytes[4] = header.formatVersion;
  new DataView(bytes.buffer).setUint32(5, json.length, false);
  bytes.set(json, BACKUP_PREFIX_BYTES);
  const checksum = sodium.crypto_generichash(BACKUP_CHECKSUM_BYTES, bytes.subarray(0, BACKUP_PREFIX_BYTES + json.length), null);
  bytes.set(checksum, BACKUP_PREFIX_BYTES + json.length);
  return { header, bytes, checksum };
}

/** What reading the first bytes of a file says: the JSON length to read next. */
export function readBackupPrefix(prefix: Uint8Array, file: string): { jsonLength: number } {
  if (prefix.length < 5 || new TextDecoder().decode(prefix.subarray(0, 4)) !== BACKUP_MAGIC) throw new AppError('BACKUP_NOT_A_BACKUP', { file });
  const version = prefix[4] ?? 0;
  // Checked before anything else is parsed: a newer version may lay out the rest differently.
  if (version > BACKUP_FORMAT_VERSION) throw new AppError('BACKUP_FORMAT_TOO_NEW', { file, found: version, supported: BACKUP_FORMAT_VERSION });
  if (version === 0 || prefix.length < BACKUP_PREFIX_BYTES) throw new AppError('BACKUP_DAMAGED', { file, problems: 1 });
  const jsonLength = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getUint32(5, false);
  return { jsonLength };
}

/** Why a header was refused as damaged; undefined when it checks out. */
export type HeaderProblem = ReasonKey;

/**
 * Parses and checks a header (prefix + JSON + checksum). Returns the header, or a problem description
 * when the bytes do not match their checksum or do not describe a header this version understands.
 */
export async function decodeBackupHeader(bytes: Uint8Array): Promise<{ encoded: EncodedBackupHeader } | { problem: HeaderProblem }> {
  const sodium = await getSodium();
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5, false);
  if (jsonLength > MAX_HEADER_JSON_BYTES || bytes.length < BACKUP_PREFIX_BYTES + jsonLength + BACKUP_CHECKSUM_BYTES) {
    return { problem: 'reason.backup.headerLength' };
  }
  const body = bytes.subarray(0, BACKUP_PREFIX_BYTES + jsonLength);
  const checksum = bytes.slice(BACKUP_PREFIX_BYTES + jsonLength, BACKUP_PREFIX_BYTES + jsonLength + BACKUP_CHECKSUM_BYTES);
  if (!sodium.memcmp(sodium.crypto_generichash(BACKUP_CHECKSUM_BYTES, body, null), checksum)) return { problem: 'reason.backup.headerChecksum' };
  let header: BackupHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(BACKUP_PREFIX_BYTES))) as BackupHeader;
  } catch {
    return { problem: 'reason.backup.headerUnreadable' };
  }
  if (header.format !== 'contract-vault-backup' || header.formatVersion !== bytes[4]) return { problem: 'reason.backup.headerInconsistent' };
  if (!Number.isInteger(header.chunkSize) || header.chunkSize < 1 || header.chunkSize > MAX_BACKUP_CHUNK_SIZE) return { problem: 'reason.backup.chunkSize' };
  if (header.key?.kind !== 'passphrase' && header.key?.kind !== 'recovery') return { problem: 'reason.backup.keyKind' };
  return { encoded: { header, bytes: bytes.slice(0, BACKUP_PREFIX_BYTES + jsonLength + BACKUP_CHECKSUM_BYTES), checksum } };
}

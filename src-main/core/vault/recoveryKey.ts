import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

/**
 * The printable recovery key (DESIGN §3): 32 random bytes, shown once at vault creation for the user
 * to print or write down. Text form: Crockford base32 of (32 key bytes ‖ first 2 bytes of
 * BLAKE2b-256(key bytes)), most significant bit first, the last character padded with zero bits,
 * in groups of 5 joined by '-': 55 characters in 11 groups. This text form is part of the vault
 * format: never change it without a way to read keys printed earlier.
 */

/** Bytes of entropy in a recovery key. */
export const RECOVERY_KEY_BYTES = 32;

const CHECKSUM_BYTES = 2;
const GROUP_LENGTH = 5;
// Crockford's alphabet: no I, L, O (confusable with 1, 1, 0) and no U (accidental words).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ENCODED_LENGTH = Math.ceil(((RECOVERY_KEY_BYTES + CHECKSUM_BYTES) * 8) / 5);
// Domain separation, so this KEK can never coincide with any other BLAKE2b use of the same bytes.
const KEK_LABEL = new TextEncoder().encode('contract-vault/recovery-kek/v1');

/** Why a typed recovery key was refused; never carries the key text itself. */
export type RecoveryKeyProblem = 'character' | 'length' | 'checksum';

/** A fresh random recovery key (32 bytes from libsodium's CSPRNG). */
export async function generateRecoveryKey(): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.randombytes_buf(RECOVERY_KEY_BYTES);
}

/** The human-printable form: 11 groups of 5 Crockford base32 characters including a 16-bit checksum. */
export async function formatRecoveryKey(bytes: Uint8Array): Promise<string> {
  if (bytes.length !== RECOVERY_KEY_BYTES) throw new AppError('INVALID_INPUT', { detail: 'reason.recoveryKey.length' satisfies ReasonKey });
  const payload = new Uint8Array(RECOVERY_KEY_BYTES + CHECKSUM_BYTES);
  payload.set(bytes);
  payload.set(await checksum(bytes), RECOVERY_KEY_BYTES);
  const text = encodeBase32(payload);
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += GROUP_LENGTH) groups.push(text.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

/**
 * Reads a recovery key as a person types it back: any case, spaces or dashes anywhere, full-width
 * characters from a CJK input method, and Crockford's O→0, I/L→1. Throws RECOVERY_KEY_MALFORMED.
 */
export async function parseRecoveryKey(text: string): Promise<Uint8Array> {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[\s\p{Pd}]/gu, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  for (const char of cleaned) {
    if (!ALPHABET.includes(char)) throw malformed('character');
  }
  if (cleaned.length !== ENCODED_LENGTH) throw malformed('length');

  const decoded = decodeBase32(cleaned, RECOVERY_KEY_BYTES + CHECKSUM_BYTES);
  if (decoded === undefined) throw malformed('checksum');
  const bytes = decoded.slice(0, RECOVERY_KEY_BYTES);
  const sodium = await getSodium();
  if (!sodium.memcmp(await checksum(bytes), decoded.slice(RECOVERY_KEY_BYTES))) throw malformed('checksum');
  return bytes;
}

/**
 * The recovery slot's key-encryption key: BLAKE2b-256 keyed with the recovery key over
 * (label ‖ slot salt). No Argon2: the key has 256 bits of entropy, nothing to slow down.
 */
export async function deriveRecoveryKek(recoveryKey: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  if (recoveryKey.length !== RECOVERY_KEY_BYTES) throw new AppError('INVALID_INPUT', { detail: 'reason.recoveryKey.length' satisfies ReasonKey });
  const sodium = await getSodium();
  const message = new Uint8Array(KEK_LABEL.length + salt.length);
  message.set(KEK_LABEL);
  message.set(salt, KEK_LABEL.length);
  return sodium.crypto_generichash(32, message, recoveryKey);
}

async function checksum(bytes: Uint8Array): Promise<Uint8Array> {
  const sodium = await getSodium();
  return sodium.crypto_generichash(32, bytes, null).slice(0, CHECKSUM_BYTES);
}

function malformed(reason: RecoveryKeyProblem): AppError {
  return new AppError('RECOVERY_KEY_MALFORMED', { reason });
}

function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Undefined when the padding bits are not zero: a typo in the last character, caught like a checksum error. */
function decodeBase32(text: string, byteLength: number): Uint8Array | undefined {
  const out = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    buffer = (buffer << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  return index === byteLength && buffer === 0 ? out : undefined;
}

import { open, readFile, rename, stat } from 'node:fs/promises';
import { syncDirectory } from '../files/syncDirectory.ts';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../src-shared/api/appError.ts';
import { checkKdfParams, KDF_SALT_BYTES } from './kdfParams.ts';

/**
 * vault.json: the one plaintext file of a vault. It holds only what is needed to unlock (format
 * version, random ids, timestamps, KDF parameters, salts, wrapped keys, a key check) and nothing
 * about the firm: no names, no member e-mails, no file names.
 */

/** The header's file name inside the vault folder. */
export const VAULT_HEADER_FILE = 'vault.json';

/** The newest header format this build reads and the one it writes. */
export const VAULT_FORMAT_VERSION = 1;

/** Bytes of an XChaCha20-Poly1305 nonce (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES). */
export const SLOT_NONCE_BYTES = 24;

/** Bytes of a wrapped vault key: the 32-byte key plus the 16-byte Poly1305 tag. */
export const WRAPPED_KEY_BYTES = 32 + 16;

/** Bytes of the key check (BLAKE2b-256). */
export const KEY_CHECK_BYTES = 32;

const TEMP_SUFFIX = '.tmp';
// A real header is about 1 KiB; refusing huge files keeps a tampered folder from exhausting memory.
const MAX_HEADER_BYTES = 1024 * 1024;

function base64Bytes(length: number) {
  return z.base64().refine((text) => Buffer.from(text, 'base64').length === length, {
    message: `expected ${length} bytes`,
  });
}

const timestamp = z.iso.datetime({ offset: true });

const argon2idSchema = z.strictObject({
  algorithm: z.literal('argon2id13'),
  opsLimit: z.int().positive(),
  memLimit: z.int().positive(),
});

const slotFields = {
  id: z.uuid(),
  salt: base64Bytes(KDF_SALT_BYTES),
  nonce: base64Bytes(SLOT_NONCE_BYTES),
  wrappedKey: base64Bytes(WRAPPED_KEY_BYTES),
  createdAt: timestamp,
};

const passphraseSlotSchema = z.strictObject({
  ...slotFields,
  kind: z.literal('passphrase'),
  kdf: argon2idSchema,
});

const recoverySlotSchema = z.strictObject({
  ...slotFields,
  kind: z.literal('recovery'),
  kdf: z.strictObject({ algorithm: z.literal('blake2b-keyed') }),
});

const keySlotSchema = z.discriminatedUnion('kind', [passphraseSlotSchema, recoverySlotSchema]);

/** The zod schema of a version-1 header; strict, so an unexpected field means corruption, not a guess. */
export const vaultHeaderSchema = z
  .strictObject({
    format: z.literal('contract-vault'),
    formatVersion: z.literal(VAULT_FORMAT_VERSION),
    vaultId: z.uuid(),
    createdAt: timestamp,
    keyCheck: base64Bytes(KEY_CHECK_BYTES),
    slots: z.array(keySlotSchema).min(1).max(16),
  })
  .superRefine((header, ctx) => {
    const ids = new Set(header.slots.map((slot) => slot.id));
    if (ids.size !== header.slots.length) ctx.addIssue({ code: 'custom', message: 'duplicate slot id' });
    // Version 1 has a single passphrase; per-member slots will come with a new formatVersion.
    if (header.slots.filter((slot) => slot.kind === 'passphrase').length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one passphrase slot' });
    }
    if (header.slots.filter((slot) => slot.kind === 'recovery').length > 1) {
      ctx.addIssue({ code: 'custom', message: 'expected at most one recovery slot' });
    }
  });

/** A parsed vault.json. */
export type VaultHeader = z.infer<typeof vaultHeaderSchema>;
/** One wrapped copy of the vault key, openable by one secret. */
export type KeySlot = z.infer<typeof keySlotSchema>;
/** A slot opened by a passphrase through Argon2id. */
export type PassphraseSlot = z.infer<typeof passphraseSlotSchema>;
/** A slot opened by the printable recovery key. */
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
/** What opens a slot. */
export type KeySlotKind = KeySlot['kind'];

/** Standard padded base64, the encoding of every binary field in the header. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes a header field already validated by the schema (a plain Uint8Array, not a pooled Buffer). */
export function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Reads and validates `<dir>/vault.json`, refusing a newer format or a weakened KDF with a precise error. */
export async function readVaultHeader(dir: string): Promise<VaultHeader> {
  const info = await stat(dir).catch((error: unknown) => {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) throw new AppError('VAULT_DIR_NOT_FOUND', { dir });
    throw error;
  });
  if (!info.isDirectory()) throw new AppError('NOT_A_VAULT', { dir });

  const file = join(dir, VAULT_HEADER_FILE);
  const fileInfo = await stat(file).catch((error: unknown) => {
    if (isErrnoCode(error, 'ENOENT')) throw new AppError('NOT_A_VAULT', { dir });
    throw error;
  });
  if (!fileInfo.isFile() || fileInfo.size > MAX_HEADER_BYTES) throw corrupt(dir, 'not a regular file of plausible size');

  let raw: unknown;
  try {
    // A BOM would come from someone opening the file in Notepad; harmless, so tolerated.
    raw = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof SyntaxError) throw corrupt(dir, 'not valid JSON');
    throw error;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw corrupt(dir, 'not a JSON object');

  const { format, formatVersion } = raw as { format?: unknown; formatVersion?: unknown };
  // Another program's vault.json is "not a vault", not a damaged one.
  if (typeof format === 'string' && format !== 'contract-vault') throw new AppError('NOT_A_VAULT', { dir });
  // Before the schema: a future version may have different fields, and must still get the right message.
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > VAULT_FORMAT_VERSION) {
    throw new AppError('VAULT_FORMAT_TOO_NEW', { dir, found: formatVersion, supported: VAULT_FORMAT_VERSION });
  }

  const parsed = vaultHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    // The header holds no secrets, so naming the faulty field is safe and helps support.
    const issue = parsed.error.issues[0];
    throw corrupt(dir, issue === undefined ? 'invalid' : `${issue.path.join('.') || 'header'}: ${issue.message}`);
  }
  for (const [index, slot] of parsed.data.slots.entries()) {
    if (slot.kind !== 'passphrase') continue;
    // Nothing authenticates the KDF parameters; a silent downgrade would make offline guessing cheap.
    const problem = checkKdfParams(slot.kdf);
    if (problem !== undefined) throw corrupt(dir, `slots.${index}.kdf: ${problem}`);
  }
  return parsed.data;
}

/** Writes vault.json atomically (temp file, fsync, rename, fsync folder) so a crash leaves the old or the new header, never half of one. */
export async function writeVaultHeader(dir: string, header: VaultHeader): Promise<void> {
  // Never write what we would refuse to read back.
  const valid = vaultHeaderSchema.parse(header);
  const target = join(dir, VAULT_HEADER_FILE);
  const temp = target + TEMP_SUFFIX;

  const handle = await open(temp, 'w', 0o600);
  try {
    // open() leaves the mode of a pre-existing temp file (left by a crash) as it was.
    if (process.platform !== 'win32') await handle.chmod(0o600);
    await handle.writeFile(JSON.stringify(valid, null, 2) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  await syncDirectory(dir);
}

function corrupt(dir: string, detail: string): AppError {
  return new AppError('VAULT_HEADER_CORRUPT', { dir, detail });
}

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

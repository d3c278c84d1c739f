import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../src-shared/api/appError.ts';
import { getSodium } from '../crypto/sodium.ts';
import { checkKdfParams, DEFAULT_KDF_PARAMS, normalisePassphrase, type KdfParams } from './kdfParams.ts';
import {
  computeKeyCheck,
  createPassphraseSlot,
  createRecoverySlot,
  keyCheckMatches,
  openPassphraseSlot,
  openRecoverySlot,
  VAULT_KEY_BYTES,
} from './keySlots.ts';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recoveryKey.ts';
import {
  encodeBase64,
  readVaultHeader,
  VAULT_FORMAT_VERSION,
  VAULT_HEADER_FILE,
  writeVaultHeader,
  type VaultHeader,
} from './vaultHeader.ts';
import { acquireVaultLock, VAULT_LOCK_FILE } from './vaultLock.ts';

/**
 * The vault's key API for the rest of the app: create a vault, unlock it with the passphrase or the
 * recovery key, change the passphrase. Unlocking and changing do not take the vault lock: the
 * session that opens the vault holds it (acquireVaultLock) for as long as the vault is open.
 */

/** Fewest characters (Unicode code points, after trimming) a passphrase may have. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Options of createVault and changePassphrase. */
export type VaultKeyOptions = { kdf?: KdfParams };

/** An unlocked vault: its 32-byte key (the caller wipes it at lock) and its header. */
export type UnlockedVault = { vaultKey: Uint8Array; header: VaultHeader };

/** A new vault; recoveryKey is the printable text, to be shown to the user exactly once. */
export type CreatedVault = UnlockedVault & { recoveryKey: string };

// Files the OS drops into any folder a user opens; their presence does not make the folder "not empty".
// vault.json.tmp is debris of a create that crashed before committing its header.
const IGNORABLE_ENTRIES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', VAULT_LOCK_FILE, `${VAULT_HEADER_FILE}.tmp`]);

/** Creates a vault in an empty or missing folder: random vault key, a passphrase slot and a recovery slot. */
export async function createVault(dir: string, passphrase: string, options: VaultKeyOptions = {}): Promise<CreatedVault> {
  assertPassphraseLongEnough(passphrase);
  const kdf = checkedKdfOption(options.kdf);
  const createdFolder = await prepareFolder(dir);
  try {
    // Checked before the lock too, so a folder we refuse is left exactly as it was.
    await assertEmptyFolder(dir);
    const lock = await acquireVaultLock(dir);
    try {
      // Checked again under the lock, so two creators racing on one folder cannot both succeed.
      await assertEmptyFolder(dir);
      // The folder holds only ciphertext, but its listing (file count, sizes, times) is nobody else's business.
      // Best effort on a folder the user brought: it may be shared or owned by someone else.
      if (process.platform !== 'win32') {
        await chmod(dir, 0o700).catch((error: unknown) => {
          if (createdFolder) throw error;
        });
      }

      const sodium = await getSodium();
      const vaultId = randomUUID();
      const vaultKey = sodium.randombytes_buf(VAULT_KEY_BYTES);
      const recoveryBytes = await generateRecoveryKey();
      try {
        // Formatted before anything is written: a vault must never exist with a recovery key nobody saw.
        const recoveryKey = await formatRecoveryKey(recoveryBytes);
        const header: VaultHeader = {
          format: 'contract-vault',
          formatVersion: VAULT_FORMAT_VERSION,
          vaultId,
          createdAt: new Date().toISOString(),
          keyCheck: encodeBase64(await computeKeyCheck(vaultKey, vaultId)),
          slots: [
            await createPassphraseSlot(vaultId, vaultKey, passphrase, kdf),
            await createRecoverySlot(vaultId, vaultKey, recoveryBytes),
          ],
        };
        await writeVaultHeader(dir, header);
        return { vaultKey, recoveryKey, header };
      } finally {
        sodium.memzero(recoveryBytes);
      }
    } finally {
      await lock.release();
    }
  } catch (error) {
    // Leave no empty folder behind for a vault that never came to be; rmdir refuses if anything is in it.
    if (createdFolder) await rmdir(dir).catch(() => undefined);
    throw error;
  }
}

/** Unlocks with the passphrase; throws WRONG_PASSPHRASE if it does not open the passphrase slot. */
export async function unlockWithPassphrase(dir: string, passphrase: string): Promise<UnlockedVault> {
  const header = await readVaultHeader(dir);
  const slot = header.slots.find((candidate) => candidate.kind === 'passphrase');
  const vaultKey = slot === undefined ? undefined : await openPassphraseSlot(slot, header.vaultId, passphrase);
  if (vaultKey === undefined) throw new AppError('WRONG_PASSPHRASE');
  return { vaultKey: await checkedAgainstHeader(dir, vaultKey, header), header };
}

/** Unlocks with the printable recovery key (any case, spaces, dashes); RECOVERY_KEY_MALFORMED or WRONG_RECOVERY_KEY on failure. */
export async function unlockWithRecoveryKey(dir: string, recoveryKeyText: string): Promise<UnlockedVault> {
  const header = await readVaultHeader(dir);
  const recoveryKey = await parseRecoveryKey(recoveryKeyText);
  const sodium = await getSodium();
  try {
    const slot = header.slots.find((candidate) => candidate.kind === 'recovery');
    const vaultKey = slot === undefined ? undefined : await openRecoverySlot(slot, header.vaultId, recoveryKey);
    if (vaultKey === undefined) throw new AppError('WRONG_RECOVERY_KEY');
    return { vaultKey: await checkedAgainstHeader(dir, vaultKey, header), header };
  } finally {
    sodium.memzero(recoveryKey);
  }
}

/**
 * Replaces the passphrase slot (new slot id, salt and KEK; same vault key, so no data is
 * re-encrypted) and keeps the recovery slot. The caller must hold the vault lock. Returns the new header.
 */
export async function changePassphrase(
  dir: string,
  vaultKey: Uint8Array,
  newPassphrase: string,
  options: VaultKeyOptions = {},
): Promise<VaultHeader> {
  assertPassphraseLongEnough(newPassphrase);
  const kdf = checkedKdfOption(options.kdf);
  const header = await readVaultHeader(dir);
  // Wrapping some other key here would lock the user out of their data for good.
  if (!(await keyCheckMatches(vaultKey, header))) throw new AppError('VAULT_HEADER_CORRUPT', { dir, detail: 'it does not belong to the open vault (key check differs)' });

  const slot = await createPassphraseSlot(header.vaultId, vaultKey, newPassphrase, kdf);
  const updated: VaultHeader = {
    ...header,
    slots: header.slots.map((existing) => (existing.kind === 'passphrase' ? slot : existing)),
  };
  await writeVaultHeader(dir, updated);
  return updated;
}

function assertPassphraseLongEnough(passphrase: string): void {
  // Code points, not UTF-16 units: eight Chinese characters are eight characters.
  if ([...normalisePassphrase(passphrase).trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('PASSPHRASE_TOO_SHORT', { min: MIN_PASSPHRASE_LENGTH });
  }
}

function checkedKdfOption(kdf: KdfParams | undefined): KdfParams {
  if (kdf === undefined) return DEFAULT_KDF_PARAMS;
  const problem = checkKdfParams(kdf);
  if (problem !== undefined) throw new AppError('INVALID_INPUT', { detail: `kdf: ${problem}` });
  return kdf;
}

/** A slot that decrypts but yields a key the header does not vouch for means the header was tampered with. */
async function checkedAgainstHeader(dir: string, vaultKey: Uint8Array, header: VaultHeader): Promise<Uint8Array> {
  if (await keyCheckMatches(vaultKey, header)) return vaultKey;
  (await getSodium()).memzero(vaultKey);
  throw new AppError('VAULT_HEADER_CORRUPT', { dir, detail: 'a key slot does not match the key check' });
}

async function assertEmptyFolder(dir: string): Promise<void> {
  const entries = await readdir(dir);
  if (entries.some((name) => !IGNORABLE_ENTRIES.has(name))) throw new AppError('VAULT_EXISTS', { dir });
}

/** Creates dir (private) when missing; true when this call created it. */
async function prepareFolder(dir: string): Promise<boolean> {
  const info = await stat(dir).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (info !== undefined && !info.isDirectory()) throw new AppError('VAULT_EXISTS', { dir });

  let created = false;
  if (info === undefined) {
    await mkdir(dirname(dir), { recursive: true });
    try {
      await mkdir(dir, { mode: 0o700 });
      created = true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
  return created;
}

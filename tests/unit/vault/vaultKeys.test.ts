import { chmod, cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import { kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';
import { parseRecoveryKey } from '../../../src-main/core/vault/recoveryKey.ts';
import { readVaultHeader, type VaultHeader } from '../../../src-main/core/vault/vaultHeader.ts';
import {
  changePassphrase,
  createVault,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  type CreatedVault,
} from '../../../src-main/core/vault/vaultKeys.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

const fast = { kdf: kdfPresets.interactive };
// Composed (NFC) on purpose: one test unlocks with the decomposed (NFD) form.
const PASSPHRASE = 'Café密码 correct horse'.normalize('NFC');
const OTHER_PASSPHRASE = 'another vault, another passphrase';

const hex = async (bytes: Uint8Array): Promise<string> => (await getSodium()).to_hex(bytes);

describe('vaultKeys', () => {
  // Argon2id is the slow part: create each reference vault once, copy it for tests that modify it.
  let shared: { dir: string; cleanup: () => Promise<void> };
  let vaultA: string;
  let vaultB: string;
  let createdA: CreatedVault;
  let createdB: CreatedVault;

  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    shared = await makeTempDir();
    vaultA = join(shared.dir, 'a');
    vaultB = join(shared.dir, 'b');
    createdA = await createVault(vaultA, PASSPHRASE, fast);
    createdB = await createVault(vaultB, OTHER_PASSPHRASE, fast);
  });
  afterAll(async () => shared.cleanup());
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(async () => cleanup());

  async function copyOfA(): Promise<string> {
    const copy = join(dir, 'vault');
    await cp(vaultA, copy, { recursive: true });
    return copy;
  }
  async function rewriteHeader(vault: string, edit: (header: VaultHeader) => unknown): Promise<void> {
    const header = JSON.parse(await readFile(join(vault, 'vault.json'), 'utf8')) as VaultHeader;
    await writeFile(join(vault, 'vault.json'), JSON.stringify(edit(header)));
  }

  it('creates a missing folder (0700) holding only vault.json (0600) with two slots', async () => {
    expect(await readdir(vaultA)).toEqual(['vault.json']);
    if (process.platform !== 'win32') {
      expect((await stat(vaultA)).mode & 0o777).toBe(0o700);
      expect((await stat(join(vaultA, 'vault.json'))).mode & 0o777).toBe(0o600);
    }
    expect(createdA.vaultKey).toHaveLength(32);
    expect(createdA.header.slots.map((slot) => slot.kind)).toEqual(['passphrase', 'recovery']);
    expect(createdA.header.slots[0]?.kdf).toEqual(kdfPresets.interactive);
    expect(await readVaultHeader(vaultA)).toEqual(createdA.header);
  });

  it('unlocks with the passphrase', async () => {
    const { vaultKey, header } = await unlockWithPassphrase(vaultA, PASSPHRASE);
    expect(await hex(vaultKey)).toBe(await hex(createdA.vaultKey));
    expect(header.vaultId).toBe(createdA.header.vaultId);
  });

  it('unlocks with the same passphrase typed in decomposed form (NFD, as macOS may deliver it)', async () => {
    const nfd = PASSPHRASE.normalize('NFD');
    expect(nfd).not.toBe(PASSPHRASE);
    const { vaultKey } = await unlockWithPassphrase(vaultA, nfd);
    expect(await hex(vaultKey)).toBe(await hex(createdA.vaultKey));
  });

  it('unlocks with the recovery key as printed, lowercased, and with spaces', async () => {
    const printed = createdA.recoveryKey;
    for (const typed of [printed, printed.toLowerCase(), printed.toLowerCase().replace(/-/g, ' ')]) {
      const { vaultKey } = await unlockWithRecoveryKey(vaultA, typed);
      expect(await hex(vaultKey)).toBe(await hex(createdA.vaultKey));
    }
  });

  it('refuses a wrong passphrase with WRONG_PASSPHRASE', async () => {
    await expect(unlockWithPassphrase(vaultA, 'Cafe密码 correct horse')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it("refuses another vault's (well-formed) recovery key with WRONG_RECOVERY_KEY", async () => {
    await expect(unlockWithRecoveryKey(vaultA, createdB.recoveryKey)).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
  });

  it('refuses a malformed recovery key (bad checksum, bad character) with RECOVERY_KEY_MALFORMED', async () => {
    const printed = createdA.recoveryKey;
    const typo = (printed[0] === '7' ? '8' : '7') + printed.slice(1);
    await expect(unlockWithRecoveryKey(vaultA, typo)).rejects.toMatchObject({ code: 'RECOVERY_KEY_MALFORMED' });
    await expect(unlockWithRecoveryKey(vaultA, printed.replace(/^./, '#'))).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MALFORMED',
    });
  });

  it('changes the passphrase: old fails, new works, recovery key still works, vault key unchanged', async () => {
    const vault = await copyOfA();
    const newPassphrase = '新的口令 new passphrase';
    const updated = await changePassphrase(vault, createdA.vaultKey, newPassphrase, fast);

    const before = createdA.header.slots;
    expect(updated.slots.find((s) => s.kind === 'recovery')).toEqual(before.find((s) => s.kind === 'recovery'));
    const oldSlot = before.find((s) => s.kind === 'passphrase');
    const newSlot = updated.slots.find((s) => s.kind === 'passphrase');
    expect(newSlot?.salt).not.toBe(oldSlot?.salt);
    expect(updated.keyCheck).toBe(createdA.header.keyCheck);
    expect(await readdir(vault)).toEqual(['vault.json']);

    await expect(unlockWithPassphrase(vault, PASSPHRASE)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const withNew = await unlockWithPassphrase(vault, newPassphrase);
    expect(await hex(withNew.vaultKey)).toBe(await hex(createdA.vaultKey));
    const withRecovery = await unlockWithRecoveryKey(vault, createdA.recoveryKey);
    expect(await hex(withRecovery.vaultKey)).toBe(await hex(createdA.vaultKey));
  });

  it('refuses to change the passphrase with a key that is not this vault’s, or a short passphrase', async () => {
    const vault = await copyOfA();
    const before = await readFile(join(vault, 'vault.json'), 'utf8');
    await expect(changePassphrase(vault, createdB.vaultKey, 'long enough passphrase', fast)).rejects.toMatchObject({
      code: 'VAULT_HEADER_CORRUPT',
    });
    await expect(changePassphrase(vault, createdA.vaultKey, ' short  ', fast)).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
      params: { min: 8 },
    });
    expect(await readFile(join(vault, 'vault.json'), 'utf8')).toBe(before);
  });

  it('refuses a passphrase shorter than 8 characters after trimming; 8 Chinese characters are enough', async () => {
    await expect(createVault(join(dir, 'v'), '   1234567   ', fast)).rejects.toMatchObject({
      code: 'PASSPHRASE_TOO_SHORT',
      params: { min: 8 },
    });
    expect(await readdir(dir)).toEqual([]);
    await expect(createVault(join(dir, 'v'), '合同保险库的口令', { kdf: { ...kdfPresets.interactive, opsLimit: 1 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT', // passed the length check, stopped by the weak KDF option
    });
  });

  it('refuses a non-empty folder with VAULT_EXISTS, and an existing vault', async () => {
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await chmod(dir, 0o755);
    await expect(createVault(dir, PASSPHRASE, fast)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(await readdir(dir)).toEqual(['notes.txt']);
    // A folder we refuse is left as it was.
    if (process.platform !== 'win32') expect((await stat(dir)).mode & 0o777).toBe(0o755);
    await expect(createVault(vaultA, PASSPHRASE, fast)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    expect(await readVaultHeader(vaultA)).toEqual(createdA.header);
  });

  it('creates into an existing empty folder (ignoring .DS_Store)', async () => {
    const vault = join(dir, 'empty');
    await mkdir(vault);
    await writeFile(join(vault, '.DS_Store'), '');
    await chmod(vault, 0o755);
    const created = await createVault(vault, OTHER_PASSPHRASE, fast);
    expect((await readdir(vault)).sort()).toEqual(['.DS_Store', 'vault.json']);
    if (process.platform !== 'win32') expect((await stat(vault)).mode & 0o777).toBe(0o700);
    expect(await readVaultHeader(vault)).toEqual(created.header);
  });

  it('a folder without vault.json is NOT_A_VAULT; a missing folder is VAULT_DIR_NOT_FOUND', async () => {
    await expect(unlockWithPassphrase(dir, PASSPHRASE)).rejects.toMatchObject({ code: 'NOT_A_VAULT' });
    await expect(unlockWithRecoveryKey(join(dir, 'gone'), createdA.recoveryKey)).rejects.toMatchObject({
      code: 'VAULT_DIR_NOT_FOUND',
    });
  });

  it('refuses a newer formatVersion with VAULT_FORMAT_TOO_NEW', async () => {
    const vault = await copyOfA();
    await rewriteHeader(vault, (h) => ({ ...h, formatVersion: 2, slots: undefined, keySlots: h.slots }));
    await expect(unlockWithPassphrase(vault, PASSPHRASE)).rejects.toMatchObject({
      code: 'VAULT_FORMAT_TOO_NEW',
      params: { found: 2, supported: 1 },
    });
  });

  it('refuses corrupt JSON with VAULT_HEADER_CORRUPT', async () => {
    const vault = await copyOfA();
    const text = await readFile(join(vault, 'vault.json'), 'utf8');
    await writeFile(join(vault, 'vault.json'), text.slice(0, 200));
    await expect(unlockWithPassphrase(vault, PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
  });

  it('refuses KDF parameters tampered below INTERACTIVE with VAULT_HEADER_CORRUPT (no silent downgrade)', async () => {
    const vault = await copyOfA();
    await rewriteHeader(vault, (h) => ({
      ...h,
      slots: h.slots.map((s) => (s.kind === 'passphrase' ? { ...s, kdf: { ...s.kdf, opsLimit: 1, memLimit: 8192 * 1024 } } : s)),
    }));
    await expect(unlockWithPassphrase(vault, PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
  });

  it('a slot copied from another vault does not open this one, even with that vault’s secret', async () => {
    const vault = await copyOfA();
    const slotsB = createdB.header.slots;
    await rewriteHeader(vault, (h) => ({
      ...h,
      slots: h.slots.map((s) => slotsB.find((b) => b.kind === s.kind) ?? s),
    }));
    await expect(unlockWithPassphrase(vault, OTHER_PASSPHRASE)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(unlockWithRecoveryKey(vault, createdB.recoveryKey)).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
  });

  it('a relabelled slot (new id) no longer opens', async () => {
    const vault = await copyOfA();
    const otherId = createdB.header.slots.find((s) => s.kind === 'recovery')?.id;
    await rewriteHeader(vault, (h) => ({
      ...h,
      slots: h.slots.map((s) => (s.kind === 'recovery' ? { ...s, id: otherId } : s)),
    }));
    await expect(unlockWithRecoveryKey(vault, createdA.recoveryKey)).rejects.toMatchObject({ code: 'WRONG_RECOVERY_KEY' });
  });

  it('vault.json contains no passphrase, recovery key or vault key, in any form', async () => {
    const sodium = await getSodium();
    const text = await readFile(join(vaultA, 'vault.json'), 'utf8');
    const recoveryBytes = await parseRecoveryKey(createdA.recoveryKey);
    const forbidden = [
      PASSPHRASE,
      PASSPHRASE.normalize('NFD'),
      JSON.stringify(PASSPHRASE).slice(1, -1),
      'Café',
      '密码',
      createdA.recoveryKey,
      createdA.recoveryKey.replace(/-/g, ''),
      // No single group either (all-digit groups skipped: they could occur in a timestamp by chance).
      ...createdA.recoveryKey.split('-').filter((group) => /[A-Z]/.test(group)),
      Buffer.from(recoveryBytes).toString('base64'),
      sodium.to_hex(recoveryBytes),
      Buffer.from(createdA.vaultKey).toString('base64'),
      sodium.to_hex(createdA.vaultKey),
    ];
    for (const secret of forbidden) expect(text).not.toContain(secret);
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(
      ['createdAt', 'format', 'formatVersion', 'keyCheck', 'slots', 'vaultId'].sort(),
    );
  });

  it('uses Argon2id MODERATE by default and records it in the header', async () => {
    const sodium = await getSodium();
    const { header } = await createVault(join(dir, 'default'), PASSPHRASE);
    const slot = header.slots.find((s) => s.kind === 'passphrase');
    expect(slot?.kdf).toEqual({
      algorithm: 'argon2id13',
      opsLimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE,
      memLimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE,
    });
    expect((await readVaultHeader(join(dir, 'default'))).slots[0]?.kdf).toEqual(slot?.kdf);
  });
});

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../src-main/core/crypto/sodium.ts';
import { kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';
import {
  encodeBase64,
  readVaultHeader,
  writeVaultHeader,
  type VaultHeader,
} from '../../../src-main/core/vault/vaultHeader.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

/** A well-formed header with random bytes where the keys would be: the format, without the crypto. */
async function makeHeader(): Promise<VaultHeader> {
  const sodium = await getSodium();
  const b64 = (n: number): string => encodeBase64(sodium.randombytes_buf(n));
  const now = new Date().toISOString();
  return {
    format: 'contract-vault',
    formatVersion: 1,
    vaultId: randomUUID(),
    createdAt: now,
    keyCheck: b64(32),
    slots: [
      { id: randomUUID(), kind: 'passphrase', salt: b64(16), kdf: { ...kdfPresets.interactive }, nonce: b64(24), wrappedKey: b64(48), createdAt: now },
      { id: randomUUID(), kind: 'recovery', salt: b64(16), kdf: { algorithm: 'blake2b-keyed' }, nonce: b64(24), wrappedKey: b64(48), createdAt: now },
    ],
  };
}

describe('vaultHeader', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(async () => cleanup());

  const writeRaw = (value: unknown): Promise<void> =>
    writeFile(join(dir, 'vault.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('writes atomically (no temp file left, mode 0600) and reads back the same header', async () => {
    const header = await makeHeader();
    await writeVaultHeader(dir, header);
    expect(await readdir(dir)).toEqual(['vault.json']);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'vault.json'))).mode & 0o777).toBe(0o600);
    expect(await readVaultHeader(dir)).toEqual(header);

    // Overwriting replaces the whole file, and a leftover temp file from a crash is reused.
    await writeFile(join(dir, 'vault.json.tmp'), 'half a header', { mode: 0o644 });
    const next = { ...header, createdAt: new Date(0).toISOString() };
    await writeVaultHeader(dir, next);
    expect(await readdir(dir)).toEqual(['vault.json']);
    expect(await readVaultHeader(dir)).toEqual(next);
  });

  it('missing folder → VAULT_DIR_NOT_FOUND; folder without vault.json or a file → NOT_A_VAULT', async () => {
    await expect(readVaultHeader(join(dir, 'nope'))).rejects.toMatchObject({ code: 'VAULT_DIR_NOT_FOUND' });
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'NOT_A_VAULT', params: { dir } });
    await writeFile(join(dir, 'file.txt'), 'x');
    await expect(readVaultHeader(join(dir, 'file.txt'))).rejects.toMatchObject({ code: 'NOT_A_VAULT' });
  });

  it("another program's vault.json is NOT_A_VAULT", async () => {
    await writeRaw({ format: 'some-other-app', formatVersion: 7 });
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'NOT_A_VAULT' });
  });

  it('refuses a newer formatVersion with VAULT_FORMAT_TOO_NEW even when its fields are unknown', async () => {
    await writeRaw({ format: 'contract-vault', formatVersion: 2, somethingNew: { a: 1 } });
    await expect(readVaultHeader(dir)).rejects.toMatchObject({
      code: 'VAULT_FORMAT_TOO_NEW',
      params: { found: 2, supported: 1 },
    });
  });

  it('unparsable JSON → VAULT_HEADER_CORRUPT', async () => {
    const full = JSON.stringify(await makeHeader());
    for (const raw of [full.slice(0, full.length / 2), '', 'null', '[1,2]', '"vault"']) {
      await writeRaw(raw);
      await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
    }
  });

  it('schema-invalid → VAULT_HEADER_CORRUPT', async () => {
    const good = await makeHeader();
    const [pass, recovery] = good.slots;
    if (pass === undefined || recovery === undefined) throw new Error('fixture');
    const bad: unknown[] = [
      { ...good, formatVersion: 0 },
      { ...good, formatVersion: '1' },
      { ...good, vaultId: 'not-a-uuid' },
      { ...good, slots: [] },
      { ...good, keyCheck: encodeBase64(new Uint8Array(31)) },
      { ...good, firmName: 'ACME Ltd' },
      { ...good, slots: [{ ...pass, wrappedKey: 'not base64!' }, recovery] },
      { ...good, slots: [{ ...pass, kdf: { algorithm: 'blake2b-keyed' } }, recovery] },
      { ...good, slots: [pass, { ...pass, id: randomUUID() }] }, // two passphrase slots
      { ...good, slots: [pass, { ...recovery, id: pass.id }] }, // duplicate id
    ];
    for (const value of bad) {
      await writeRaw(value);
      await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
    }
    // The detail names the faulty field (the header holds no secrets, so this is safe to show).
    await writeRaw({ ...good, keyCheck: encodeBase64(new Uint8Array(31)) });
    const error: unknown = await readVaultHeader(dir).catch((e: unknown) => e);
    expect(String((error as { params: { detail: string } }).params.detail)).toContain('keyCheck');
  });

  it('refuses KDF parameters below INTERACTIVE (a downgrade) or absurdly high (a stall)', async () => {
    const good = await makeHeader();
    const [pass, recovery] = good.slots;
    if (pass?.kind !== 'passphrase' || recovery === undefined) throw new Error('fixture');
    const tampered = [
      { ...pass.kdf, opsLimit: 1 },
      { ...pass.kdf, memLimit: 8 * 1024 * 1024 },
      { ...pass.kdf, opsLimit: 1_000_000 },
    ];
    for (const kdf of tampered) {
      await writeRaw({ ...good, slots: [{ ...pass, kdf }, recovery] });
      await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
    }
    await writeRaw({ ...good, slots: [{ ...pass, kdf: tampered[0] }, recovery] });
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ params: { dir, detail: 'slots.0.kdf: below-minimum' } });
  });

  it('tolerates a UTF-8 BOM (the file was opened in Notepad)', async () => {
    const header = await makeHeader();
    await writeRaw('\uFEFF' + JSON.stringify(header));
    expect(await readVaultHeader(dir)).toEqual(header);
  });

  it('refuses to write an invalid header', async () => {
    const header = { ...(await makeHeader()), formatVersion: 2 } as unknown as VaultHeader;
    await expect(writeVaultHeader(dir, header)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a header file that is a folder', async () => {
    await mkdir(join(dir, 'vault.json'));
    await expect(readVaultHeader(dir)).rejects.toMatchObject({ code: 'VAULT_HEADER_CORRUPT' });
  });

  it('writes JSON a person can inspect', async () => {
    await writeVaultHeader(dir, await makeHeader());
    const text = await readFile(join(dir, 'vault.json'), 'utf8');
    expect(text).toContain('\n  "formatVersion": 1,');
  });
});

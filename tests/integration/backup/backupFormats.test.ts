import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src-main/core/backend.ts';
import { exportBackup } from '../../../src-main/core/backup/backupExport.ts';
import { VaultSession } from '../../../src-main/core/session/vaultSession.ts';
import { kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';
import { unlockWithPassphrase } from '../../../src-main/core/vault/vaultKeys.ts';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

/** Every file under `dir` except the database (its pages are re-encrypted with fresh IVs by each snapshot), relative path -> bytes. */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'vault.db' || entry.name.endsWith('.json') && entry.name !== 'vault.json') continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(dir, full), await readFile(full));
  }
  return out;
}

/** Offsets of the items of a container, from the raw length fields (not our reader). */
function itemStarts(bytes: Buffer): number[] {
  const headerEnd = 9 + bytes.readUInt32BE(5) + 32;
  const manifestStart = Number(bytes.readBigUInt64BE(bytes.length - 12));
  const starts: number[] = [];
  for (let offset = headerEnd; offset < manifestStart; offset += 8 + Number(bytes.readBigUInt64BE(offset))) starts.push(offset);
  return starts;
}

describe('backup container versions: format 2 (AES-256-GCM STREAM) is written, format 1 (secretstream) still verifies and restores', () => {
  let vault: Vault;
  const files: Record<1 | 2, string> = { 1: '', 2: '' };
  beforeAll(async () => {
    vault = await createTestVault();
    await fillVaultForBackup(vault.call, vault.writeInput);
    files[2] = join(vault.root, 'v2.cvbackup');
    await vault.call('backup.export', { outPath: files[2], recoveryKey: vault.recoveryKey });
    // A format-1 file is written by the same export with the older item cipher, from a session of its own.
    expectOk(await vault.backend.invoke('vault.lock', {}));
    const { vaultKey, header } = await unlockWithPassphrase(vault.vaultDir, testPassphrase);
    const session = await VaultSession.open(vault.vaultDir, header.vaultId, vaultKey);
    try {
      files[1] = join(vault.root, 'v1.cvbackup');
      await exportBackup(session, files[1], { secret: { kind: 'recovery', recoveryKey: vault.recoveryKey }, kdf: kdfPresets.interactive, formatVersion: 1 });
    } finally {
      await session.close();
    }
  });
  afterAll(async () => { await vault.cleanup(); });

  it('export writes format 2; both formats verify, restore to the same files, and open with the vault passphrase', async () => {
    const bytes = { 1: await readFile(files[1]), 2: await readFile(files[2]) };
    expect(bytes[2][4]).toBe(2);
    expect(bytes[1][4]).toBe(1);
    const restored: Map<string, Buffer>[] = [];
    for (const version of [1, 2] as const) {
      const report = await vault.call('backup.verify', { file: files[version], recoveryKey: vault.recoveryKey });
      expect(report.ok, JSON.stringify(report.problems)).toBe(true);
      expect(report.formatVersion).toBe(version);
      const target = join(vault.root, `restored-v${version}`);
      await vault.call('backup.restore', { file: files[version], targetDir: target, recoveryKey: vault.recoveryKey });
      const check = new Backend({ actor: 'checker', locale: 'en' });
      try {
        expectOk(await check.invoke('vault.unlock', { vaultDir: target, passphrase: testPassphrase }));
        expect(expectOk(await check.invoke('vault.verify', {})).problems).toEqual([]);
        expect(expectOk(await check.invoke('contracts.list', {}))).toHaveLength(2);
      } finally {
        await check.dispose();
      }
      restored.push(await filesUnder(target));
    }
    const original = await filesUnder(vault.vaultDir);
    for (const files of restored) {
      for (const [path, content] of files) if (path.startsWith('blobs') || path === 'vault.json') expect(content.equals(original.get(path) ?? Buffer.alloc(0)), path).toBe(true);
    }
    expect([...(restored[0]?.keys() ?? [])].sort()).toEqual([...(restored[1]?.keys() ?? [])].sort());
  });

  it('names a damaged item in either format, and refuses to restore it', async () => {
    for (const version of [1, 2] as const) {
      const bytes = await readFile(files[version]);
      const starts = itemStarts(bytes);
      const blobStart = starts[3] ?? 0;
      const damaged = Buffer.from(bytes);
      // A byte in the middle of the second blob item's frames.
      const at = blobStart + 8 + 40 + Math.floor(((starts[4] ?? bytes.length) - blobStart - 60) / 2);
      damaged[at] = (damaged[at] ?? 0) ^ 0x40;
      const file = join(vault.root, `damaged-v${version}.cvbackup`);
      await writeFile(file, damaged);
      const report = await vault.call('backup.verify', { file, recoveryKey: vault.recoveryKey });
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => [p.part, p.index])).toEqual([['blob', 3]]);
      expectError(await vault.backend.invoke('backup.restore', { file, targetDir: join(vault.root, `never-v${version}`), recoveryKey: vault.recoveryKey }), 'BACKUP_DAMAGED');
    }
  });
});

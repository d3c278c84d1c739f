import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../src-main/core/backend.ts';
import { blobPath, exportBackup } from '../../../src-main/core/backup/backupExport.ts';
import { verifyBackupFile } from '../../../src-main/core/backup/backupVerify.ts';
import { VaultSession } from '../../../src-main/core/session/vaultSession.ts';
import { kdfPresets } from '../../../src-main/core/vault/kdfParams.ts';
import { unlockWithPassphrase } from '../../../src-main/core/vault/vaultKeys.ts';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
interface DigestRow { blob_id: string; blob_sha256: string | null; text_blob_id: string; text_blob_sha256: string | null }

const sha256Of = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

/**
 * Decision 0028: a blob's SHA-256 is recorded when it is written, and export puts that hash in the manifest
 * instead of hashing the blob again. These tests read the blob files and the database directly.
 */
describe('blob digests recorded at import and used by backup export', () => {
  let vault: Vault;
  let session: VaultSession;
  const recovery = () => ({ secret: { kind: 'recovery' as const, recoveryKey: vault.recoveryKey }, kdf: kdfPresets.interactive });
  const rows = () => session.db.prepare('SELECT blob_id, blob_sha256, text_blob_id, text_blob_sha256 FROM file_versions ORDER BY rowid').all() as DigestRow[];

  beforeAll(async () => {
    vault = await createTestVault();
    await fillVaultForBackup(vault.call, vault.writeInput);
    expectOk(await vault.backend.invoke('vault.lock', {}));
    const { vaultKey, header } = await unlockWithPassphrase(vault.vaultDir, testPassphrase);
    session = await VaultSession.open(vault.vaultDir, header.vaultId, vaultKey);
  });
  afterAll(async () => {
    await session.close();
    await vault.cleanup();
  });

  it('every imported version records the SHA-256 of both its blob files as they are on disk', async () => {
    const versions = rows();
    expect(versions.length).toBeGreaterThanOrEqual(3);
    for (const row of versions) {
      expect(row.blob_sha256).toBe(await sha256Of(blobPath(vault.vaultDir, row.blob_id)));
      expect(row.text_blob_sha256).toBe(await sha256Of(blobPath(vault.vaultDir, row.text_blob_id)));
    }
  });

  it('a blob changed on disk after import is carried with its recorded hash, so verify names it; a blob without a recorded hash is hashed as read', async () => {
    const [first, second] = rows();
    if (first === undefined || second === undefined) throw new Error('the fixture vault has fewer than two versions');
    const changed = [first.blob_id, second.blob_id];
    for (const blobId of changed) {
      const path = blobPath(vault.vaultDir, blobId);
      const bytes = await readFile(path);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x20;
      await writeFile(path, bytes);
    }
    // The second one as a version stored before schema 5 would have it: no recorded hash.
    session.db.prepare('UPDATE file_versions SET blob_sha256 = NULL WHERE blob_id = ?').run(second.blob_id);

    const file = join(vault.root, 'changed-blob.cvbackup');
    await exportBackup(session, file, recovery());
    const report = await verifyBackupFile(file, { kind: 'recovery', recoveryKey: vault.recoveryKey });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ part: 'blob', index: expect.any(Number), name: first.blob_id, detail: 'reason.backup.changedInVault', changedInVault: true }]);
    expect(report.verifiedItems).toBe(report.items - 1);

    // The backup itself is sound: restore writes both blobs as the vault held them, says how many had changed,
    // and the restored vault's own verify names both.
    const target = join(vault.root, 'restored');
    const restored = await vault.call('backup.restore', { file, targetDir: target, recoveryKey: vault.recoveryKey });
    expect(restored.changedInVault).toBe(1);
    for (const blobId of changed) expect((await readFile(blobPath(target, blobId))).equals(await readFile(blobPath(vault.vaultDir, blobId)))).toBe(true);
    const check = new Backend({ actor: 'checker', locale: 'en' });
    try {
      expectOk(await check.invoke('vault.unlock', { vaultDir: target, passphrase: testPassphrase }));
      const problems = expectOk(await check.invoke('vault.verify', {})).problems;
      expect(problems.length).toBeGreaterThanOrEqual(2);
    } finally {
      await check.dispose();
    }
  });

  it('a backup damaged after export is still refused by restore, changed blob or not', async () => {
    const file = join(vault.root, 'changed-blob.cvbackup');
    const bytes = await readFile(file);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
    const damaged = join(vault.root, 'damaged.cvbackup');
    await writeFile(damaged, bytes);
    const report = await verifyBackupFile(damaged, { kind: 'recovery', recoveryKey: vault.recoveryKey });
    expect(report.problems.some((problem) => problem.changedInVault !== true)).toBe(true);
    expectError(await vault.backend.invoke('backup.restore', { file: damaged, targetDir: join(vault.root, 'not-restored'), recoveryKey: vault.recoveryKey }), 'BACKUP_DAMAGED');
  });
});

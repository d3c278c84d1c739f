import { readdir, readFile, mkdir, writeFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-shared/api/envelope.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../../src-shared/api/operations.ts';
import type { ProgressEvent } from '../../../src-shared/api/progress.ts';
import { Backend } from '../../../src-main/core/backend.ts';
import { fillVaultForBackup } from '../../fixtures/backupVaultContent.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
const backupPassphrase = 'backup passphrase 备份口令';

/** Every file under `dir`, relative path -> bytes. */
async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(dir, full), await readFile(full));
  }
  return out;
}

describe('backup export, verify and restore round trip', () => {
  let vault: Vault;
  let other: Backend | undefined;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => {
    await other?.dispose();
    other = undefined;
    await vault.cleanup();
  });

  const otherCall = async <N extends OperationName>(name: N, input: OperationRequest<N>): Promise<OperationResult<N>> => {
    other ??= new Backend({ actor: 'restorer', locale: 'en' });
    return expectOk((await other.invoke(name, input)) as Envelope<OperationResult<N>>);
  };

  it('restores a vault with Chinese and English contracts, versions, annexes and tags to equal content, field by field and byte by byte', async () => {
    const contractIds = await fillVaultForBackup(vault.call, vault.writeInput);
    const file = join(vault.root, 'firm.cvbackup');
    const events: ProgressEvent[] = [];
    const exported = expectOk(await vault.backend.invoke('backup.export', { outPath: file, backupPassphrase, kdf: 'interactive' }, { onProgress: (e) => events.push(e) }));
    expect(exported.blobs).toBe(10); // 5 versions, each an original and a text blob
    expect(events.at(-1)?.done).toBe(events.at(-1)?.total);
    // Nothing readable in the backup file: not the customer name, not a file name.
    const backupBytes = await readFile(file);
    for (const secret of ['北京纷享科技有限公司', 'Acme Trading', '采购合同', 'nda-acme']) {
      expect(backupBytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(backupBytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }

    const report = await vault.call('backup.verify', { file, backupPassphrase });
    expect(report).toMatchObject({ ok: true, problems: [], items: 12, verifiedItems: 12 });

    const before = {
      customers: await vault.call('customers.list', {}),
      contracts: await vault.call('contracts.list', {}),
      details: await Promise.all(contractIds.map((id) => vault.call('contracts.get', { id }))),
      audit: await vault.call('audit.list', {}),
    };
    const sourceFiles = await filesUnder(vault.vaultDir);

    const target = join(vault.root, 'restored', 'vault');
    const restored = await otherCall('backup.restore', { file, targetDir: target, backupPassphrase });
    expect(restored.vaultId).toBe((await vault.call('vault.status', {})).vaultId);
    expect((await readdir(join(vault.root, 'restored')))).toEqual(['vault']);

    // Byte by byte: vault.json and every blob the database references are identical.
    const restoredFiles = await filesUnder(target);
    expect(restoredFiles.get('vault.json')?.equals(sourceFiles.get('vault.json') ?? Buffer.alloc(0))).toBe(true);
    const restoredBlobs = [...restoredFiles.keys()].filter((p) => p.startsWith('blobs'));
    expect(restoredBlobs).toHaveLength(10);
    for (const blob of restoredBlobs) expect(restoredFiles.get(blob)?.equals(sourceFiles.get(blob) ?? Buffer.alloc(0)), blob).toBe(true);

    // Opens with the passphrase it had, and with its recovery key.
    await otherCall('vault.unlock', { vaultDir: target, passphrase: testPassphrase });
    expect(await otherCall('customers.list', {})).toEqual(before.customers);
    expect(await otherCall('contracts.list', {})).toEqual(before.contracts);
    const details = await Promise.all(contractIds.map((id) => otherCall('contracts.get', { id })));
    expect(details).toEqual(before.details);
    for (const detail of details) {
      for (const f of detail.files) {
        for (const v of f.versions) {
          const a = join(vault.root, `a-${v.id}`);
          const b = join(vault.root, `b-${v.id}`);
          await vault.call('files.export', { contractId: detail.id, fileId: f.id, versionId: v.id, outPath: a });
          await otherCall('files.export', { contractId: detail.id, fileId: f.id, versionId: v.id, outPath: b });
          expect((await readFile(a)).equals(await readFile(b))).toBe(true);
        }
      }
    }
    // The audit chain continues: every event the backup held, then "restored from backup", and it verifies.
    const audit = await otherCall('audit.list', {});
    const restoreEvent = audit.find((e) => e.action === 'backup.restored');
    expect(restoreEvent?.details).toMatchObject({ backupId: exported.backupId });
    const carried = audit.filter((e) => e.seq < (restoreEvent?.seq ?? 0));
    expect(carried).toEqual(before.audit.filter((e) => e.seq <= carried.length));
    expect((await otherCall('vault.verify', {})).problems).toEqual([]);
    // The restore is recorded once, not at every unlock.
    await otherCall('vault.lock', {});
    await otherCall('vault.unlock', { vaultDir: target, recoveryKey: vault.recoveryKey });
    expect((await otherCall('audit.list', {})).filter((e) => e.action === 'backup.restored')).toHaveLength(1);
    // Search works on the restored vault (its index is rebuilt, not carried).
    expect((await otherCall('search.query', { text: '价格表' })).hits.length).toBeGreaterThan(0);
  });

  it('encrypts with the vault recovery key instead of a passphrase, and refuses the wrong secret, a used target and an existing file', async () => {
    await fillVaultForBackup(vault.call, vault.writeInput);
    const file = join(vault.root, 'rk.cvbackup');
    expectError(await vault.backend.invoke('backup.export', { outPath: file, recoveryKey: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }), 'RECOVERY_KEY_MALFORMED');
    expectError(await vault.backend.invoke('backup.export', { outPath: file, backupPassphrase: 'short' }), 'PASSPHRASE_TOO_SHORT');
    await vault.call('backup.export', { outPath: file, recoveryKey: vault.recoveryKey });
    expectError(await vault.backend.invoke('backup.export', { outPath: file, recoveryKey: vault.recoveryKey }), 'OUTPUT_EXISTS');
    expect((await vault.call('audit.list', {})).filter((e) => e.action === 'backup.export')).toHaveLength(1);

    expectError(await vault.backend.invoke('backup.verify', { file, backupPassphrase }), 'BACKUP_SECRET_KIND');
    expect((await vault.call('backup.verify', { file, recoveryKey: vault.recoveryKey.toLowerCase() })).ok).toBe(true);

    const pw = join(vault.root, 'pw.cvbackup');
    await vault.call('backup.export', { outPath: pw, backupPassphrase, kdf: 'interactive' });
    expectError(await vault.backend.invoke('backup.verify', { file: pw, backupPassphrase: 'not the passphrase' }), 'BACKUP_WRONG_PASSPHRASE');

    const used = join(vault.root, 'used');
    await mkdir(used);
    await writeFile(join(used, 'keep.txt'), 'mine');
    expectError(await vault.backend.invoke('backup.restore', { file, targetDir: used, recoveryKey: vault.recoveryKey }), 'BACKUP_TARGET_NOT_EMPTY');
    expect(await readdir(used)).toEqual(['keep.txt']);
    // The open vault itself is never a restore target.
    expectError(await vault.backend.invoke('backup.restore', { file, targetDir: vault.vaultDir, recoveryKey: vault.recoveryKey }), 'BACKUP_TARGET_NOT_EMPTY');
    // An empty folder the user made is fine.
    const empty = join(vault.root, 'empty');
    await mkdir(empty);
    await otherCall('backup.restore', { file, targetDir: empty, recoveryKey: vault.recoveryKey });
    expect((await stat(join(empty, 'vault.db'))).size).toBeGreaterThan(0);
  });

  it('refuses a newer format version and a file that is not a backup, with clear errors', async () => {
    const file = join(vault.root, 'x.cvbackup');
    await vault.call('backup.export', { outPath: file, recoveryKey: vault.recoveryKey });
    // A future format may lay out everything after the version byte differently.
    const newer = join(vault.root, 'newer.cvbackup');
    await writeFile(newer, Buffer.concat([Buffer.from('CVBK'), Buffer.from([3]), Buffer.from('a different layout'.repeat(10))]));
    const error = expectError(await vault.backend.invoke('backup.verify', { file: newer, recoveryKey: vault.recoveryKey }), 'BACKUP_FORMAT_TOO_NEW');
    expect(error.message).toContain('newer version');
    // The same byte flipped in a real backup is damage, not a newer format: the header checksum says so.
    const flipped = await readFile(file);
    expect(flipped[4]).toBe(2);
    flipped[4] = 3;
    await writeFile(newer, flipped);
    const report = await vault.call('backup.verify', { file: newer, recoveryKey: vault.recoveryKey });
    expect(report.problems.map((p) => p.part)).toEqual(['header']);
    const notBackup = join(vault.root, 'notes.txt');
    await writeFile(notBackup, 'hello');
    expectError(await vault.backend.invoke('backup.verify', { file: notBackup, recoveryKey: vault.recoveryKey }), 'BACKUP_NOT_A_BACKUP');
    expectError(await vault.backend.invoke('backup.restore', { file: join(vault.root, 'missing.cvbackup'), targetDir: join(vault.root, 'n'), recoveryKey: vault.recoveryKey }), 'FILE_NOT_FOUND');
  });
});

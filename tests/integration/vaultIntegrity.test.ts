import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src-main/core/backend.ts';
import { migrate } from '../../src-main/core/db/migrate.ts';
import { migrations } from '../../src-main/core/db/migrations/index.ts';
import { makePdf } from '../fixtures/makePdf.ts';
import { openRawVaultDb } from '../helpers/rawVaultDb.ts';
import { createTestVault, expectError, expectOk, testPassphrase } from '../helpers/testVault.ts';
import { translateReason } from '../../src-shared/i18n/translate.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

async function importOne(vault: Vault, name: string, lines: string[]) {
  const path = await vault.writeInput(name, await makePdf([lines]));
  const [outcome] = await vault.call('contracts.import', { paths: [path] });
  if (outcome?.status !== 'imported') throw new Error(`import of ${name} failed: ${JSON.stringify(outcome)}`);
  return outcome;
}

async function blobPaths(vaultDir: string): Promise<string[]> {
  const root = join(vaultDir, 'blobs');
  const out: string[] = [];
  for (const dir of await readdir(root)) {
    if (dir.startsWith('.')) continue;
    for (const name of await readdir(join(root, dir))) out.push(join(root, dir, name));
  }
  return out;
}

describe('vault lifecycle, database safety and tamper detection', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('locks, refuses a wrong passphrase in the caller\'s language, and unlocks with the passphrase or the recovery key', async () => {
    await vault.call('vault.lock', {});
    expect(await vault.call('vault.status', {})).toEqual({ unlocked: false, vaultId: null });
    expectError(await vault.backend.invoke('customers.list', {}), 'VAULT_LOCKED');
    const en = expectError(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: 'not the passphrase' }), 'WRONG_PASSPHRASE');
    expect(en.message).toBe('Wrong passphrase.');
    const zh = new Backend({ actor: 't', locale: 'zh-CN' });
    expect(expectError(await zh.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: 'nope nope' }), 'WRONG_PASSPHRASE').message).toBe('密码错误。');
    expect(expectError(await zh.invoke('vault.unlock', { vaultDir: join(vault.root, 'nothing') , passphrase: 'x' }), 'VAULT_DIR_NOT_FOUND').message).toContain('不存在');
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, recoveryKey: vault.recoveryKey.toLowerCase() });
    expect((await vault.call('vault.status', {})).unlocked).toBe(true);
  });

  it('changes the passphrase without touching the data or the recovery key', async () => {
    const o = await importOne(vault, 'a.pdf', ['alpha']);
    await vault.call('vault.changePassphrase', { newPassphrase: 'a brand new passphrase', kdf: 'interactive' });
    await vault.call('vault.lock', {});
    expectError(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }), 'WRONG_PASSPHRASE');
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: 'a brand new passphrase' });
    expect((await vault.call('contracts.get', { id: o.contractId })).id).toBe(o.contractId);
    await vault.call('vault.lock', {});
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, recoveryKey: vault.recoveryKey });
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('runs SQLite in WAL mode with synchronous=FULL and refuses a second process while open', async () => {
    await vault.call('vault.lock', {});
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    const other = new Backend({ actor: 'other', locale: 'en' });
    expectError(await other.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }), 'VAULT_BUSY');
  });

  it('refuses a database written by a newer app version, and rolls back a failing migration whole', async () => {
    await vault.call('vault.lock', {});
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    const current = db.pragma('user_version', { simple: true }) as number;
    const failing = [...migrations,
      { version: current + 1, name: 'adds-a-table', up: (d: typeof db) => d.exec('CREATE TABLE extra (x)') },
      { version: current + 2, name: 'breaks', up: () => { throw new Error('boom'); } }];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(current);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    db.pragma(`user_version=${current + 5}`);
    db.close();
    const error = expectError(await vault.backend.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase }), 'DATABASE_TOO_NEW');
    expect(error.message).toContain(String(current + 5));
    expect((await readdir(vault.vaultDir)).includes('vault.lock')).toBe(false);
  });

  it('sweeps orphaned blobs and temp files at unlock, keeping every referenced blob', async () => {
    await importOne(vault, 'keep.pdf', ['keep me']);
    await vault.call('vault.lock', {});
    const before = await blobPaths(vault.vaultDir);
    await mkdir(join(vault.vaultDir, 'blobs', 'ab'), { recursive: true });
    await writeFile(join(vault.vaultDir, 'blobs', 'ab', 'ab'.repeat(16)), 'orphan from a crash');
    await mkdir(join(vault.vaultDir, 'blobs', '.tmp'), { recursive: true });
    await writeFile(join(vault.vaultDir, 'blobs', '.tmp', 'half-written'), 'partial');
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    expect((await blobPaths(vault.vaultDir)).sort()).toEqual(before.sort());
    expect(await readdir(join(vault.vaultDir, 'blobs', '.tmp'))).toEqual([]);
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('detects a flipped byte and a truncated blob on verify and on read, naming the contract', async () => {
    const a = await importOne(vault, 'a.pdf', ['contract a']);
    const b = await importOne(vault, 'b.pdf', ['contract b']);
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
    await vault.call('vault.lock', {});
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    const blobOf = (versionId: string) => (db.prepare('SELECT blob_id FROM file_versions WHERE id = ?').get(versionId) as { blob_id: string }).blob_id;
    const pathOf = (blobId: string) => join(vault.vaultDir, 'blobs', blobId.slice(0, 2), blobId);
    const aPath = pathOf(blobOf(a.versionId));
    const bPath = pathOf(blobOf(b.versionId));
    db.close();
    const aBytes = await readFile(aPath);
    aBytes[Math.floor(aBytes.length / 2)]! ^= 0x01;
    await writeFile(aPath, aBytes);
    const bBytes = await readFile(bPath);
    await writeFile(bPath, bBytes.subarray(0, bBytes.length - 10));

    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    const report = await vault.call('vault.verify', {});
    expect(report.ok).toBe(false);
    const corrupt = report.problems.filter((p) => p.kind === 'blob-corrupt').map((p) => p.contractId).sort();
    expect(corrupt).toEqual([a.contractId, b.contractId].sort());
    const error = expectError(await vault.backend.invoke('files.export', { contractId: a.contractId, outPath: join(vault.root, 'out.pdf') }), 'BLOB_CORRUPT');
    expect(error.message).toContain(a.contractId);
    await expect(stat(join(vault.root, 'out.pdf'))).rejects.toThrow();
  });

  it('detects a missing blob', async () => {
    const a = await importOne(vault, 'a.pdf', ['contract a']);
    await vault.call('vault.lock', {});
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    const { blob_id: blobId } = db.prepare('SELECT blob_id FROM file_versions WHERE id = ?').get(a.versionId) as { blob_id: string };
    db.close();
    const { unlink } = await import('node:fs/promises');
    await unlink(join(vault.vaultDir, 'blobs', blobId.slice(0, 2), blobId));
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
    const report = await vault.call('vault.verify', {});
    expect(report.problems.map((p) => [p.kind, p.contractId])).toContainEqual(['blob-missing', a.contractId]);
    expectError(await vault.backend.invoke('files.export', { contractId: a.contractId, outPath: join(vault.root, 'o.pdf') }), 'BLOB_MISSING');
  });

  it('keeps the audit log append-only and detects a changed, removed or reordered event', async () => {
    await vault.call('customers.add', { name: 'Audit Co' });
    await importOne(vault, 'a.pdf', ['contract a']);
    await importOne(vault, 'b.pdf', ['contract b']);
    const events = await vault.call('audit.list', {});
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['vault.create', 'customer.create', 'contract.create', 'file.import']));
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
    await vault.call('vault.lock', {});

    const tamper = async (sql: string[]) => {
      const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
      db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      for (const statement of sql) db.exec(statement);
      db.close();
      await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
      const report = await vault.call('vault.verify', {});
      await vault.call('vault.lock', {});
      return report.problems.filter((p) => p.kind === 'audit-chain');
    };

    // Append-only: the database itself refuses an edit while the triggers stand.
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    expect(() => db.exec("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_events WHERE seq = 2')).toThrow(/append-only/);
    db.close();

    const snapshot = await readFile(join(vault.vaultDir, 'vault.db'));
    const restore = async () => writeFile(join(vault.vaultDir, 'vault.db'), snapshot);

    const changed = await tamper(["UPDATE audit_events SET actor = 'mallory' WHERE seq = 2"]);
    expect(changed.map((p) => translateReason('zh-CN', p.detail, p.values))).toContain('审计记录 2 与其哈希值不符（记录被修改过）');
    expect(changed.map((p) => translateReason('en', p.detail, p.values))).toContain('audit event 2 does not match its hash (the event was changed)');
    await restore();
    expect(await tamper(['DELETE FROM audit_events WHERE seq = 3'])).not.toEqual([]);
    await restore();
    // Reorder: events 2 and 3 trade places (each keeps its position number, the content moves).
    const cols = ['at', 'actor', 'action', 'record_type', 'record_id', 'details', 'prev_hash', 'hash'];
    expect(await tamper([
      'CREATE TABLE t AS SELECT * FROM audit_events WHERE seq IN (2, 3)',
      `UPDATE audit_events SET ${cols.map((c) => `${c} = (SELECT ${c} FROM t WHERE t.seq = 5 - audit_events.seq)`).join(', ')} WHERE seq IN (2, 3)`,
    ])).not.toEqual([]);
  });

  it('refuses bad input at the door with INVALID_INPUT and unknown operations with UNKNOWN_OPERATION', async () => {
    expectError(await vault.backend.invoke('customers.add', { name: '   ' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('customers.add', { name: 'X', email: 'not-an-email' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('customers.add', { name: 'X', extra: 1 }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('contracts.get', { id: '../../etc/passwd' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('nope.nope', {}), 'UNKNOWN_OPERATION');
    expectOk(await vault.backend.invoke('customers.list', undefined));
  });
});

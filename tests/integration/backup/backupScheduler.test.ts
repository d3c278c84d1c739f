import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-shared/api/envelope.ts';
import { Backend } from '../../../src-main/core/backend.ts';
import { RETRY_AFTER_FAILURE_MS } from '../../../src-main/core/services/backupScheduler.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';
import { expectOk, testPassphrase } from '../../helpers/testVault.ts';

const HOUR = 3_600_000;

/** A backend on a clock the test moves by hand (timers off), with one contract and a daily schedule to a folder. */
async function scheduledVault() {
  const temp = await makeTempDir();
  // Backup times are stamped with the real clock: the moved clock starts there.
  let now = Date.now();
  const backend = new Backend({ actor: 'tester', locale: 'en', now: () => now, idleCheckMs: 0 });
  const vaultDir = join(temp.dir, 'vault');
  const folder = join(temp.dir, 'backups');
  const { recoveryKey } = expectOk(await backend.invoke('vault.create', { vaultDir, passphrase: testPassphrase, kdf: 'interactive' }));
  const call = async <T>(envelope: Promise<Envelope<T>>) => expectOk(await envelope);
  const input = join(temp.dir, 'nda.txt');
  await import('node:fs/promises').then((fs) => fs.writeFile(input, 'Mutual NDA between the firm and Acme Ltd.'));
  await call(backend.invoke('contracts.import', { paths: [input] }));
  await call(backend.invoke('backup.schedule.set', { folder, recoveryKey, intervalHours: 24 }));
  // Runs, not snapshots in the folder: retention keeps one per (real) day of these runs.
  const runs = async () => (await call(backend.invoke('audit.list', {}))).filter((event) => event.action === 'backup.run').length;
  const scheduledRuns = async () => (await call(backend.invoke('audit.list', {})))
    .filter((event) => event.action === 'backup.run' && event.details.trigger === 'schedule').length;
  return {
    backend, vaultDir, folder, call, runs, scheduledRuns,
    advanceHours: (hours: number) => { now += hours * HOUR; },
    cleanup: async () => { await backend.dispose(); await temp.cleanup(); },
  };
}

describe('scheduled backups run on their own', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => { await cleanup?.(); cleanup = undefined; });

  it('runs when a run is due, not before, and catches up once (not once per missed day) after the vault was locked for days', async () => {
    const v = await scheduledVault();
    cleanup = v.cleanup;
    // No backup yet: due at once.
    expect(await v.backend.runScheduledBackupIfDue()).toBe('ran');
    expect(await v.runs()).toBe(1);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('not-due');
    v.advanceHours(23);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('not-due');
    v.advanceHours(1.1);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('ran');
    expect(await v.runs()).toBe(2);

    expectOk(await v.backend.invoke('vault.lock', {}));
    v.advanceHours(72);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('locked');
    expectOk(await v.backend.invoke('vault.unlock', { vaultDir: v.vaultDir, passphrase: testPassphrase }));
    expect(await v.backend.runScheduledBackupIfDue()).toBe('ran');
    expect(await v.backend.runScheduledBackupIfDue()).toBe('not-due');
    expect(await v.runs()).toBe(3);
    expect(await v.scheduledRuns()).toBe(3);
    const status = await v.call(v.backend.invoke('backup.status', {}));
    expect(status).toMatchObject({ due: false, overdue: false, lastFailure: null, running: false });
  });

  it('once started by a door, checks right after an unlock; never runs two at once, and a manual run joins the one in progress', async () => {
    const v = await scheduledVault();
    cleanup = v.cleanup;
    // An hour between timer ticks: only the unlock can trigger the run this test waits for.
    v.backend.startBackupScheduler(HOUR);
    expectOk(await v.backend.invoke('vault.lock', {}));
    expectOk(await v.backend.invoke('vault.unlock', { vaultDir: v.vaultDir, passphrase: testPassphrase }));
    await v.backend.scheduledBackupSettled();
    expect(await v.runs()).toBe(1);

    v.advanceHours(25);
    const manual = v.backend.invoke('backup.run', {});
    const again = v.backend.invoke('backup.run', {});
    // The manual run is in progress: the scheduler skips, and the second manual call gets the same run.
    expect(await v.backend.runScheduledBackupIfDue()).toBe('running');
    expect((await v.call(v.backend.invoke('backup.status', {}))).running).toBe(true);
    const [first, second] = [expectOk(await manual), expectOk(await again)];
    expect(second.snapshotId).toBe(first.snapshotId);
    expect(await v.runs()).toBe(2);
  });

  it('reports a failed run through backup.status and the audit log, retries an hour later, and clears the failure after a good run', async () => {
    const v = await scheduledVault();
    cleanup = v.cleanup;
    // The backup disk is unplugged.
    await rename(v.folder, `${v.folder}-away`);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('failed');
    const failed = await v.call(v.backend.invoke('backup.status', {}));
    expect(failed.lastFailure?.code).toMatch(/^[A-Z_]+$/);
    expect(failed.lastFailure?.message.length).toBeGreaterThan(0);
    expect(failed.due).toBe(true);
    const audit = await v.call(v.backend.invoke('audit.list', {}));
    expect(audit.filter((event) => event.action === 'backup.runFailed')).toHaveLength(1);

    expect(await v.backend.runScheduledBackupIfDue()).toBe('retry-later');
    v.advanceHours(RETRY_AFTER_FAILURE_MS / HOUR + 0.1);
    await rename(`${v.folder}-away`, v.folder);
    expect(await v.backend.runScheduledBackupIfDue()).toBe('ran');
    expect((await v.call(v.backend.invoke('backup.status', {}))).lastFailure).toBeNull();
    expect(await v.scheduledRuns()).toBe(1);
  });

  it('keeps the vault open while a scheduled run is in progress, and auto-locks after it', async () => {
    const v = await scheduledVault();
    cleanup = v.cleanup;
    const run = v.backend.runScheduledBackupIfDue();
    v.advanceHours(1);
    // Idle for an hour (auto-lock is 15 minutes), but the run must not lose its vault.
    expect(await v.backend.lockIfIdle()).toBe(false);
    expect(await run).toBe('ran');
    expect(await v.backend.lockIfIdle()).toBe(true);
  });
});

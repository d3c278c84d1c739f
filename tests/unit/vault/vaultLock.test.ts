import { spawn } from 'node:child_process';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireVaultLock } from '../../../src-main/core/vault/vaultLock.ts';
import { makeTempDir } from '../../helpers/tempDir.ts';

/** The pid of a process that has certainly exited (spawned and awaited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  if (child.pid === undefined) throw new Error('spawn failed');
  return child.pid;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

describe('vaultLock', () => {
  let dir: string;
  let lockPath: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    lockPath = join(dir, 'vault.lock');
  });
  afterEach(async () => cleanup());

  it('writes {pid, host, startedAt} with mode 0600, refuses a second holder, and release frees it', async () => {
    const lock = await acquireVaultLock(dir);
    const content = JSON.parse(await readFile(lockPath, 'utf8')) as Record<string, unknown>;
    expect(content).toMatchObject({ pid: process.pid, host: hostname() });
    expect(Number.isNaN(Date.parse(String(content.startedAt)))).toBe(false);
    if (process.platform !== 'win32') expect((await stat(lockPath)).mode & 0o777).toBe(0o600);

    await expect(acquireVaultLock(dir)).rejects.toMatchObject({ code: 'VAULT_BUSY', params: { pid: process.pid } });

    await lock.release();
    expect(await exists(lockPath)).toBe(false);
    await lock.release(); // idempotent
    const again = await acquireVaultLock(dir);
    await again.release();
  });

  it('only one of several simultaneous acquirers wins', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => acquireVaultLock(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'VAULT_BUSY' });
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('takes over a stale lock left by a dead process (SIGKILL, crash)', async () => {
    const pid = await deadPid();
    await writeFile(lockPath, JSON.stringify({ pid, host: hostname(), startedAt: new Date().toISOString(), id: 'old' }));
    const lock = await acquireVaultLock(dir);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('a lock held by another live process is VAULT_BUSY; once that process is SIGKILLed it is taken over', async () => {
    const moduleUrl = pathToFileURL(resolve('src-main/core/vault/vaultLock.ts')).href;
    const script = `const { acquireVaultLock } = await import(${JSON.stringify(moduleUrl)});
      await acquireVaultLock(${JSON.stringify(dir)}); console.log('held'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    try {
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('held') ? done() : undefined));
        child.once('exit', () => fail(new Error('lock holder exited early')));
      });
      await expect(acquireVaultLock(dir)).rejects.toMatchObject({ code: 'VAULT_BUSY', params: { pid: child.pid ?? -1 } });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(await exists(lockPath)).toBe(true);
    const lock = await acquireVaultLock(dir);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('several acquirers racing for one stale lock: exactly one takes it over', async () => {
    const pid = await deadPid();
    await writeFile(lockPath, JSON.stringify({ pid, host: hostname(), startedAt: new Date().toISOString(), id: 'old' }));
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => acquireVaultLock(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(await exists(join(dir, 'vault.lock.takeover'))).toBe(false);
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('a lock from another computer is VAULT_BUSY (its pid cannot be checked)', async () => {
    const pid = await deadPid();
    await writeFile(lockPath, JSON.stringify({ pid, host: `not-${hostname()}`, startedAt: new Date().toISOString(), id: 'x' }));
    await expect(acquireVaultLock(dir)).rejects.toMatchObject({ code: 'VAULT_BUSY' });
  });

  it('a lock naming this pid but older than this process is from a previous process with the same pid', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2001-01-01T00:00:00.000Z', id: 'x' }));
    const lock = await acquireVaultLock(dir);
    await lock.release();
  });

  it('an unreadable lock is taken over once old, waited for while fresh', async () => {
    await writeFile(lockPath, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    const lock = await acquireVaultLock(dir);
    await lock.release();

    // A fresh empty lock is a writer between create and write; after the wait it is judged debris.
    await writeFile(lockPath, '{"pid": ');
    const started = Date.now();
    const second = await acquireVaultLock(dir);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    await second.release();
  });

  it('release leaves alone a lock someone else has since taken over', async () => {
    const lock = await acquireVaultLock(dir);
    const theirs = JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: new Date().toISOString(), id: 'theirs' });
    await writeFile(lockPath, theirs);
    await lock.release();
    expect(await readFile(lockPath, 'utf8')).toBe(theirs);
  });

  it('a missing folder is VAULT_DIR_NOT_FOUND', async () => {
    await expect(acquireVaultLock(join(dir, 'missing'))).rejects.toMatchObject({ code: 'VAULT_DIR_NOT_FOUND' });
  });
});

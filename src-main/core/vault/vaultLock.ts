import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../src-shared/api/appError.ts';

/**
 * One process at a time per vault: the orphan-blob sweep at unlock would otherwise delete a blob
 * another process has written but not yet committed. The lock is `<dir>/vault.lock`, created with
 * O_EXCL and holding `{pid, host, startedAt, id}`. A lock whose process is gone (crash, SIGKILL,
 * power loss) is stale and taken over; one held by a live process, or by another computer
 * (a vault on a network or synced drive), is VAULT_BUSY.
 */

/** The lock's file name inside the vault folder. */
export const VAULT_LOCK_FILE = 'vault.lock';

/** A held vault lock. */
export type VaultLock = { release(): Promise<void> };

type LockInfo = { pid: number; host: string; startedAt: string; id: string };
type ExistingLock = { raw: string; info: LockInfo | undefined; mtimeMs: number; ageMs: number };

// Takers of a stale lock serialise on this file, so two of them cannot both delete and recreate.
const TAKEOVER_FILE = 'vault.lock.takeover';
// A lock file is written within milliseconds of being created; an unreadable one older than this is debris from a crash.
const UNREADABLE_GRACE_MS = 2_000;
// A takeover holds its guard for milliseconds; one older than this was left by a crash mid-takeover.
const TAKEOVER_GRACE_MS = 10_000;
const ACQUIRE_DEADLINE_MS = 5_000;
const RETRY_MS = 50;
// Wall-clock time this process started: a lock naming our own pid but older than us is from a previous
// process that had the same pid (common in containers, where the app is often pid 1).
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/** Takes the vault's process lock, taking over a stale one; throws VAULT_BUSY if another live process holds it. */
export async function acquireVaultLock(dir: string): Promise<VaultLock> {
  const path = join(dir, VAULT_LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), id: randomUUID() };
  const deadline = Date.now() + ACQUIRE_DEADLINE_MS;
  let lastSeen: LockInfo | undefined;

  while (Date.now() < deadline) {
    if (await tryCreateLock(dir, path, info)) return heldLock(path, info.id);
    const existing = await readLock(path);
    if (existing === undefined) continue; // released between our two calls: try again at once
    lastSeen = existing.info ?? lastSeen;
    const verdict = judge(existing);
    if (verdict === 'alive') throw busy(dir, existing.info);
    if (verdict === 'unsure') await sleep(RETRY_MS);
    else await removeStaleLock(dir, path, existing);
  }
  throw busy(dir, lastSeen);
}

async function tryCreateLock(dir: string, path: string, info: LockInfo): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    if (errnoCode(error) === 'ENOENT') throw new AppError('VAULT_DIR_NOT_FOUND', { dir });
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(info) + '\n', 'utf8');
    await handle.sync();
    await handle.close();
  } catch (error) {
    // A half-written lock (disk full) would block everyone for UNREADABLE_GRACE_MS: remove it.
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return true;
}

function heldLock(path: string, id: string): VaultLock {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      const existing = await readLock(path);
      // Only remove our own lock: if someone wrongly judged us dead and took over, theirs must stay.
      if (existing?.info?.id === id) await unlink(path).catch(ignoreMissing);
    },
  };
}

async function readLock(path: string): Promise<ExistingLock | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { raw, info: parseLockInfo(raw), mtimeMs: info.mtimeMs, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parseLockInfo(raw: string): LockInfo | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockInfo> | null;
    if (
      typeof value === 'object' && value !== null &&
      // pid 0 or negative would make process.kill signal a whole process group.
      Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 &&
      typeof value.host === 'string' && typeof value.startedAt === 'string' && typeof value.id === 'string'
    ) {
      return value as LockInfo;
    }
  } catch {
    // Falls through: an unparsable lock is judged by its age.
  }
  return undefined;
}

function judge(existing: ExistingLock): 'alive' | 'stale' | 'unsure' {
  const { info } = existing;
  if (info === undefined) return existing.ageMs < UNREADABLE_GRACE_MS ? 'unsure' : 'stale';
  // A pid means nothing on another computer; only its owner (or the user, by deleting the file) can clear it.
  if (info.host !== hostname()) return 'alive';
  if (info.pid === process.pid) {
    const started = Date.parse(info.startedAt);
    return Number.isFinite(started) && started < PROCESS_STARTED_MS - 1_000 ? 'stale' : 'alive';
  }
  try {
    process.kill(info.pid, 0);
    return 'alive';
  } catch (error) {
    // EPERM: the process exists but belongs to another user, so it is alive.
    return errnoCode(error) === 'ESRCH' ? 'stale' : 'alive';
  }
}

async function removeStaleLock(dir: string, path: string, stale: ExistingLock): Promise<void> {
  const guardPath = join(dir, TAKEOVER_FILE);
  let guard;
  try {
    guard = await open(guardPath, 'wx', 0o600);
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
    const guardInfo = await stat(guardPath).catch(() => undefined);
    if (guardInfo !== undefined && Date.now() - guardInfo.mtimeMs > TAKEOVER_GRACE_MS) {
      await unlink(guardPath).catch(ignoreMissing);
    } else {
      await sleep(RETRY_MS);
    }
    return;
  }
  try {
    // Delete only the very lock we judged stale: another taker may already have replaced it with a live one.
    const current = await readLock(path);
    if (current?.raw === stale.raw && current.mtimeMs === stale.mtimeMs) await unlink(path).catch(ignoreMissing);
  } finally {
    await guard.close();
    await unlink(guardPath).catch(ignoreMissing);
  }
}

function busy(dir: string, info: LockInfo | undefined): AppError {
  // The message names the pid; '?' when the lock never became readable.
  return new AppError('VAULT_BUSY', info === undefined ? { dir, host: '?', pid: '?' } : { dir, host: info.host, pid: info.pid });
}

function ignoreMissing(error: unknown): void {
  if (errnoCode(error) !== 'ENOENT') throw error;
}

function errnoCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

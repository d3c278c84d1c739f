import type { VaultSession } from '../session/vaultSession.ts';
import { appendAudit, type AuditEntry } from './auditLog.ts';

/** Repeats of the same view by the same actor within this window write no new event (decision 0020). */
export const VIEW_COALESCE_MS = 10 * 60_000;
// Keys older than the window are dropped once this many are held.
const PRUNE_AT = 2000;

const lastWritten = new WeakMap<VaultSession, Map<string, number>>();

/**
 * Records a read (`contract.view`, `file.view`, `file.viewText`, `file.preview`) unless the same actor
 * already has the same event, on the same record with the same details (so the same file version and
 * kind of view), written within the last 10 minutes. The audit log is a hash chain and is never
 * rewritten: a repeat is simply not written. The first read in each window always is, so every reader
 * of every version stays on record. Kept in memory per open vault: after a lock and unlock the next view
 * is written again. Changes, exports and other events never go through here.
 */
export function appendViewAudit(session: VaultSession, entry: AuditEntry, now: number = Date.now()): boolean {
  let seen = lastWritten.get(session);
  if (seen === undefined) {
    seen = new Map();
    lastWritten.set(session, seen);
  }
  const key = JSON.stringify([entry.actor, entry.action, entry.recordType, entry.recordId, entry.details ?? {}]);
  const last = seen.get(key);
  if (last !== undefined && now - last < VIEW_COALESCE_MS && now >= last) return false;
  session.db.transaction(() => appendAudit(session, entry)).immediate();
  seen.set(key, now);
  if (seen.size > PRUNE_AT) for (const [k, at] of seen) if (now - at >= VIEW_COALESCE_MS) seen.delete(k);
  return true;
}

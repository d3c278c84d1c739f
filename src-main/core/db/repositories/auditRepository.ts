import { prepareCached } from '../statementCache.ts';
import type { VaultDatabase } from '../connection.ts';

/** An audit row exactly as stored, including the chain links. */
export interface AuditRow {
  seq: number; at: string; actor: string; action: string; record_type: string; record_id: string | null;
  details: string; prev_hash: string; hash: string;
}

/** Appends one event row (call inside the transaction of the change it records). */
export function insertAuditRow(db: VaultDatabase, row: AuditRow): void {
  prepareCached(db, `INSERT INTO audit_events (seq, at, actor, action, record_type, record_id, details, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row.seq, row.at, row.actor, row.action, row.record_type, row.record_id, row.details, row.prev_hash, row.hash);
}

/** The newest event, the link the next one chains to. */
export function lastAuditRow(db: VaultDatabase): AuditRow | null {
  return (prepareCached(db, 'SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1').get() as AuditRow | undefined) ?? null;
}

/** Every event in storage order (rowid), so verify sees reordering as stored, not as re-sorted. */
export function allAuditRowsInStorageOrder(db: VaultDatabase): AuditRow[] {
  return prepareCached(db, 'SELECT * FROM audit_events ORDER BY rowid').all() as AuditRow[];
}

/** Newest events first, optionally about one record. */
export function listAuditRows(db: VaultDatabase, limit: number, recordId?: string): AuditRow[] {
  return (recordId === undefined
    ? prepareCached(db, 'SELECT * FROM audit_events ORDER BY seq DESC LIMIT ?').all(limit)
    : prepareCached(db, 'SELECT * FROM audit_events WHERE record_id = ? ORDER BY seq DESC LIMIT ?').all(recordId, limit)) as AuditRow[];
}

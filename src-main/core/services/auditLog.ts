import type { AuditEvent } from '../../../src-shared/model/auditEvent.ts';
import type { VerifyProblem } from '../../../src-shared/model/verifyReport.ts';
import { allAuditRowsInStorageOrder, insertAuditRow, lastAuditRow, listAuditRows, type AuditRow } from '../db/repositories/auditRepository.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import type { ReasonKey } from '../../../src-shared/api/errorReasons.ts';

const genesisHash = '0'.repeat(64);

/** What a caller says about a change; the log adds the time, sequence and chain links. */
export interface AuditEntry {
  actor: string;
  action: string;
  recordType: string;
  recordId: string | null;
  details?: Record<string, unknown>;
}

/**
 * The hash of one event: keyed BLAKE2b over its fields and the previous hash. Keyed with the vault's
 * audit subkey, so someone who can edit the database file but does not hold the vault key cannot
 * forge a consistent chain after changing an event.
 */
function chainHash(session: VaultSession, row: Omit<AuditRow, 'hash'>): string {
  const material = JSON.stringify([row.seq, row.at, row.actor, row.action, row.record_type, row.record_id, row.details, row.prev_hash]);
  return session.sodium.crypto_generichash(32, session.sodium.from_string(material), session.keys.audit, 'hex');
}

/** Appends one event to the chain; call inside the transaction of the change it records. */
export function appendAudit(session: VaultSession, entry: AuditEntry): void {
  const last = lastAuditRow(session.db);
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    record_type: entry.recordType,
    record_id: entry.recordId,
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: last?.hash ?? genesisHash,
  };
  insertAuditRow(session.db, { ...row, hash: chainHash(session, row) });
}

/** Recent events, newest first. */
export function listAudit(session: VaultSession, limit: number, recordId?: string): AuditEvent[] {
  return listAuditRows(session.db, limit, recordId).map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  }));
}

/** Re-walks the chain in storage order: a changed, removed or reordered event breaks it where it happened. */
export function verifyAuditChain(session: VaultSession): { events: number; problems: VerifyProblem[] } {
  const rows = allAuditRowsInStorageOrder(session.db);
  const problems: VerifyProblem[] = [];
  let expectedPrev = genesisHash;
  rows.forEach((row, index) => {
    const expectedSeq = index + 1;
    const { hash, ...rest } = row;
    const problem = (detail: ReasonKey) =>
      problems.push({ kind: 'audit-chain', contractId: null, fileId: null, versionId: null, detail, values: { event: row.seq, expected: expectedSeq } });
    if (row.seq !== expectedSeq) problem('reason.verify.auditSequence');
    if (row.prev_hash !== expectedPrev) problem('reason.verify.auditLink');
    if (chainHash(session, rest) !== hash) problem('reason.verify.auditChanged');
    expectedPrev = hash;
  });
  return { events: rows.length, problems };
}

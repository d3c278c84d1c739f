import { prepareCached } from '../statementCache.ts';
import type { VaultDatabase } from '../connection.ts';

/** The last sequence number handed out for a number pattern in a period (e.g. HT-{yyyy}-{seq:4} in 2025). */
export function lastSequence(db: VaultDatabase, pattern: string, period: string): number | null {
  const row = prepareCached(db, 'SELECT last_seq FROM number_sequences WHERE pattern = ? AND period = ?').get(pattern, period) as { last_seq: number } | undefined;
  return row?.last_seq ?? null;
}

/** Records the sequence number just handed out (call inside the transaction that uses it). */
export function recordSequence(db: VaultDatabase, pattern: string, period: string, seq: number): void {
  prepareCached(db, `INSERT INTO number_sequences (pattern, period, last_seq) VALUES (?, ?, ?)
      ON CONFLICT (pattern, period) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)`).run(pattern, period, seq);
}

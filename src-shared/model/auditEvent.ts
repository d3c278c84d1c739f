/** One entry of the append-only, hash-chained audit log. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  recordType: string;
  recordId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

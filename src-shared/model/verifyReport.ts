/** One problem `vault.verify` found; ids name what is damaged so the user knows which contract to restore. */
export interface VerifyProblem {
  kind: 'blob-missing' | 'blob-corrupt' | 'hash-mismatch' | 'audit-chain' | 'database' | 'orphan-blob';
  contractId: string | null;
  fileId: string | null;
  versionId: string | null;
  /** What is wrong: a reason.* message key rendered with `values` (see translateReason), or plain text. */
  detail: string;
  values?: Record<string, string | number>;
}

export interface VerifyReport {
  ok: boolean;
  checkedVersions: number;
  checkedBytes: number;
  auditEvents: number;
  problems: VerifyProblem[];
}

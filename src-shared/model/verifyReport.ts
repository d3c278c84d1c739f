/** One problem `vault.verify` found; ids name what is damaged so the user knows which contract to restore. */
export interface VerifyProblem {
  kind: 'blob-missing' | 'blob-corrupt' | 'hash-mismatch' | 'audit-chain' | 'database' | 'orphan-blob';
  contractId: string | null;
  fileId: string | null;
  versionId: string | null;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  checkedVersions: number;
  checkedBytes: number;
  auditEvents: number;
  problems: VerifyProblem[];
}

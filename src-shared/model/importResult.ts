import type { ErrorCode } from '../api/errorCodes.ts';

/** Where a successfully stored file landed. */
export interface ImportPlacement {
  file: string;
  contractId: string;
  fileId: string;
  versionId: string;
  versionNo: number;
  pageCount: number;
  textChars: number;
  /** Metadata read from this file when it is a contract's main document (values only; evidence via contracts.get). */
  metadata?: Record<string, unknown>;
  /** Pages whose text was read by OCR (scans and images). */
  ocrPages?: number[];
  /** The contract type the classification rules chose, if any. */
  classifiedType?: string;
  /**
   * A near-identical main document already in the vault (same text but for small edits): the user is offered
   * to file this one as its new version instead (`contracts.mergeAsVersion`).
   */
  similarTo?: { contractId: string; fileId: string; similarity: number };
}

/**
 * What happened to one file given to `contracts.import`; one failure never stops the others. `skipped` is
 * an e-mail attachment in a format that is not a document (a signature, a calendar invite): not an error.
 */
export type ImportOutcome =
  | (ImportPlacement & { status: 'imported' | 'new-version' })
  | { file: string; status: 'duplicate'; contractId: string; fileId: string; versionId: string }
  | { file: string; status: 'skipped'; reason: { code: ErrorCode; message: string; params: Record<string, string | number> } }
  | { file: string; status: 'failed'; error: { code: ErrorCode; message: string; params: Record<string, string | number> } };

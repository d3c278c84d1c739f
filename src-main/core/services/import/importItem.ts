import type { ContractRecord } from '../../../../src-shared/model/contract.ts';
import type { FileRole } from '../../../../src-shared/model/contractFile.ts';
import type { StageGate } from './importStages.ts';

/** Where a file's bytes came from: a file the user named, a watched folder, or an e-mail attachment. */
export type SourceKind = 'file' | 'watch' | 'email';

/** One file moving through the pipeline, whatever its origin. */
export interface ImportItem {
  /** How the user sees it in outcomes: a path, or `mail.eml › contract.pdf` for an attachment. */
  label: string;
  fileName: string;
  bytes: Uint8Array;
  sourcePath: string | null;
  sourceKind: SourceKind;
  /** The mail version an attachment came from. */
  parentVersionId: string | null;
  /** How many e-mails deep this file sits (a mail attached to a mail is depth 2). */
  depth: number;
  /** A file the user named moves from the parsing to the storing stage through this; an attachment rides with its mail. */
  gate?: StageGate;
}

/** Where new files of a batch go: which customer, which contract, in which role. */
export interface ImportTarget {
  customerId: string | null;
  targetContract: ContractRecord | null;
  role: FileRole | undefined;
  limit: number;
}

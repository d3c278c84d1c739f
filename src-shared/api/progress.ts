import type { OperationName } from './operations.ts';

/**
 * Progress of long work (import today; OCR, backup, reindex later), delivered on the same channel as
 * the result (DESIGN.md §2): IPC events, the bridge's event stream, or a callback in the CLI.
 */
export interface ProgressEvent {
  operation: OperationName;
  done: number;
  total: number;
  /** What was just finished, e.g. a file path; shown to the user who started the work. */
  item: string | null;
}

import type { OperationName } from './operations.ts';
import type { ImportOutcome } from '../model/importResult.ts';

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
  /** What the current item is going through: reading it, extracting its text (parsing, OCR), or encrypting and storing it. */
  phase?: 'reading' | 'extracting' | 'storing';
  /** For imports (and watched folders): what happened to the item. */
  outcomes?: ImportOutcome[];
  /** A problem that does not end the work, e.g. a watched folder that went away (it is re-attached when it returns). */
  warning?: { code: string; message: string };
}

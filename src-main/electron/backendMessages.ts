import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import type { FileForViewer } from '../core/services/viewing/fileViewService.ts';

/** Main process -> backend process. */
export type BackendRequest =
  | { type: 'invoke'; callId: string; name: string; input: unknown }
  | { type: 'cancel'; callId: string }
  | { type: 'viewFile'; callId: string; contractId: string; versionId: string }
  | { type: 'shutdown' };

/** Backend process -> main process. */
export type BackendReply =
  | { type: 'ready' }
  | { type: 'progress'; callId: string; event: ProgressEvent }
  | { type: 'result'; callId: string; envelope: Envelope<unknown> }
  | { type: 'file'; callId: string; envelope: Envelope<FileForViewer> }
  | { type: 'closed' };

/**
 * One end of the channel between the processes: Electron's `utilityProcess` / `process.parentPort`,
 * or a Node child's IPC in tests. Messages are structured-cloned, so file bytes cross as bytes.
 */
export interface MessageEndpoint<Out, In> {
  postMessage(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

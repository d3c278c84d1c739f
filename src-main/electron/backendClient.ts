import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import type { FileForViewer } from '../core/services/viewing/fileViewService.ts';
import type { BackendReply, BackendRequest, MessageEndpoint } from './backendMessages.ts';

interface PendingCall {
  resolve: (envelope: Envelope<unknown>) => void;
  onProgress: ((event: ProgressEvent) => void) | undefined;
}

/** The envelope a call gets when the backend process died under it. */
function backendGone(): Envelope<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'The backend process stopped.', params: { detail: 'backend process exited' } } };
}

/**
 * The main process's side of the backend process: calls by id, their progress, cancellation, and the
 * viewer's file reads. The main process itself never touches the vault, so the window stays responsive
 * during an import or a backup.
 */
export class BackendClient {
  private readonly calls = new Map<string, PendingCall>();
  private readonly files = new Map<string, (envelope: Envelope<FileForViewer>) => void>();
  private readonly ready: Promise<void>;
  private closed: (() => void) | null = null;
  /** Set once the process is gone: later calls are answered at once instead of posted into a closed channel. */
  private gone = false;

  constructor(private readonly endpoint: MessageEndpoint<BackendRequest, BackendReply>) {
    let markReady!: () => void;
    this.ready = new Promise((resolve) => { markReady = resolve; });
    endpoint.onMessage((message) => {
      switch (message.type) {
        case 'ready':
          markReady();
          break;
        case 'progress':
          this.calls.get(message.callId)?.onProgress?.(message.event);
          break;
        case 'result':
          this.calls.get(message.callId)?.resolve(message.envelope);
          this.calls.delete(message.callId);
          break;
        case 'file':
          this.files.get(message.callId)?.(message.envelope);
          this.files.delete(message.callId);
          break;
        case 'closed':
          this.closed?.();
          break;
      }
    });
  }

  /** Runs one operation in the backend process; `callId` lets the caller cancel it. */
  async invoke(name: string, input: unknown, options: { callId?: string; onProgress?: (event: ProgressEvent) => void } = {}): Promise<Envelope<unknown>> {
    if (this.gone) return backendGone();
    await this.ready;
    const callId = options.callId ?? randomUUID();
    if (this.calls.has(callId)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'call id in use', params: { detail: 'call id in use' } } };
    return new Promise((resolve) => {
      this.calls.set(callId, { resolve, onProgress: options.onProgress });
      this.endpoint.postMessage({ type: 'invoke', callId, name, input });
    });
  }

  /** Asks the backend to stop the long work of a call (what was committed stays). */
  cancel(callId: string): void {
    if (!this.gone && this.calls.has(callId)) this.endpoint.postMessage({ type: 'cancel', callId });
  }

  /** A decrypted file for the viewer's protocol handler. */
  async readFileForViewer(input: { contractId: string; versionId: string }): Promise<Envelope<FileForViewer>> {
    if (this.gone) return backendGone();
    await this.ready;
    const callId = randomUUID();
    return new Promise((resolve) => {
      this.files.set(callId, resolve);
      this.endpoint.postMessage({ type: 'viewFile', callId, ...input });
    });
  }

  /** Locks the vault and lets the process end; resolves when it says so or after `timeoutMs`. */
  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.gone) return;
    await Promise.race([
      new Promise<void>((resolve) => {
        this.closed = resolve;
        this.endpoint.postMessage({ type: 'shutdown' });
      }),
      new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ]);
  }

  /** Settles every open call with an error and refuses later ones; call when the process has exited. */
  failAll(): void {
    this.gone = true;
    for (const call of this.calls.values()) call.resolve(backendGone());
    for (const file of this.files.values()) file(backendGone());
    this.calls.clear();
    this.files.clear();
  }
}

import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';

/** Per-call options: where progress events of long work go, and how to cancel it. */
export interface InvokeOptions {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

/**
 * How the renderer reaches the backend (DESIGN.md §2): the loopback HTTP bridge in browser mode
 * (httpBridgeTransport.ts); Electron's preload `invoke` with issue 6. Both carry the same envelope.
 * A transport rejects (TransportError) only when the backend could not be reached or answered
 * outside the protocol; a refused operation is a resolved envelope with `ok: false`.
 */
export interface Transport {
  invoke(name: string, input: unknown, options?: InvokeOptions): Promise<Envelope<unknown>>;
}

/** Why a call never reached an answer: the bridge refused the token, was unreachable, or broke the protocol. */
export type TransportFailure = 'unauthorised' | 'unreachable' | 'protocol' | 'cancelled';

/** Thrown by a transport when there is no envelope to return. */
export class TransportError extends Error {
  constructor(readonly failure: TransportFailure, detail: string) {
    super(`${failure}: ${detail}`);
    this.name = 'TransportError';
  }
}

import { Backend } from '../core/backend.ts';
import type { Locale } from '../../src-shared/i18n/translate.ts';
import type { BackendReply, BackendRequest, MessageEndpoint } from './backendMessages.ts';

/**
 * Runs the core (handlers, SQLite, crypto, ingest workers) in the backend process and answers the main
 * process: each `invoke` runs concurrently, streams its progress, and can be cancelled by its call id.
 * Resolves when the main process asks it to shut down (the vault is locked first).
 */
export function serveBackend(endpoint: MessageEndpoint<BackendReply, BackendRequest>, options: { actor: string; locale: Locale }): Promise<void> {
  const backend = new Backend(options);
  // #7: the long-lived backend runs scheduled backups while the vault is unlocked.
  backend.startBackupScheduler();
  const running = new Map<string, AbortController>();
  return new Promise<void>((resolve) => {
    endpoint.onMessage((message) => {
      switch (message.type) {
        case 'invoke': {
          const abort = new AbortController();
          running.set(message.callId, abort);
          void backend.invoke(message.name, message.input, {
            signal: abort.signal,
            onProgress: (event) => endpoint.postMessage({ type: 'progress', callId: message.callId, event }),
          }).then((envelope) => {
            running.delete(message.callId);
            endpoint.postMessage({ type: 'result', callId: message.callId, envelope });
          });
          break;
        }
        case 'cancel':
          running.get(message.callId)?.abort();
          break;
        case 'viewFile':
          void backend.readFileForViewer({ contractId: message.contractId, versionId: message.versionId })
            .then((envelope) => endpoint.postMessage({ type: 'file', callId: message.callId, envelope }));
          break;
        case 'shutdown':
          for (const abort of running.values()) abort.abort();
          void backend.dispose().then(() => {
            endpoint.postMessage({ type: 'closed' });
            resolve();
          });
          break;
      }
    });
    endpoint.postMessage({ type: 'ready' });
  });
}

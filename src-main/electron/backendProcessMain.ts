import { userInfo } from 'node:os';
import { resolveLocale } from '../../src-shared/i18n/translate.ts';
import type { BackendReply, BackendRequest, MessageEndpoint } from './backendMessages.ts';
import { serveBackend } from './backendProcess.ts';

/** Electron's `process.parentPort` in a utility process (not in @types/node). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The entry of the backend process. Under Electron it is a `utilityProcess` and talks over
 * `process.parentPort`; under plain Node (the tests, which cannot run Electron here) it is a forked
 * child with `serialization: 'advanced'` and talks over `process.send`. The same `serveBackend` runs.
 */
function parentEndpoint(): MessageEndpoint<BackendReply, BackendRequest> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      postMessage: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as BackendRequest)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('backend process started without a parent channel');
  return {
    postMessage: (message) => send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as BackendRequest)),
  };
}

function desktopActor(): string {
  try {
    return `${userInfo().username || 'owner'}@desktop`;
  } catch {
    return 'owner@desktop';
  }
}

await serveBackend(parentEndpoint(), { actor: desktopActor(), locale: resolveLocale(process.env.CONTRACT_VAULT_LOCALE) });
// The parent may keep its end open; nothing is left to do here once the vault is locked.
process.exit(0);

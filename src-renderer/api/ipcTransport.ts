import type { DesktopBridge, DesktopEvent } from '../../src-shared/api/desktopBridge.ts';
import { desktopBridgeGlobal } from '../../src-shared/api/desktopBridge.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { TransportError, type InvokeOptions, type Transport } from './transport.ts';

/** The preload's bridge on `window`, when the page runs inside the Electron shell; undefined in a browser. */
export function findDesktopBridge(host: object): DesktopBridge | undefined {
  const candidate = (host as Record<string, unknown>)[desktopBridgeGlobal];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const bridge = candidate as Partial<DesktopBridge>;
  return typeof bridge.invoke === 'function' && typeof bridge.onEvent === 'function' && typeof bridge.cancel === 'function' ? (bridge as DesktopBridge) : undefined;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';
}

/**
 * The desktop transport: the preload's typed `invoke` over Electron IPC. Each call gets an id so the
 * progress events the main process sends on the one event channel reach their own `onProgress`, and
 * an aborted signal cancels the work in the backend process (the envelope then says IMPORT_CANCELLED
 * or whatever the operation reports; the caller sees `cancelled`, as over HTTP).
 */
export function createIpcTransport(bridge: DesktopBridge, newCallId: () => string = () => crypto.randomUUID()): Transport {
  const listeners = new Map<string, (event: ProgressEvent) => void>();
  bridge.onEvent((event: DesktopEvent) => {
    if (event.kind === 'progress') listeners.get(event.callId)?.(event.event);
  });
  return {
    async invoke(name: string, input: unknown, options: InvokeOptions = {}): Promise<Envelope<unknown>> {
      if (options.signal?.aborted) throw new TransportError('cancelled', name);
      const callId = newCallId();
      if (options.onProgress) listeners.set(callId, options.onProgress);
      const cancel = () => bridge.cancel(callId);
      options.signal?.addEventListener('abort', cancel, { once: true });
      let answer: unknown;
      try {
        answer = await bridge.invoke(name, input, callId);
      } catch (error) {
        throw new TransportError('unreachable', error instanceof Error ? error.message : String(error));
      } finally {
        listeners.delete(callId);
        options.signal?.removeEventListener('abort', cancel);
      }
      if (options.signal?.aborted) throw new TransportError('cancelled', name);
      if (!isEnvelope(answer)) throw new TransportError('protocol', 'the answer is not an envelope');
      return answer;
    },
  };
}

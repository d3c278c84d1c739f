import { desktopChannels, type DesktopEvent } from '../../src-shared/api/desktopBridge.ts';
import { desktopOperations, isDesktopOperationName, type DesktopOperationName, type DesktopResults } from '../../src-shared/api/desktopOperations.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ErrorCode } from '../../src-shared/api/errorCodes.ts';
import { isOperationName } from '../../src-shared/api/operations.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import { appOrigin } from './appOrigin.ts';

/** The parts of Electron's IPC event the router looks at (structural, so it is tested without Electron). */
export interface IpcSenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
  sender: { id: number; send(channel: string, event: DesktopEvent): void; isDestroyed(): boolean };
}

/** The backend as the router needs it (BackendClient in the app). */
export interface RoutedBackend {
  invoke(name: string, input: unknown, options: { callId: string; onProgress: (event: ProgressEvent) => void }): Promise<Envelope<unknown>>;
  cancel(callId: string): void;
}

/** The main process's own answers to the desktop operations (dialogs, links, the menu's language). */
export type DesktopHandlers = {
  [N in DesktopOperationName]: (input: ReturnType<(typeof desktopOperations)[N]['parse']>, sender: IpcSenderEvent['sender']) => Promise<DesktopResults[N]>;
};

/** What the router needs. */
export interface IpcRouterOptions {
  backend: RoutedBackend;
  desktop: DesktopHandlers;
  /** Ids of the app's own windows' web contents; a message from any other is refused. */
  isAppWebContents: (id: number) => boolean;
  locale: () => Locale;
}

const callIdPattern = /^[A-Za-z0-9_-]{1,64}$/u;

/**
 * True when a message comes from the top frame of one of the app's windows showing the app's own
 * origin: not from an iframe, not from a page that navigated elsewhere, not from another window.
 */
export function isTrustedSender(event: IpcSenderEvent, isAppWebContents: (id: number) => boolean): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppWebContents(event.sender.id)) return false;
  return frame.url === appOrigin || frame.url.startsWith(`${appOrigin}/`);
}

/**
 * The main process's IPC entry: only the channels of src-shared/api/desktopBridge.ts, only from the
 * app's own frame, only operation names of the API map (forwarded to the backend process) or the
 * desktop operations (answered here). Everything else is refused with an envelope, never thrown.
 */
export function createIpcRouter(options: IpcRouterOptions) {
  const refuse = (code: ErrorCode, params: Record<string, string | number> = {}): Envelope<never> => ({
    ok: false,
    error: { code, message: translate(options.locale(), `error.${code}`, params), params },
  });
  // Call ids are the renderer's; prefixing the web contents id keeps two windows' ids apart.
  const backendCallId = (sender: IpcSenderEvent['sender'], callId: string) => `${sender.id}-${callId}`;

  async function invoke(event: IpcSenderEvent, args: readonly unknown[]): Promise<Envelope<unknown>> {
    if (!isTrustedSender(event, options.isAppWebContents)) return refuse('PERMISSION_DENIED');
    const [name, input, callId] = args;
    if (typeof name !== 'string' || typeof callId !== 'string' || !callIdPattern.test(callId)) return refuse('INVALID_INPUT', { detail: 'expected (name, input, callId)' });
    if (isDesktopOperationName(name)) {
      const parsed = desktopOperations[name].safeParse(input ?? {});
      if (!parsed.success) return refuse('INVALID_INPUT', { detail: parsed.error.issues.map((i) => i.message).join('; ') });
      try {
        const handler = options.desktop[name] as (input: unknown, sender: IpcSenderEvent['sender']) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data, event.sender) };
      } catch (error) {
        return refuse('INTERNAL', { detail: error instanceof Error ? error.message.slice(0, 200) : 'desktop operation failed' });
      }
    }
    if (!isOperationName(name)) return refuse('UNKNOWN_OPERATION', { name: name.slice(0, 100) });
    const sender = event.sender;
    return options.backend.invoke(name, input, {
      callId: backendCallId(sender, callId),
      onProgress: (progress) => {
        if (!sender.isDestroyed()) sender.send(desktopChannels.event, { kind: 'progress', callId, event: progress });
      },
    });
  }

  return {
    /**
     * Handles one message: `channel` is checked against the contract's channels first (the app
     * registers only those with ipcMain; this is the same check for whatever reaches the router).
     * Returns the envelope for `invoke`, undefined for one-way messages.
     */
    async route(channel: string, event: IpcSenderEvent, args: readonly unknown[]): Promise<Envelope<unknown> | undefined> {
      if (channel === desktopChannels.invoke) return invoke(event, args);
      if (channel === desktopChannels.cancel) {
        const [callId] = args;
        if (isTrustedSender(event, options.isAppWebContents) && typeof callId === 'string' && callIdPattern.test(callId)) {
          options.backend.cancel(backendCallId(event.sender, callId));
        }
        return undefined;
      }
      return refuse('UNKNOWN_OPERATION', { name: channel.slice(0, 100) });
    },
  };
}

/** The router's type, for main.ts. */
export type IpcRouter = ReturnType<typeof createIpcRouter>;

import { desktopChannels, type DesktopBridge, type DesktopEvent } from '../../src-shared/api/desktopBridge.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';

/** The parts of Electron's `ipcRenderer` the bridge uses (never handed to the page itself). */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The object the preload exposes as `window.contractVault`. Each member is a plain function over the
 * three contract channels; the page never sees `ipcRenderer` nor the IPC event (whose `sender` would
 * be `ipcRenderer`), only the event's data.
 */
export function createDesktopBridge(ipc: PreloadIpc, getPathForFile: (file: object) => string): DesktopBridge {
  return {
    invoke: (name: string, input: unknown, callId: string) => ipc.invoke(desktopChannels.invoke, String(name), input, String(callId)) as Promise<Envelope<unknown>>,
    cancel: (callId: string) => ipc.send(desktopChannels.cancel, String(callId)),
    onEvent: (listener: (event: DesktopEvent) => void) => {
      const relay = (_event: unknown, data: unknown) => listener(data as DesktopEvent);
      ipc.on(desktopChannels.event, relay);
      return () => {
        ipc.removeListener(desktopChannels.event, relay);
      };
    },
    pathForFile: (file: object) => getPathForFile(file),
  };
}

import { createApiClient, type ApiClient } from './apiClient.ts';
import { readBridgeToken } from './bridgeToken.ts';
import { createHttpBridgeTransport } from './httpBridgeTransport.ts';
import { createIpcTransport, findDesktopBridge } from './ipcTransport.ts';
import type { Transport } from './transport.ts';

/**
 * Picks the app's transport once, at start. Inside the Electron shell the preload has put its bridge on
 * `window.contractVault`: IPC. Otherwise browser mode: the loopback bridge with the token from the URL
 * fragment; without a token the calls fail with `unauthorised`, which the shell explains.
 */
function selectTransport(): Transport {
  const desktop = findDesktopBridge(window);
  if (desktop) return createIpcTransport(desktop);
  return createHttpBridgeTransport({ token: readBridgeToken(window.location.hash) ?? '' });
}

/** The one API client the renderer's stores call. */
export const appApi: ApiClient = createApiClient(selectTransport());


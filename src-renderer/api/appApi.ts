import { createApiClient, type ApiClient } from './apiClient.ts';
import { readBridgeToken } from './bridgeToken.ts';
import { createHttpBridgeTransport } from './httpBridgeTransport.ts';
import type { Transport } from './transport.ts';

/**
 * Picks the app's transport once, at start. Browser mode: the loopback bridge with the token from the
 * URL fragment. The Electron preload (issue 6) will expose its own `invoke`; this is the seam where it
 * is chosen instead. Without a token the calls fail with `unauthorised`, which the shell explains.
 */
function selectTransport(): Transport {
  return createHttpBridgeTransport({ token: readBridgeToken(window.location.hash) ?? '' });
}

/** The one API client the renderer's stores call. */
export const appApi: ApiClient = createApiClient(selectTransport());


import { isAppUrl } from './navigationGuards.ts';

/**
 * The web permissions the app uses: writing to the clipboard (copy a contract number). Camera,
 * microphone, geolocation, notifications from the page (the main process shows them), MIDI, HID,
 * serial, USB, fullscreen, pointer lock, and anything Chromium adds later are denied.
 */
export const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The decision for one permission asked by one origin (or page URL). */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return allowedPermissions.has(permission) && isAppUrl(requestingUrl);
}

/** The session hooks the handlers are installed on (Electron's Session, structurally). */
export interface PermissionSession {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/** Installs the deny-by-default handlers on the app's session. */
export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl ?? '')));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}

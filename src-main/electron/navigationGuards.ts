import { appOrigin } from './appOrigin.ts';

/** The app's own pages; every other navigation of the window is denied. */
export function isAppUrl(url: string): boolean {
  return url === appOrigin || url.startsWith(`${appOrigin}/`);
}

/**
 * The link to hand to the OS browser, or null: only `https:` URLs with a host and no user name or
 * password in them (`https://bank.example@evil.example` shows one host and opens another).
 */
export function externalHttpsLink(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** How a link leaves the app: the user confirms (a native dialog in the app), then the OS opens it. */
export interface ExternalLinkOpener {
  confirm(url: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
}

/** Opens an https link in the OS browser after the user confirmed it; true when it was opened. */
export async function openExternalConfirmed(url: string, opener: ExternalLinkOpener): Promise<boolean> {
  const link = externalHttpsLink(url);
  if (link === null) return false;
  if (!(await opener.confirm(link))) return false;
  await opener.openExternal(link);
  return true;
}

/** The parts of Electron's WebContents the guards attach to. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Denies every navigation away from the app's pages, every redirect, every `<webview>`, and every new
 * window; a `window.open` or target=_blank link to https is offered to the OS browser instead, after
 * the user confirms it.
 */
export function attachNavigationGuards(contents: GuardedContents, opener: ExternalLinkOpener): void {
  const denyForeign = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalConfirmed(url, opener).catch(() => false);
    return { action: 'deny' };
  });
}

import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './windowState.ts';

/**
 * The `webPreferences` of the app's window, as Electron's security checklist asks: the page runs
 * sandboxed without Node, its JavaScript world isolated from the preload's, same-origin policy on.
 */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click (auxclick) opens links in new windows; those are denied anyway, this removes the path.
    disableBlinkFeatures: 'Auxclick',
    enableWebSQL: false,
    disableDialogs: false,
  };
}

/** The main window's options: remembered bounds, hidden until the first paint so no white flash is shown. */
export function mainWindowOptions(preloadPath: string, bounds: WindowBounds, title: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    title,
    show: false,
    autoHideMenuBar: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

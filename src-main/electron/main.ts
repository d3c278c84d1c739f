// The Electron main process: app lifecycle and wiring only. Every decision (window options, CSP,
// protocols, IPC, navigation, permissions, menu, window state) lives in a plain module beside this one
// and is tested without Electron; the vault itself lives in the backend utility process.
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, protocol, screen, session, shell, utilityProcess } from 'electron';
import type { UtilityProcess, WebContents } from 'electron';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopChannels, type DesktopEvent, type MenuCommand } from '../../src-shared/api/desktopBridge.ts';
import { resolveLocale, translate, type Locale } from '../../src-shared/i18n/translate.ts';
import { appEntryUrl, appScheme } from './appOrigin.ts';
import { handleAppRequest } from './appProtocol.ts';
import { installAutoLock } from './autoLock.ts';
import { BackendClient } from './backendClient.ts';
import type { BackendReply, BackendRequest } from './backendMessages.ts';
import { createIpcRouter, type IpcSenderEvent } from './ipcRouter.ts';
import { buildMenuTemplate } from './menuTemplate.ts';
import { attachNavigationGuards, openExternalConfirmed, type ExternalLinkOpener } from './navigationGuards.ts';
import { showNotification } from './notifications.ts';
import { backupFileFromArgv } from './openedFiles.ts';
import { installPermissionHandlers } from './permissionHandler.ts';
import { mainWindowOptions } from './windowOptions.ts';
import { captureWindowState, restoreWindowState } from './windowState.ts';
import { importFileExtensions } from './importFileTypes.ts';

/** The bundle's folder (dist/electron): the preload, the backend entry and the renderer sit beside it. */
const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const backendEntry = join(here, 'backend.mjs');

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
// Every renderer sandboxed, including any the app did not create itself.
app.enableSandbox();

let locale: Locale = 'en';
let mainWindow: BrowserWindow | null = null;
let backend: BackendClient | null = null;
let backendProcess: UtilityProcess | null = null;
/** A backup opened before the window could hear about it. */
let pendingBackup: string | null = null;
let windowLoaded = false;

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);

function sendToWindow(event: DesktopEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(desktopChannels.event, event);
}

function openBackup(path: string): void {
  if (windowLoaded) sendToWindow({ kind: 'openBackup', path });
  else pendingBackup = path;
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}

function startBackend(): BackendClient {
  const child = utilityProcess.fork(backendEntry, [], {
    serviceName: 'Contract Vault backend',
    // Nothing the backend prints may end up in a log file; it reports through its envelopes.
    stdio: 'ignore',
    // In a packaged app the OCR data and pdf.js fonts/cMaps are extraResources outside app.asar.
    env: { ...process.env, CONTRACT_VAULT_LOCALE: locale, ...(app.isPackaged ? { CONTRACT_VAULT_RESOURCES: process.resourcesPath } : {}) },
  });
  const client = new BackendClient({
    postMessage: (message: BackendRequest) => child.postMessage(message),
    onMessage: (listener: (message: BackendReply) => void) => child.on('message', (message: BackendReply) => listener(message)),
  });
  child.on('exit', () => {
    client.failAll();
    if (backend === client) backend = null;
  });
  backendProcess = child;
  return client;
}

function requireBackend(): BackendClient {
  backend ??= startBackend();
  return backend;
}

const linkOpener: ExternalLinkOpener = {
  confirm: async (url) => {
    const options = { type: 'question' as const, buttons: [t('desktop.dialog.open'), t('desktop.dialog.cancel')], defaultId: 1, cancelId: 1, message: t('desktop.dialog.openLink'), detail: t('desktop.dialog.openLinkDetail', { url }) };
    const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    return answer.response === 0;
  },
  openExternal: (url) => shell.openExternal(url),
};

function installMenu(): void {
  const send = (command: MenuCommand) => sendToWindow({ kind: 'menu', command });
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, process.platform, send, { devTools: !app.isPackaged })));
}

function windowStatePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

async function createMainWindow(): Promise<BrowserWindow> {
  const saved: unknown = await readFile(windowStatePath(), 'utf8').then((text) => JSON.parse(text) as unknown).catch(() => null);
  const state = restoreWindowState(saved, screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow(mainWindowOptions(preloadPath, state.bounds, 'Contract Vault'));
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => {
    windowLoaded = true;
    if (pendingBackup) {
      sendToWindow({ kind: 'openBackup', path: pendingBackup });
      pendingBackup = null;
    }
  });
  window.on('close', () => {
    const captured = captureWindowState(window.getNormalBounds(), window.isMaximized());
    void mkdir(dirname(windowStatePath()), { recursive: true }).then(() => writeFile(windowStatePath(), JSON.stringify(captured))).catch(() => undefined);
  });
  window.on('closed', () => {
    mainWindow = null;
    windowLoaded = false;
  });
  await window.loadURL(appEntryUrl);
  return window;
}

function installIpc(): void {
  const router = createIpcRouter({
    backend: { invoke: (name, input, options) => requireBackend().invoke(name, input, options), cancel: (callId) => backend?.cancel(callId) },
    isAppWebContents: (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id,
    locale: () => locale,
    desktop: {
      'desktop.chooseVaultFolder': async () => {
        const options = { title: t('desktop.dialog.chooseVault'), properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const] };
        const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) };
      },
      'desktop.chooseImportFiles': async () => {
        const options = {
          title: t('desktop.dialog.chooseImport'),
          properties: ['openFile' as const, 'multiSelections' as const],
          filters: [{ name: t('desktop.dialog.documents'), extensions: [...importFileExtensions] }, { name: t('desktop.dialog.allFiles'), extensions: ['*'] }],
        };
        const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return { paths: chosen.canceled ? [] : chosen.filePaths };
      },
      'desktop.chooseBackupFile': async () => {
        const options = {
          title: t('desktop.dialog.chooseBackup'),
          properties: ['openFile' as const],
          filters: [{ name: t('desktop.dialog.backups'), extensions: ['cvbackup'] }],
        };
        const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) };
      },
      'desktop.openExternal': async (input) => ({ opened: await openExternalConfirmed(input.url, linkOpener) }),
      'desktop.setLocale': async (input) => {
        locale = input.locale;
        installMenu();
        return { locale };
      },
    },
  });
  // Only the contract's two incoming channels are registered; the router checks the sender of each message.
  ipcMain.handle(desktopChannels.invoke, (event, ...args: unknown[]) => router.route(desktopChannels.invoke, event as unknown as IpcSenderEvent, args));
  ipcMain.on(desktopChannels.cancel, (event, ...args: unknown[]) => {
    void router.route(desktopChannels.cancel, event as unknown as IpcSenderEvent, args);
  });
}

async function lockForPower(): Promise<{ wasUnlocked: boolean }> {
  if (!backend) return { wasUnlocked: false };
  const status = await backend.invoke('vault.status', {});
  const wasUnlocked = status.ok && (status.value as { unlocked: boolean }).unlocked;
  await backend.invoke('vault.lock', {});
  return { wasUnlocked };
}

async function whenReady(): Promise<void> {
  locale = resolveLocale(app.getLocale());
  installPermissionHandlers(session.defaultSession);
  protocol.handle(appScheme, (request) => handleAppRequest(request, { rendererRoot, readVaultFile: (input) => requireBackend().readFileForViewer(input) }));
  app.on('web-contents-created', (_event, contents: WebContents) => attachNavigationGuards(contents, linkOpener));
  installMenu();
  installIpc();
  requireBackend();
  installAutoLock({
    on: (event, listener) => powerMonitor.on(event as 'suspend', listener),
    lock: lockForPower,
    notify: (reason) => {
      sendToWindow({ kind: 'vaultLocked', reason });
      showNotification(Notification, t('desktop.notification.title'), t('desktop.notification.autoLocked'));
    },
  });
  mainWindow = await createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const launched = backupFileFromArgv(process.argv);
  if (launched) pendingBackup = launched;
  app.on('second-instance', (_event, argv) => {
    const path = backupFileFromArgv(argv);
    if (path) openBackup(path);
    else if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS hands opened files to the running app as events, possibly before it is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openBackup(path);
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !backend) return;
    // Lock the vault (checkpoint, close the database) before the backend process goes away.
    event.preventDefault();
    quitting = true;
    void backend.shutdown().finally(() => {
      backendProcess?.kill();
      app.quit();
    });
  });
  app.whenReady().then(whenReady).catch(() => app.quit());
}

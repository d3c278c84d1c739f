import type { DesktopBridge, DesktopEvent, MenuCommand } from '../../src-shared/api/desktopBridge.ts';
import { findDesktopBridge } from '../api/ipcTransport.ts';
import { useLocaleStore } from '../i18n/localeStore.ts';
import { useDesktopRequestStore } from './desktopRequestStore.ts';
import { lockVault } from './lockVault.ts';
import { useNavigationStore, type Page } from './navigationStore.ts';

const pageOfCommand: Partial<Record<MenuCommand, Page>> = {
  goContracts: 'contracts',
  goCustomers: 'customers',
  goSearch: 'search',
  goSettings: 'settings',
};

/** Carries out one event of the shell (the IPC transport handles progress itself). */
export function handleDesktopEvent(event: DesktopEvent): void {
  switch (event.kind) {
    case 'menu': {
      const page = pageOfCommand[event.command];
      if (page) useNavigationStore.getState().go(page);
      else if (event.command === 'lock') void lockVault();
      else if (event.command === 'import') {
        useNavigationStore.getState().go('contracts');
        useDesktopRequestStore.getState().request({ kind: 'import' });
      }
      break;
    }
    case 'vaultLocked':
      // The backend is already locked; this makes the page forget what it held and show the lock screen.
      void lockVault();
      break;
    case 'openBackup':
      useNavigationStore.getState().go('backups');
      useDesktopRequestStore.getState().request({ kind: 'restoreBackup', path: event.path });
      break;
    case 'progress':
      break;
  }
}

/**
 * In the Electron shell: follows the shell's menu, auto-lock and opened files, and keeps the native
 * menu in the UI's language. Does nothing in browser mode.
 */
export function installDesktopIntegration(host: object = window): DesktopBridge | undefined {
  const bridge = findDesktopBridge(host);
  if (!bridge) return undefined;
  const syncMenuLanguage = (locale: string) => {
    void bridge.invoke('desktop.setLocale', { locale }, crypto.randomUUID()).catch(() => undefined);
  };
  syncMenuLanguage(useLocaleStore.getState().locale);
  useLocaleStore.subscribe((state, previous) => {
    if (state.locale !== previous.locale) syncMenuLanguage(state.locale);
  });
  bridge.onEvent(handleDesktopEvent);
  return bridge;
}

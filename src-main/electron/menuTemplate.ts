import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/api/desktopBridge.ts';
import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';

/**
 * The native menu in the UI's language. Every label comes from the i18n catalogues (Electron's role
 * defaults would be English on a Chinese desktop); commands that belong to the renderer are sent to it
 * as `menu` events, the rest are Electron roles. No reload or developer tools in a packaged app.
 */
export function buildMenuTemplate(locale: Locale, platform: NodeJS.Platform, send: (command: MenuCommand) => void, options: { devTools?: boolean } = {}): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(locale, key);
  const command = (key: MessageKey, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label: t(key), click: () => send(name), ...(accelerator ? { accelerator } : {}),
  });
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'Contract Vault',
      submenu: [
        { role: 'about', label: t('desktop.menu.about') },
        { type: 'separator' },
        { role: 'hide', label: t('desktop.menu.hide') },
        { role: 'hideOthers', label: t('desktop.menu.hideOthers') },
        { role: 'unhide', label: t('desktop.menu.showAll') },
        { type: 'separator' },
        { role: 'quit', label: t('desktop.menu.quit') },
      ],
    });
  }
  template.push(
    {
      label: t('desktop.menu.file'),
      submenu: [
        command('desktop.menu.import', 'import', 'CmdOrCtrl+I'),
        command('desktop.menu.lock', 'lock', 'CmdOrCtrl+L'),
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t('desktop.menu.quit') } as const]),
      ],
    },
    {
      label: t('desktop.menu.edit'),
      submenu: [
        { role: 'undo', label: t('desktop.menu.undo') },
        { role: 'redo', label: t('desktop.menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: t('desktop.menu.cut') },
        { role: 'copy', label: t('desktop.menu.copy') },
        { role: 'paste', label: t('desktop.menu.paste') },
        { role: 'selectAll', label: t('desktop.menu.selectAll') },
      ],
    },
    {
      label: t('desktop.menu.view'),
      submenu: [
        command('desktop.menu.contracts', 'goContracts', 'CmdOrCtrl+1'),
        command('desktop.menu.customers', 'goCustomers', 'CmdOrCtrl+2'),
        command('desktop.menu.search', 'goSearch', 'CmdOrCtrl+F'),
        command('desktop.menu.settings', 'goSettings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        { role: 'zoomIn', label: t('desktop.menu.zoomIn') },
        { role: 'zoomOut', label: t('desktop.menu.zoomOut') },
        { role: 'resetZoom', label: t('desktop.menu.resetZoom') },
        { role: 'togglefullscreen', label: t('desktop.menu.fullScreen') },
        ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: t('desktop.menu.window'),
      submenu: [
        { role: 'minimize', label: t('desktop.menu.minimize') },
        { role: 'close', label: t('desktop.menu.close') },
      ],
    },
  );
  if (!mac) template.push({ label: t('desktop.menu.help'), submenu: [{ role: 'about', label: t('desktop.menu.about') }] });
  return template;
}

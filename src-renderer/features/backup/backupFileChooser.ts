import type { DesktopBridge } from '../../../src-shared/api/desktopBridge.ts';
import { findDesktopBridge } from '../../api/ipcTransport.ts';

/** How the user picks a `.cvbackup` file: the shell's native dialog (Electron) or the in-page picker (browser mode). */
export type BackupFileChooser = { kind: 'native'; choose: () => Promise<string | null> } | { kind: 'modal' };

/**
 * The native open dialog when the preload exposes the desktop bridge (`desktop.chooseBackupFile`), else
 * the modal over `fs.listFiles`, as the folder picker does. A refused or failed native call answers null
 * (nothing chosen): the path can still be typed.
 */
export function backupFileChooser(host: object): BackupFileChooser {
  const bridge: DesktopBridge | undefined = findDesktopBridge(host);
  if (!bridge) return { kind: 'modal' };
  return {
    kind: 'native',
    choose: async () => {
      const answer = await bridge.invoke('desktop.chooseBackupFile', {}, crypto.randomUUID()).catch(() => null);
      if (answer === null || !answer.ok) return null;
      const path = (answer.value as { path?: unknown }).path;
      return typeof path === 'string' && path !== '' ? path : null;
    },
  };
}

/** The folder a picker opens at for a typed path: the path itself when it names a folder, else its parent. */
export function pickerStartFolder(typed: string): string | undefined {
  const trimmed = typed.trim();
  if (trimmed === '') return undefined;
  if (!/\.cvbackup$/iu.test(trimmed)) return trimmed;
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut <= 0 ? trimmed.slice(0, cut + 1) || undefined : trimmed.slice(0, cut);
}

import type { DesktopBridge } from '../../../src-shared/api/desktopBridge.ts';
import { findDesktopBridge } from '../../api/ipcTransport.ts';

/** How the user chooses a folder: the shell's native dialog (Electron) or the in-page picker (browser mode). */
export type FolderChooser = { kind: 'native'; choose: () => Promise<string | null> } | { kind: 'modal' };

/**
 * The native dialog when the preload exposes the desktop bridge (`desktop.chooseVaultFolder`), else the
 * modal over `fs.listFolders`. A refused or failed native call answers null (nothing chosen): the user
 * can still type the path.
 */
export function folderChooser(host: object): FolderChooser {
  const bridge: DesktopBridge | undefined = findDesktopBridge(host);
  if (!bridge) return { kind: 'modal' };
  return {
    kind: 'native',
    choose: async () => {
      const answer = await bridge.invoke('desktop.chooseVaultFolder', {}, crypto.randomUUID()).catch(() => null);
      if (answer === null || !answer.ok) return null;
      const path = (answer.value as { path?: unknown }).path;
      return typeof path === 'string' && path !== '' ? path : null;
    },
  };
}

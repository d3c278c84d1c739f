import { useEffect } from 'react';
import { findDesktopBridge } from '../../api/ipcTransport.ts';
import { useDesktopRequestStore } from '../../app/desktopRequestStore.ts';
import { pathsOfImportChoice } from './desktopDrop.ts';
import { useImportQueueStore } from './importQueueStore.ts';

/**
 * Carries out the native menu's Import (Electron): the shell's file dialog (`desktop.chooseImportFiles`),
 * then the chosen paths into the import queue. Renders nothing; browser mode never gets the request.
 */
export function DesktopImportRequests() {
  const pending = useDesktopRequestStore((state) => state.pending);
  useEffect(() => {
    if (pending?.kind !== 'import') return;
    useDesktopRequestStore.getState().clear();
    const bridge = findDesktopBridge(window);
    if (!bridge) return;
    void bridge.invoke('desktop.chooseImportFiles', {}, crypto.randomUUID())
      .catch(() => null)
      .then((answer) => useImportQueueStore.getState().enqueuePaths(pathsOfImportChoice(answer), null));
  }, [pending]);
  return null;
}

import { create } from 'zustand';

/** Something the desktop shell asked for that a screen carries out: the backup screen (`backup.restore`), the import screen. */
export type DesktopRequest = { kind: 'restoreBackup'; path: string } | { kind: 'import' };

interface DesktopRequestState {
  pending: DesktopRequest | null;
  request: (request: DesktopRequest) => void;
  /** The screen that carried the request out clears it. */
  clear: () => void;
}

/**
 * The hand-over point between the shell's events and the screens: a `.cvbackup` opened with the app
 * waits here until the backup screen offers `backup.restore` for it; the menu's Import waits for the
 * import screen. Browser mode never fills it.
 */
export const useDesktopRequestStore = create<DesktopRequestState>()((set) => ({
  pending: null,
  request: (request) => set({ pending: request }),
  clear: () => set({ pending: null }),
}));

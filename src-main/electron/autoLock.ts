import type { AutoLockReason } from '../../src-shared/api/desktopBridge.ts';

/** Electron `powerMonitor` events after which the vault is locked: the machine sleeps, or the screen is locked. */
export const autoLockEvents: readonly AutoLockReason[] = ['suspend', 'lock-screen'];

/** What auto-lock needs: the event source, a way to lock, and whom to tell. */
export interface AutoLockDeps {
  on(event: AutoLockReason, listener: () => void): unknown;
  lock(): Promise<{ wasUnlocked: boolean }>;
  notify(reason: AutoLockReason): void;
}

/**
 * Locks the vault when the computer sleeps or its screen locks, so a laptop left in a café does not
 * wake with the contracts open; the window is told (its stores forget what they held) and, if a vault
 * was open, a desktop notification says why.
 */
export function installAutoLock(deps: AutoLockDeps): void {
  for (const reason of autoLockEvents) {
    deps.on(reason, () => {
      void deps.lock().then(({ wasUnlocked }) => {
        if (wasUnlocked) deps.notify(reason);
      });
    });
  }
}

import { useEffect } from 'react';
import { useVaultStore } from '../features/vault/vaultStore.ts';

/** How often the open app asks whether the vault is still unlocked. */
const POLL_MS = 30_000;

/**
 * Notices when the backend locked the vault on its own (auto-lock after the idle time, or the desktop
 * shell on sleep), so the unlock screen replaces the stale pages. `vault.status` does not count as
 * activity, so polling never keeps the vault open.
 */
export function useVaultStatusPolling(): void {
  const phase = useVaultStore((state) => state.phase);
  const refreshStatus = useVaultStore((state) => state.refreshStatus);
  useEffect(() => {
    if (phase !== 'unlocked') return undefined;
    const timer = setInterval(() => void refreshStatus(), POLL_MS);
    return () => clearInterval(timer);
  }, [phase, refreshStatus]);
}

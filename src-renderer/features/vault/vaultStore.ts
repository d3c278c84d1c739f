import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

/** Where the vault is in its life, as the screens need to know it. */
export type VaultPhase = 'checking' | 'locked' | 'unlocked';

/** How a vault is opened: the passphrase, or the printed recovery key. */
export type UnlockSecret = { passphrase: string } | { recoveryKey: string };

interface VaultState {
  phase: VaultPhase;
  vaultId: string | null;
  /** The folder of the last vault opened here, offered again at unlock (a path, never content). */
  vaultDir: string;
  busy: boolean;
  problem: Problem | null;
  /** Shown once right after creation, until the user confirms writing it down; never stored. */
  recoveryKey: string | null;
  refreshStatus: () => Promise<void>;
  create: (vaultDir: string, passphrase: string) => Promise<void>;
  unlock: (vaultDir: string, secret: UnlockSecret) => Promise<void>;
  lock: () => Promise<void>;
  acknowledgeRecoveryKey: () => void;
  clearProblem: () => void;
}

/** The vault's state and the create / unlock / lock actions (issue 5: create / unlock a vault). */
export const useVaultStore = create<VaultState>()(
  persist(
    (set, get) => ({
      phase: 'checking',
      vaultId: null,
      vaultDir: '',
      busy: false,
      problem: null,
      recoveryKey: null,
      refreshStatus: async () => {
        const outcome = await callApi(appApi, 'vault.status', {});
        if (outcome.ok) set({ phase: outcome.value.unlocked ? 'unlocked' : 'locked', vaultId: outcome.value.vaultId });
        else set({ phase: 'locked', problem: outcome.problem });
      },
      create: async (vaultDir, passphrase) => {
        set({ busy: true, problem: null });
        const outcome = await callApi(appApi, 'vault.create', { vaultDir, passphrase });
        if (outcome.ok) set({ busy: false, phase: 'unlocked', vaultId: outcome.value.vaultId, vaultDir, recoveryKey: outcome.value.recoveryKey });
        else set({ busy: false, problem: outcome.problem });
      },
      unlock: async (vaultDir, secret) => {
        set({ busy: true, problem: null });
        const outcome = await callApi(appApi, 'vault.unlock', { vaultDir, ...secret });
        if (outcome.ok) set({ busy: false, phase: 'unlocked', vaultId: outcome.value.vaultId, vaultDir });
        else set({ busy: false, problem: outcome.problem });
      },
      lock: async () => {
        if (get().busy) return;
        set({ busy: true, problem: null });
        const outcome = await callApi(appApi, 'vault.lock', {});
        if (outcome.ok) set({ busy: false, phase: 'locked', vaultId: null, recoveryKey: null });
        else set({ busy: false, problem: outcome.problem });
      },
      acknowledgeRecoveryKey: () => set({ recoveryKey: null }),
      clearProblem: () => set({ problem: null }),
    }),
    {
      name: 'cvault.vault',
      storage: createJSONStorage(() => localStorage),
      // Only the folder is remembered; the recovery key, ids and errors live in memory only.
      partialize: (state) => ({ vaultDir: state.vaultDir }),
    },
  ),
);

import { create } from 'zustand';
import type { BackupFolderSnapshot, BackupStatus } from '../../../src-shared/model/backupFolder.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

interface BackupState {
  status: BackupStatus | null;
  /** Snapshots in the scheduled folder; null until loaded or when no folder is set. */
  snapshots: BackupFolderSnapshot[] | null;
  /** The vault's warning threshold (settings.backupWarnDays). */
  warnDays: number | null;
  problem: Problem | null;
  /** Reloads the status, the threshold and the snapshot list (after any backup work). */
  load: () => Promise<void>;
  setWarnDays: (days: number) => Promise<boolean>;
  clearProblem: () => void;
  reset: () => void;
}

/** What the Backups page and the shell's warning banner show: is the vault protected? */
export const useBackupStore = create<BackupState>()((set) => ({
  status: null,
  snapshots: null,
  warnDays: null,
  problem: null,
  load: async () => {
    const [status, settings] = await Promise.all([callApi(appApi, 'backup.status', {}), callApi(appApi, 'settings.get', {})]);
    if (!status.ok) return set({ problem: status.problem });
    set({ status: status.value, ...(settings.ok ? { warnDays: settings.value.backupWarnDays } : {}) });
    if (status.value.schedule === null) return set({ snapshots: null });
    const listed = await callApi(appApi, 'backup.list', {});
    set(listed.ok ? { snapshots: listed.value } : { snapshots: [], problem: listed.problem });
  },
  setWarnDays: async (days) => {
    const outcome = await callApi(appApi, 'settings.update', { backupWarnDays: days });
    if (!outcome.ok) {
      set({ problem: outcome.problem });
      return false;
    }
    set({ warnDays: outcome.value.backupWarnDays });
    const status = await callApi(appApi, 'backup.status', {});
    if (status.ok) set({ status: status.value });
    return true;
  },
  clearProblem: () => set({ problem: null }),
  reset: () => set({ status: null, snapshots: null, warnDays: null, problem: null }),
}));

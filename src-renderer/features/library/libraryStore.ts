import { create } from 'zustand';
import type { Folder, TagSummary } from '../../../src-shared/model/folder.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../../src-shared/api/operations.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { useContractsStore } from '../contracts/contractsStore.ts';

interface LibraryState {
  folders: Folder[] | null;
  tags: TagSummary[] | null;
  problem: Problem | null;
  busy: boolean;
  load: () => Promise<void>;
  /** Runs a change (folders, moves, tags); on success the folders, tags and the table reload. */
  change: <N extends OperationName>(name: N, input: OperationRequest<N>) => Promise<OperationResult<N> | null>;
  clearProblem: () => void;
  reset: () => void;
}

/** The folder tree and the tags in use, and the changes made to them (`folders.*`, `contracts.move`, `contracts.bulkTag`). */
export const useLibraryStore = create<LibraryState>()((set, get) => ({
  folders: null,
  tags: null,
  problem: null,
  busy: false,
  load: async () => {
    const [folders, tags] = await Promise.all([callApi(appApi, 'folders.list', {}), callApi(appApi, 'tags.list', {})]);
    if (!folders.ok) return set({ problem: folders.problem });
    if (!tags.ok) return set({ problem: tags.problem });
    set({ folders: folders.value, tags: tags.value });
  },
  change: async (name, input) => {
    set({ busy: true, problem: null });
    const outcome = await callApi(appApi, name, input);
    set({ busy: false });
    if (!outcome.ok) {
      set({ problem: outcome.problem });
      return null;
    }
    await get().load();
    await useContractsStore.getState().load();
    return outcome.value;
  },
  clearProblem: () => set({ problem: null }),
  reset: () => set({ folders: null, tags: null, problem: null, busy: false }),
}));

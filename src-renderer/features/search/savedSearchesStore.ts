import { create } from 'zustand';
import type { RecentSearch, SavedSearch, SearchQuery } from '../../../src-shared/model/search.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { distinctRecent } from './savedSearches.ts';

interface SavedSearchesState {
  saved: SavedSearch[] | null;
  recent: RecentSearch[];
  problem: Problem | null;
  load: () => Promise<void>;
  save: (name: string, query: SearchQuery) => Promise<boolean>;
  remove: (id: string) => Promise<void>;
  clearProblem: () => void;
  reset: () => void;
}

/** The search page sidebar's lists: saved searches (`search.saved.*`) and recent ones (`search.recent`). */
export const useSavedSearchesStore = create<SavedSearchesState>()((set, get) => ({
  saved: null,
  recent: [],
  problem: null,
  load: async () => {
    const [saved, recent] = await Promise.all([callApi(appApi, 'search.saved.list', {}), callApi(appApi, 'search.recent', { limit: 30 })]);
    set({
      ...(saved.ok ? { saved: saved.value } : { problem: saved.problem }),
      ...(recent.ok ? { recent: distinctRecent(recent.value) } : {}),
    });
  },
  save: async (name, query) => {
    const outcome = await callApi(appApi, 'search.saved.add', { name, query });
    if (!outcome.ok) {
      set({ problem: outcome.problem });
      return false;
    }
    await get().load();
    return true;
  },
  remove: async (id) => {
    const outcome = await callApi(appApi, 'search.saved.remove', { id });
    if (!outcome.ok) set({ problem: outcome.problem });
    await get().load();
  },
  clearProblem: () => set({ problem: null }),
  reset: () => set({ saved: null, recent: [], problem: null }),
}));

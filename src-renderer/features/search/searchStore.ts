import { create } from 'zustand';
import type { SearchQuery, SearchResult } from '../../../src-shared/model/search.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { appendPage, buildSearchQuery, hasFilters, noFilters, RESULTS_PER_PAGE, searchStateOfQuery, TYPING_RESULTS, type SearchFilters } from './searchQuery.ts';

export { buildSearchQuery, RESULTS_PER_PAGE, type SearchFilters } from './searchQuery.ts';


interface SearchState {
  text: string;
  filters: SearchFilters;
  result: SearchResult | null;
  loading: boolean;
  problem: Problem | null;
  /** True while the next page of results is being fetched. */
  loadingMore: boolean;
  setText: (text: string) => void;
  /** Fetches the next page (offset = hits shown) and appends it. */
  loadMore: () => Promise<void>;
  /** Runs the current search now and records it among the recent searches (Enter in the box, a saved or recent search). */
  runNow: () => Promise<void>;
  /** Replaces text and filters with a saved or recent search's, and runs it. */
  apply: (query: SearchQuery) => Promise<void>;
  setFilters: (filters: Partial<SearchFilters>) => void;
  clearFilters: () => void;
  reset: () => void;
}


let querySeq = 0;

/** Search as you type: text and filters, one query in flight at a time; answers of superseded searches are dropped. */
export const useSearchStore = create<SearchState>()((set, get) => {
  const run = async (record = false): Promise<void> => {
    const seq = ++querySeq;
    const { text, filters } = get();
    if (text.trim() === '' && !hasFilters(filters)) {
      set({ result: null, loading: false, problem: null });
      return;
    }
    set({ loading: true });
    // As-you-type searches ask for a short first page; a finished one (recorded) for a full page.
    const outcome = await callApi(appApi, 'search.query', { ...buildSearchQuery(text, filters, 0, record ? RESULTS_PER_PAGE : TYPING_RESULTS), record });
    if (seq !== querySeq) return;
    if (outcome.ok) set({ result: outcome.value, loading: false, problem: null });
    else set({ loading: false, problem: outcome.problem });
  };
  // One search in flight at a time instead of a debounce: a keystroke while one runs only marks the text
  // changed, and the newest text is asked for as soon as that answer arrives. Each keystroke's results
  // show one round trip after it (~10 ms at 10,000 contracts), and fast typing still sends at most one
  // query per round trip.
  let inFlight = false;
  let dirty = false;
  const pump = async (): Promise<void> => {
    inFlight = true;
    try {
      do {
        dirty = false;
        await run();
      } while (dirty);
    } finally {
      inFlight = false;
    }
  };
  const schedule = (): void => {
    if (inFlight) {
      dirty = true;
      return;
    }
    void pump();
  };
  return {
    text: '',
    filters: noFilters,
    result: null,
    loading: false,
    loadingMore: false,
    problem: null,
    loadMore: async () => {
      const { result, text, filters, loadingMore } = get();
      if (result === null || loadingMore || result.hits.length >= result.total) return;
      const seq = querySeq;
      set({ loadingMore: true });
      const outcome = await callApi(appApi, 'search.query', buildSearchQuery(text, filters, result.hits.length));
      // A new search started meanwhile: its first page replaces this one, so this page is not appended.
      if (seq !== querySeq) return set({ loadingMore: false });
      if (outcome.ok) set({ result: appendPage(result, outcome.value), loadingMore: false, problem: null });
      else set({ loadingMore: false, problem: outcome.problem });
    },
    runNow: () => run(true),
    apply: async (query) => {
      const { text, filters } = searchStateOfQuery(query);
      set({ text, filters });
      await run(true);
    },
    setText: (text) => {
      set({ text });
      schedule();
    },
    setFilters: (filters) => {
      set({ filters: { ...get().filters, ...filters } });
      schedule();
    },
    clearFilters: () => {
      set({ filters: noFilters });
      schedule();
    },
    reset: () => {
      querySeq += 1;
      dirty = false;
      set({ text: '', filters: noFilters, result: null, loading: false, loadingMore: false, problem: null });
    },
  };
});

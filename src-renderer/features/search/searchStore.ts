import { create } from 'zustand';
import type { OperationRequest } from '../../../src-shared/api/operations.ts';
import type { ContractStatus, ContractType } from '../../../src-shared/model/contract.ts';
import type { SearchResult } from '../../../src-shared/model/search.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

/** The side panel's filters; empty lists and nulls mean "any". */
export interface SearchFilters {
  types: ContractType[];
  statuses: ContractStatus[];
  signedFrom: string | null;
  signedTo: string | null;
}

/** Wait after the last keystroke before asking: fast typing sends one query, a pause shows results at once. */
export const SEARCH_DEBOUNCE_MS = 150;
const RESULTS_PER_PAGE = 50;

const noFilters: SearchFilters = { types: [], statuses: [], signedFrom: null, signedTo: null };

interface SearchState {
  text: string;
  filters: SearchFilters;
  result: SearchResult | null;
  loading: boolean;
  problem: Problem | null;
  setText: (text: string) => void;
  setFilters: (filters: Partial<SearchFilters>) => void;
  clearFilters: () => void;
  reset: () => void;
}

function hasFilters(filters: SearchFilters): boolean {
  return filters.types.length > 0 || filters.statuses.length > 0 || filters.signedFrom !== null || filters.signedTo !== null;
}

/** The `search.query` input for the current text and filters; absent parts are left out, not sent empty. */
export function buildSearchQuery(text: string, filters: SearchFilters): OperationRequest<'search.query'> {
  return {
    ...(text.trim() === '' ? {} : { text: text.trim() }),
    ...(filters.types.length > 0 ? { types: filters.types } : {}),
    ...(filters.statuses.length > 0 ? { statuses: filters.statuses } : {}),
    ...(filters.signedFrom !== null ? { signedFrom: filters.signedFrom } : {}),
    ...(filters.signedTo !== null ? { signedTo: filters.signedTo } : {}),
    limit: RESULTS_PER_PAGE,
    // Searches run as the user types are not kept as recent searches (each keystroke would be one).
    record: false,
  };
}

let timer: ReturnType<typeof setTimeout> | undefined;
let querySeq = 0;

/** Search as you type: text and filters, debounced; answers arriving out of order are dropped. */
export const useSearchStore = create<SearchState>()((set, get) => {
  const run = async (): Promise<void> => {
    const seq = ++querySeq;
    const { text, filters } = get();
    if (text.trim() === '' && !hasFilters(filters)) {
      set({ result: null, loading: false, problem: null });
      return;
    }
    set({ loading: true });
    const outcome = await callApi(appApi, 'search.query', buildSearchQuery(text, filters));
    if (seq !== querySeq) return;
    if (outcome.ok) set({ result: outcome.value, loading: false, problem: null });
    else set({ loading: false, problem: outcome.problem });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), SEARCH_DEBOUNCE_MS);
  };
  return {
    text: '',
    filters: noFilters,
    result: null,
    loading: false,
    problem: null,
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
      clearTimeout(timer);
      querySeq += 1;
      set({ text: '', filters: noFilters, result: null, loading: false, problem: null });
    },
  };
});

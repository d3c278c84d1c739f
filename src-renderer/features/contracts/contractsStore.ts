import { create } from 'zustand';
import type { OperationRequest } from '../../../src-shared/api/operations.ts';
import type { ContractPageSort, ContractRow } from '../../../src-shared/model/contractPage.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ContractWindows } from './contractWindows.ts';

/** The table's sort: a column key and direction, kept here so it survives a language switch and navigation. */
export interface ContractSort {
  columnKey: string;
  order: 'ascend' | 'descend';
}

/** The sidebar's filters, as `contracts.page` takes them. */
export type ContractFilters = Omit<OperationRequest<'contracts.page'>, 'offset' | 'limit' | 'sort' | 'ascending'>;

/**
 * Rows fetched per call: a screen is ~15 rows, so one call covers a fast flick of the scroll wheel. 100
 * rather than 200 (decision 0025): each answer (~50 kB) is parsed on the main thread, in whatever frame
 * it lands in.
 */
export const WINDOW_SIZE = 100;

/** The columns whose sort the backend can do (the key of each in the table, and its `contracts.page` sort). */
export const sortableColumns: Readonly<Record<string, ContractPageSort>> = {
  customer: 'customer', type: 'type', status: 'status', signingDate: 'signingDate', endDate: 'endDate', amount: 'amount', createdAt: 'createdAt',
};

interface ContractsState {
  /** How many contracts match the filters; null until the first window arrives. */
  total: number | null;
  /** Bumped whenever a window arrives, so the table re-reads its rows. */
  version: number;
  loading: boolean;
  problem: Problem | null;
  sort: ContractSort | null;
  filters: ContractFilters;
  /** Ids of the rows ticked for a bulk action; with `allMatching`, the rows un-ticked from "all". */
  selected: string[];
  /** "Select all": every contract matching the filters, loaded or not, except `selected`. */
  allMatching: boolean;
  /** Reloads from the first window (after a change, or on demand). */
  load: () => Promise<void>;
  /** Makes sure rows `from`..`to` are loaded or loading. */
  ensure: (from: number, to: number) => void;
  setSort: (sort: ContractSort | null) => void;
  setFilters: (change: Partial<ContractFilters>) => void;
  clearFilters: () => void;
  setSelected: (ids: string[]) => void;
  /** Ticks every matching contract (true) or clears the selection (false). */
  selectAllMatching: (all: boolean) => void;
  reset: () => void;
}

let windows = new ContractWindows<ContractRow>(WINDOW_SIZE);
let generation = 0;

/** The row at an index of the current result, if its window has arrived. */
export function contractAt(index: number): ContractRow | undefined {
  return windows.row(index);
}

function cleanFilters(filters: ContractFilters): ContractFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as ContractFilters;
}

function request(state: Pick<ContractsState, 'sort' | 'filters'>, window: number): OperationRequest<'contracts.page'> {
  const sort = state.sort === null ? undefined : sortableColumns[state.sort.columnKey];
  const cleaned = cleanFilters(state.filters);
  return {
    offset: window * WINDOW_SIZE, limit: WINDOW_SIZE, ...cleaned,
    ...(sort === undefined ? {} : { sort, ascending: state.sort?.order === 'ascend' }),
  };
}

/**
 * The contracts table over `contracts.page`: only the windows of rows the table renders are fetched, so
 * the first screen of 100,000 contracts costs one call of 200 rows. Changing the sort or a filter starts
 * a new generation; answers of an older one are dropped.
 */
export const useContractsStore = create<ContractsState>()((set, get) => {
  const fetchWindow = async (window: number, gen: number): Promise<void> => {
    windows.start(window);
    const outcome = await callApi(appApi, 'contracts.page', request(get(), window));
    if (gen !== generation) return;
    if (!outcome.ok) {
      windows.fail(window);
      set({ loading: false, problem: outcome.problem });
      return;
    }
    windows.finish(window, outcome.value.rows);
    set((state) => ({ total: outcome.value.total, version: state.version + 1, loading: false }));
  };
  return {
    total: null,
    version: 0,
    loading: false,
    problem: null,
    sort: null,
    filters: {},
    selected: [],
    allMatching: false,
    load: async () => {
      generation += 1;
      windows = new ContractWindows<ContractRow>(WINDOW_SIZE);
      set({ loading: true, problem: null });
      await fetchWindow(0, generation);
    },
    ensure: (from, to) => {
      const { total } = get();
      if (total === null) return;
      for (const window of windows.missing(from, to, total)) void fetchWindow(window, generation);
    },
    setSort: (sort) => {
      set({ sort });
      void get().load();
    },
    setFilters: (change) => {
      set((state) => ({ filters: { ...state.filters, ...change }, selected: [], allMatching: false }));
      void get().load();
    },
    clearFilters: () => {
      set({ filters: {}, selected: [], allMatching: false });
      void get().load();
    },
    setSelected: (ids) => set({ selected: ids }),
    selectAllMatching: (all) => set({ selected: [], allMatching: all }),
    reset: () => {
      generation += 1;
      windows = new ContractWindows<ContractRow>(WINDOW_SIZE);
      set({ total: null, version: 0, loading: false, problem: null, filters: {}, selected: [], allMatching: false });
    },
  };
});

/** Whether a row is ticked. */
export function isContractSelected(state: Pick<ContractsState, 'selected' | 'allMatching'>, id: string): boolean {
  return state.allMatching !== state.selected.includes(id);
}

/** How many contracts the selection covers. */
export function selectionCount(state: Pick<ContractsState, 'selected' | 'allMatching' | 'total'>): number {
  return state.allMatching ? Math.max(0, (state.total ?? 0) - state.selected.length) : state.selected.length;
}

/**
 * The selection as a bulk operation takes it: the ticked ids, or "every contract matching these filters
 * except the un-ticked ones", which the backend resolves (the renderer never loads 100,000 ids).
 */
export function selectionRequest(state: Pick<ContractsState, 'selected' | 'allMatching' | 'filters'>): { ids: string[] } | { matching: ContractFilters & { except?: string[] } } {
  if (!state.allMatching) return { ids: state.selected };
  return { matching: { ...cleanFilters(state.filters), ...(state.selected.length > 0 ? { except: state.selected } : {}) } };
}

import { create } from 'zustand';
import type { Contract } from '../../../src-shared/model/contract.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

/** The table's sort: a column key and direction, kept here so it survives a language switch and navigation. */
export interface ContractSort {
  columnKey: string;
  order: 'ascend' | 'descend';
}

interface ContractsState {
  /** null until the first load; kept while a reload runs so the table never flashes empty. */
  contracts: Contract[] | null;
  loading: boolean;
  problem: Problem | null;
  sort: ContractSort | null;
  load: () => Promise<void>;
  setSort: (sort: ContractSort | null) => void;
  reset: () => void;
}

let loadSeq = 0;

/** The vault's contracts for the table (`contracts.list`). */
export const useContractsStore = create<ContractsState>()((set) => ({
  contracts: null,
  loading: false,
  problem: null,
  sort: null,
  setSort: (sort) => set({ sort }),
  load: async () => {
    const seq = ++loadSeq;
    set({ loading: true, problem: null });
    const outcome = await callApi(appApi, 'contracts.list', {});
    // A reload started later (or a lock in between) wins over this one.
    if (seq !== loadSeq) return;
    if (outcome.ok) set({ contracts: outcome.value, loading: false });
    else set({ loading: false, problem: outcome.problem });
  },
  reset: () => {
    loadSeq += 1;
    set({ contracts: null, loading: false, problem: null });
  },
}));

import { create } from 'zustand';
import type { CustomerSummary } from '../../../src-shared/model/customer.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

interface CustomersState {
  customers: CustomerSummary[] | null;
  loading: boolean;
  problem: Problem | null;
  load: () => Promise<void>;
  reset: () => void;
}

let loadSeq = 0;

/** The vault's customers with their contract counts (`customers.list`). */
export const useCustomersStore = create<CustomersState>()((set) => ({
  customers: null,
  loading: false,
  problem: null,
  load: async () => {
    const seq = ++loadSeq;
    set({ loading: true, problem: null });
    const outcome = await callApi(appApi, 'customers.list', {});
    if (seq !== loadSeq) return;
    if (outcome.ok) set({ customers: outcome.value, loading: false });
    else set({ loading: false, problem: outcome.problem });
  },
  reset: () => {
    loadSeq += 1;
    set({ customers: null, loading: false, problem: null });
  },
}));

import { create } from 'zustand';
import type { OperationRequest } from '../../../src-shared/api/operations.ts';
import type { CustomerSummary } from '../../../src-shared/model/customer.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';

interface CustomersState {
  customers: CustomerSummary[] | null;
  loading: boolean;
  problem: Problem | null;
  load: () => Promise<void>;
  /** Adds a customer; its id when it was added (the problem is shown otherwise). */
  add: (input: OperationRequest<'customers.add'>) => Promise<string | null>;
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
  add: async (input) => {
    set({ problem: null });
    const outcome = await callApi(appApi, 'customers.add', input);
    if (!outcome.ok) {
      set({ problem: outcome.problem });
      return null;
    }
    void useCustomersStore.getState().load();
    return outcome.value.id;
  },
  reset: () => {
    loadSeq += 1;
    set({ customers: null, loading: false, problem: null });
  },
}));

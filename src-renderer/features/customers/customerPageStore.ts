import { create } from 'zustand';
import type { Contract } from '../../../src-shared/model/contract.ts';
import type { Customer } from '../../../src-shared/model/customer.ts';
import type { OperationRequest } from '../../../src-shared/api/operations.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { useCustomersStore } from './customersStore.ts';

interface CustomerPageState {
  customer: Customer | null;
  contracts: Contract[] | null;
  loading: boolean;
  saving: boolean;
  problem: Problem | null;
  load: (id: string) => Promise<void>;
  /** Saves a change (name, notes, contacts); true when it was saved. */
  save: (change: Omit<OperationRequest<'customers.update'>, 'customer'>) => Promise<boolean>;
  reset: () => void;
}

let loadSeq = 0;

/** One customer with its contracts, for the customer page (`customers.get`, `contracts.list`, `customers.update`). */
export const useCustomerPageStore = create<CustomerPageState>()((set, get) => ({
  customer: null,
  contracts: null,
  loading: false,
  saving: false,
  problem: null,
  load: async (id) => {
    const seq = ++loadSeq;
    set({ loading: true, problem: null, ...(get().customer?.id === id ? {} : { customer: null, contracts: null }) });
    const [customer, contracts] = await Promise.all([callApi(appApi, 'customers.get', { customer: id }), callApi(appApi, 'contracts.list', { customer: id })]);
    if (seq !== loadSeq) return;
    if (!customer.ok) return set({ loading: false, problem: customer.problem });
    if (!contracts.ok) return set({ loading: false, customer: customer.value, problem: contracts.problem });
    set({ loading: false, customer: customer.value, contracts: contracts.value });
  },
  save: async (change) => {
    const current = get().customer;
    if (current === null) return false;
    set({ saving: true, problem: null });
    const outcome = await callApi(appApi, 'customers.update', { customer: current.id, ...change });
    if (!outcome.ok) {
      set({ saving: false, problem: outcome.problem });
      return false;
    }
    set({ saving: false, customer: outcome.value });
    void useCustomersStore.getState().load();
    return true;
  },
  reset: () => {
    loadSeq += 1;
    set({ customer: null, contracts: null, loading: false, saving: false, problem: null });
  },
}));

import { create } from 'zustand';

/** The screens of the left navigation, and the screens reached from them (one customer, one contract). */
export const pages = ['contracts', 'customers', 'customer', 'search', 'settings', 'backups'] as const;
export type Page = (typeof pages)[number] | 'contract';

/** What the contract page opens on: a contract, and optionally a version at a page with terms to highlight (from a search hit). */
export interface ContractTarget {
  contractId: string;
  versionId?: string;
  page?: number;
  /** Exact strings to mark in the viewer (the search hit's highlighted words). */
  terms?: string[];
}

interface NavigationState {
  page: Page;
  /** The customer the `customer` screen shows. */
  customerId: string | null;
  /** The contract the contract page shows; set by openContract. */
  contract: ContractTarget | null;
  /** The screen the contract page was opened from, for its Back button. */
  returnTo: Exclude<Page, 'contract'>;
  go: (page: Page) => void;
  openCustomer: (id: string) => void;
  openContract: (target: ContractTarget) => void;
}

/**
 * Which screen is shown. A store, not URL routes: the URL fragment carries the bridge's token in
 * browser mode, and the Electron window has no address bar to share a route from.
 */
export const useNavigationStore = create<NavigationState>()((set) => ({
  page: 'contracts',
  customerId: null,
  contract: null,
  returnTo: 'contracts',
  go: (page) => set({ page }),
  openCustomer: (id) => set({ page: 'customer', customerId: id }),
  openContract: (target) => set((state) => ({ page: 'contract', contract: target, returnTo: state.page === 'contract' ? state.returnTo : state.page })),
}));

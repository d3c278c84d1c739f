import { create } from 'zustand';

/** The screens of the left navigation. */
export const pages = ['contracts', 'customers', 'search', 'settings'] as const;
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
  /** The contract the contract page shows; set by openContract. */
  contract: ContractTarget | null;
  /** The screen the contract page was opened from, for its Back button. */
  returnTo: Exclude<Page, 'contract'>;
  go: (page: Page) => void;
  openContract: (target: ContractTarget) => void;
}

/**
 * Which screen is shown. A store, not URL routes: the URL fragment carries the bridge's token in
 * browser mode, and the Electron window has no address bar to share a route from.
 */
export const useNavigationStore = create<NavigationState>()((set) => ({
  page: 'contracts',
  contract: null,
  returnTo: 'contracts',
  go: (page) => set({ page }),
  openContract: (target) => set((state) => ({ page: 'contract', contract: target, returnTo: state.page === 'contract' ? state.returnTo : state.page })),
}));

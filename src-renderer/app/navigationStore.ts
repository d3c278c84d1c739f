import { create } from 'zustand';

/** The screens of the left navigation, and the screens reached from them (one customer). */
export const pages = ['contracts', 'customers', 'customer', 'search', 'settings'] as const;
export type Page = (typeof pages)[number];

interface NavigationState {
  page: Page;
  /** The customer the `customer` screen shows. */
  customerId: string | null;
  /** The contract asked for by a row click (the contract page renders it). */
  contractId: string | null;
  go: (page: Page) => void;
  openCustomer: (id: string) => void;
  openContract: (id: string) => void;
}

/**
 * Which screen is shown. A store, not URL routes: the URL fragment carries the bridge's token in
 * browser mode, and the Electron window has no address bar to share a route from.
 */
export const useNavigationStore = create<NavigationState>()((set) => ({
  page: 'contracts',
  customerId: null,
  contractId: null,
  go: (page) => set({ page }),
  openCustomer: (id) => set({ page: 'customer', customerId: id }),
  openContract: (id) => set({ contractId: id }),
}));

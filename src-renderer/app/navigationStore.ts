import { create } from 'zustand';

/** The screens of the left navigation. */
export const pages = ['contracts', 'customers', 'search', 'settings'] as const;
export type Page = (typeof pages)[number];

interface NavigationState {
  page: Page;
  go: (page: Page) => void;
}

/**
 * Which screen is shown. A store, not URL routes: the URL fragment carries the bridge's token in
 * browser mode, and the Electron window has no address bar to share a route from.
 */
export const useNavigationStore = create<NavigationState>()((set) => ({
  page: 'contracts',
  go: (page) => set({ page }),
}));

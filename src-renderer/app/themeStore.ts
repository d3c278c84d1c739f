import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/** Light or dark, applied through antd's theme algorithm. */
export type ThemeMode = 'light' | 'dark';

interface ThemeState {
  mode: ThemeMode;
  setMode: (mode: ThemeMode) => void;
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The colour theme: the system's at first start, then the user's choice (a UI preference in localStorage). */
export const useThemeStore = create<ThemeState>()(
  persist(
    (set) => ({
      mode: systemPrefersDark() ? 'dark' : 'light',
      setMode: (mode) => set({ mode }),
    }),
    {
      name: 'cvault.theme',
      storage: createJSONStorage(() => localStorage),
      merge: (stored, current) => {
        const mode = (stored as Partial<ThemeState> | undefined)?.mode;
        return mode === 'light' || mode === 'dark' ? { ...current, mode } : current;
      },
    },
  ),
);

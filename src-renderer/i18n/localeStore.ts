import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { locales, resolveLocale, type Locale } from '../../src-shared/i18n/translate.ts';

/** The UI language: from the browser's (the OS's) language at first start, then the user's choice. */
interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/**
 * Switching re-renders every translated string at once (no reload). The choice is kept in
 * localStorage: a UI preference only, never vault content.
 */
export const useLocaleStore = create<LocaleState>()(
  persist(
    (set) => ({
      locale: resolveLocale(navigator.language),
      setLocale: (locale) => set({ locale }),
    }),
    {
      name: 'cvault.locale',
      storage: createJSONStorage(() => localStorage),
      // A stored value from another version that is no longer a locale falls back to the browser's.
      merge: (stored, current) => {
        const locale = (stored as Partial<LocaleState> | undefined)?.locale;
        return locale !== undefined && (locales as readonly string[]).includes(locale) ? { ...current, locale } : current;
      },
    },
  ),
);

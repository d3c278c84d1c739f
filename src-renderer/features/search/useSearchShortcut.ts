import { useEffect, type RefObject } from 'react';
import type { InputRef } from 'antd';

/** Ctrl+K (⌘K on a Mac) anywhere in the app focuses the global search box and selects its text. */
export function useSearchShortcut(input: RefObject<InputRef | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus({ cursor: 'all' });
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [input]);
}

let applePlatform: boolean | undefined;

/** Whether to show ⌘ rather than Ctrl in the shortcut hint (read once: the header asks on every keystroke). */
export function isApplePlatform(): boolean {
  applePlatform ??= /Mac|iPhone|iPad/u.test(navigator.userAgent);
  return applePlatform;
}

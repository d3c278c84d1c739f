/** The difference a key asks for: n / j or Alt+↓ the next one, p / k or Alt+↑ the previous one; null for any other key. */
export function shortcutDirection(event: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): 1 | -1 | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) return event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : null;
  if (event.key === 'n' || event.key === 'j') return 1;
  if (event.key === 'p' || event.key === 'k') return -1;
  return null;
}

/** Whether a key press may act as a compare shortcut: not while the user types in a field or a list box. */
export function isCompareShortcutTarget(target: unknown): boolean {
  const element = target as { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null } | null;
  if (element === null || element.tagName === undefined) return true;
  if (element.isContentEditable) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return false;
  return element.getAttribute?.('role') !== 'combobox';
}

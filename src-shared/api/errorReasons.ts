import type { MessageKey } from '../i18n/en.ts';

/** A `reason.*` message key: passed as an error's `detail`, it is rendered in the reader's language. */
export type ReasonKey = Extract<MessageKey, `reason.${string}`>;

const errnoReasons: ReadonlySet<string> = new Set([
  'ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EBUSY', 'ENOSPC', 'EROFS', 'EEXIST', 'EMFILE', 'ENAMETOOLONG', 'EIO', 'ELOOP',
]);

/**
 * The translated reason for a file-system error code (ENOENT, EACCES, ...). A code without a
 * translation is passed through as it is: it still tells support what happened.
 */
export function errnoReason(code: string | undefined): string {
  if (code === undefined || code === '') return 'reason.errno.unknown' satisfies ReasonKey;
  return errnoReasons.has(code) ? `reason.errno.${code}` : code;
}

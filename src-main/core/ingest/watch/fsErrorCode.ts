/** The `code` of a Node fs error ('ENOENT', 'EBUSY', ...), or 'UNKNOWN' for anything else thrown. */
export function fsErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'UNKNOWN';
}

/** Whether an fs error means "nothing is there" (the path, or a folder on the way to it, is gone). */
export function isAbsentError(error: unknown): boolean {
  const code = fsErrorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

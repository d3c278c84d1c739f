import type { ErrorCode } from './errorCodes.ts';

/** The result of every operation, whichever door it came through (DESIGN.md §2). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; params: Record<string, string | number> } };

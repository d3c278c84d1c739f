import type { ErrorCode } from './errorCodes.ts';

/** Values interpolated into a translated error message, e.g. `{file}` or `{contract}`. */
export type ErrorParams = Record<string, string | number>;

/**
 * The one error type that crosses the API boundary. It carries a stable code and the parameters
 * of its message, never a pre-rendered string, so each door translates it into the user's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    // The message carries only the code: params may hold file or folder names, which must never reach a log or crash report.
    super(code, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

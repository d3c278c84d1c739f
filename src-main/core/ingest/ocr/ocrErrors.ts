import { AppError } from '../../../../src-shared/api/appError.ts';

/** The image given to OCR could not be decoded (damaged, truncated, or a format leptonica lacks). */
export class OcrImageUnreadableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the image could not be decoded', options);
    this.name = 'OcrImageUnreadableError';
  }
}

/** One OCR job outlived its time limit; its worker was terminated. */
export class OcrTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`OCR took longer than ${timeoutMs} ms`);
    this.name = 'OcrTimeoutError';
  }
}

/** The OCR job was cancelled through its AbortSignal. */
export class OcrCancelledError extends Error {
  constructor() {
    super('OCR was cancelled');
    this.name = 'OcrCancelledError';
  }
}

/** The engine itself failed: language data missing, worker crashed, engine terminated. */
export class OcrEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrEngineError';
  }
}

/**
 * Translates an OCR failure into the AppError a door shows: IMAGE_UNREADABLE, EXTRACTION_TIMEOUT,
 * IMPORT_CANCELLED or OCR_FAILED. The detail of OCR_FAILED holds no document content, only what failed.
 */
export function toOcrAppError(error: unknown, fileName: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OcrImageUnreadableError) return new AppError('IMAGE_UNREADABLE', { file: fileName }, { cause: error });
  if (error instanceof OcrTimeoutError) {
    return new AppError('EXTRACTION_TIMEOUT', { file: fileName, seconds: Math.ceil(error.timeoutMs / 1000) }, { cause: error });
  }
  if (error instanceof OcrCancelledError) return new AppError('IMPORT_CANCELLED', {}, { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('OCR_FAILED', { file: fileName, detail: detail.slice(0, 200) }, { cause: error });
}

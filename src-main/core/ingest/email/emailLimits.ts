import { AppError } from '../../../../src-shared/api/appError.ts';
import type { ReasonKey } from '../../../../src-shared/api/errorReasons.ts';
import { formatByteSize } from '../../../../src-shared/format/byteSize.ts';

/** Bounds that keep one hostile or runaway e-mail from flooding an import. */
export interface EmailLimits {
  /** Size of the .eml / .msg file itself; MIME and CFB do not compress, so this also bounds the attachments. */
  maxBytes: number;
  /** Attachments one mail may carry; a mail with more is refused rather than half-imported. */
  maxAttachments: number;
  /** How deep mails may nest inside mails (a forwarded mail attached to a forwarded mail...). */
  maxDepth: number;
  /** Body text kept for the search index; the rest is cut, the original stays in the vault anyway. */
  maxBodyChars: number;
  /** HTML bodies longer than this are stripped of tags by a linear scan instead of being converted. */
  maxHtmlChars: number;
}

/**
 * Defaults: mail servers refuse messages over 25-50 MB, so 64 MiB only lets through what a mail
 * client could have produced. The HTML bound stays below html-to-text's own 16M-character limit,
 * which would otherwise print a warning to the console.
 */
export const DEFAULT_EMAIL_LIMITS: Readonly<EmailLimits> = {
  maxBytes: 64 * 1024 * 1024,
  maxAttachments: 100,
  maxDepth: 3,
  maxBodyChars: 1_000_000,
  maxHtmlChars: 4_000_000,
};

/** Options shared by `parseEml` and `parseMsg`. */
export interface EmailParseOptions {
  /** How many mails enclose this one: 0 for a file the user imported, 1 for a mail attached to it, ... */
  depth?: number;
  /** Overrides of `DEFAULT_EMAIL_LIMITS` (tests use small ones). */
  limits?: Partial<EmailLimits>;
}

/** The limits in force, after checking the file's size and nesting depth against them (ARCHIVE_LIMIT_EXCEEDED). */
export function checkEmailEnvelope(bytes: Uint8Array, fileName: string, options: EmailParseOptions): EmailLimits {
  const limits: EmailLimits = { ...DEFAULT_EMAIL_LIMITS, ...options.limits };
  const depth = options.depth ?? 0;
  if (depth > limits.maxDepth) {
    throw new AppError('ARCHIVE_LIMIT_EXCEEDED', { file: fileName, detail: 'reason.email.nestedTooDeep' satisfies ReasonKey, limit: limits.maxDepth });
  }
  if (bytes.length > limits.maxBytes) {
    throw new AppError('ARCHIVE_LIMIT_EXCEEDED', { file: fileName, detail: 'reason.email.tooLarge' satisfies ReasonKey, limit: formatByteSize(limits.maxBytes) });
  }
  return limits;
}

/** Refuses a mail with more attachments than the limit allows (ARCHIVE_LIMIT_EXCEEDED). */
export function checkAttachmentCount(count: number, fileName: string, limits: EmailLimits): void {
  if (count > limits.maxAttachments) {
    throw new AppError('ARCHIVE_LIMIT_EXCEEDED', { file: fileName, detail: 'reason.email.tooManyAttachments' satisfies ReasonKey, limit: limits.maxAttachments });
  }
}

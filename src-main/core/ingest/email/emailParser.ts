import { HEAD_BYTES } from '../formatDetection.ts';
import { AppError } from '../../../../src-shared/api/appError.ts';
import { emailFormatOf } from './emailDetection.ts';
import type { EmailParseOptions } from './emailLimits.ts';
import { parseEml } from './emlParser.ts';
import { parseMsg } from './msgParser.ts';
import type { ParsedEmail } from './parsedEmail.ts';

/**
 * Parses an e-mail of either kind, choosing .eml or .msg from its name and first bytes (see
 * emailFormatOf). Refuses with EMAIL_UNREADABLE when it is neither, or as the parsers do.
 */
export function parseEmail(bytes: Uint8Array, fileName: string, options: EmailParseOptions = {}): Promise<ParsedEmail> {
  const format = emailFormatOf(fileName, bytes.subarray(0, HEAD_BYTES));
  if (format === 'msg') return parseMsg(bytes, fileName, options);
  if (format === 'eml') return parseEml(bytes, fileName, options);
  return Promise.reject(new AppError('EMAIL_UNREADABLE', { file: fileName }));
}

import { z } from 'zod';
import type { Locale } from '../../src-shared/i18n/translate.ts';

// zod ships its messages in both our languages; its Chinese error map is built once, on first use.
let chineseErrors: z.core.$ZodErrorMap | undefined;

/** zod's per-parse options that make its issue messages come out in the caller's language. */
export function inputParseOptions(locale: Locale): { error: z.core.$ZodErrorMap } | undefined {
  if (locale !== 'zh-CN') return undefined;
  chineseErrors ??= z.locales.zhCN().localeError;
  return { error: chineseErrors };
}

/** The issues of a refused input as one line: where each is ("name", "contacts.0.email") and what is wrong. */
export function describeInputIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

import type { AppError } from '../../src-shared/api/appError.ts';
import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { translate } from '../../src-shared/i18n/translate.ts';

/**
 * The reason an AppError gives as a reader in `locale` sees it: its `detail` rendered when it is a
 * reason.* key, else the detail as it is (diagnostics that are not translated, see decision 0027).
 */
export function reasonText(error: AppError, locale: 'en' | 'zh-CN' = 'en'): string {
  const detail = String(error.params['detail']);
  return detail.startsWith('reason.') ? translate(locale, detail as MessageKey, error.params) : detail;
}

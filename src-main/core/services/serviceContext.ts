import type { Locale } from '../../../src-shared/i18n/translate.ts';
import type { VaultSession } from '../session/vaultSession.ts';

/** What every service call works with: the unlocked vault and who is acting (for the audit log). */
export interface ServiceContext {
  session: VaultSession;
  actor: string;
  /** The caller's language, for what services render (display names, per-file error messages). */
  locale: Locale;
}

import type { MessageKey } from '../../src-shared/i18n/en.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import type { Problem } from '../api/problem.ts';
import type { TransportFailure } from '../api/transport.ts';

const transportMessages: Record<TransportFailure, MessageKey> = {
  unauthorised: 'ui.transport.unauthorised',
  unreachable: 'ui.transport.unreachable',
  protocol: 'ui.transport.protocol',
  cancelled: 'ui.transport.cancelled',
};

/**
 * A problem in the UI's language. The envelope's own `message` is in the backend's fixed locale, so
 * the code and its params are translated here instead (every code has `error.<CODE>` in both catalogues).
 */
export function problemMessage(locale: Locale, problem: Problem): string {
  if (problem.kind === 'transport') return translate(locale, transportMessages[problem.failure]);
  // errorCodes.ts and the catalogues are kept in step by tests/unit/i18nCatalogues.test.ts.
  return translate(locale, `error.${problem.code}` as MessageKey, problem.params);
}

import type { Contract, ContractRecord } from '../../../src-shared/model/contract.ts';
import { contractTypes } from '../../../src-shared/model/contract.ts';
import { DEFAULT_NAMING_TEMPLATE, renderName, type NamingLocale } from '../../../src-shared/rules/classification/namingTemplate.ts';
import { translate, type Locale } from '../../../src-shared/i18n/translate.ts';
import type { VaultDatabase } from '../db/connection.ts';
import { getSetting } from '../db/repositories/settingsRepository.ts';

export const namingTemplateSetting = 'naming.template';

/** The vault's naming template, or the default `{customer}-{type}-{signingDate}-{number}`. */
export function namingTemplate(db: VaultDatabase): string {
  const value = getSetting(db, namingTemplateSetting);
  return typeof value === 'string' && value.trim() !== '' ? value : DEFAULT_NAMING_TEMPLATE;
}

/** Type labels and the fallback name in the user's language, for rendering names. */
export function namingLocale(locale: Locale): NamingLocale {
  return {
    typeLabels: Object.fromEntries(contractTypes.map((t) => [t, translate(locale, `contractType.${t}`)])),
    fallbackName: translate(locale, 'naming.fallback'),
  };
}

/** Returns a function giving stored contracts their display names (template read once per call site); a contract
 * whose template fields are all empty is shown by its title. */
export function displayNamer(db: VaultDatabase, locale: Locale): (record: ContractRecord) => Contract {
  const template = namingTemplate(db);
  const names = namingLocale(locale);
  return (record) => ({
    ...record,
    displayName: renderName(template, {
      customer: record.customerName, type: record.type === 'other' ? null : record.type, number: record.number, title: record.title,
      signingDate: record.signingDate, startDate: record.startDate, endDate: record.endDate,
    }, { ...names, fallbackName: record.title }),
  });
}

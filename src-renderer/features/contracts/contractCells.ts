import type { ContractRow } from '../../../src-shared/model/contractPage.ts';
import type { Locale } from '../../../src-shared/i18n/translate.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import type { Translator } from '../../i18n/useT.ts';

/** A row's cell texts as the table shows them, in the UI language. */
export interface ContractCells {
  type: string;
  status: string;
  amount: string;
  createdAt: string;
}

type Translate = Translator;

let cacheLocale: Locale | null = null;
let cacheT: Translate | null = null;
let cache = new WeakMap<ContractRow, ContractCells>();

/**
 * The formatted cells of a row, computed once per row object and language: a window's rows are new
 * objects when it arrives, so a row scrolled back into view reuses its texts instead of formatting the
 * amount (Intl) and translating the type and status on every render.
 */
export function contractCells(row: ContractRow, locale: Locale, t: Translate): ContractCells {
  if (locale !== cacheLocale || t !== cacheT) {
    cacheLocale = locale;
    cacheT = t;
    cache = new WeakMap();
  }
  let cells = cache.get(row);
  if (cells === undefined) {
    cells = {
      type: t(`contractType.${row.type}`),
      status: t(`contractStatus.${row.status}`),
      amount: row.amount === null ? '' : formatMoney(row.amount, locale),
      createdAt: row.createdAt.slice(0, 10),
    };
    cache.set(row, cells);
  }
  return cells;
}

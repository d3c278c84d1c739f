import { normalizeForMatching } from './matchablePage.ts';

/** The language a contract is written in, as the metadata reports it. */
export type ContractLanguage = 'zh' | 'en' | 'mixed';

/**
 * Decides the language from the amount of Chinese versus English text. A Chinese character carries
 * about a word's worth of meaning, so Han characters are weighed against English words: a Chinese
 * contract quoting "Contract No." stays zh, an English one naming a Chinese company stays en, and a
 * bilingual contract (both halves substantial) is mixed. Text with neither counts as en.
 */
export function detectContractLanguage(pages: readonly string[]): ContractLanguage {
  let han = 0;
  let words = 0;
  for (const original of pages) {
    // Full-width Latin (Ｔｈｉｓ) is English typed with a Chinese IME: count it as English.
    const page = normalizeForMatching(original);
    han += (page.match(/\p{sc=Han}/gu) ?? []).length;
    words += (page.match(/[A-Za-z]{2,}/g) ?? []).length;
  }
  const total = han + words;
  if (total === 0) return 'en';
  const chineseShare = han / total;
  if (chineseShare >= 0.8) return 'zh';
  if (chineseShare <= 0.2) return 'en';
  return 'mixed';
}

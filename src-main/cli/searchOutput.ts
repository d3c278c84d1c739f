import type { HighlightRange, SearchResult } from '../../src-shared/model/search.ts';
import { formatMoneyPlain } from '../../src-shared/rules/money.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';

/** How found terms are marked in a terminal (inverse video) and in a pipe or file (brackets). */
export interface HighlightStyle {
  open: string;
  close: string;
}

export const terminalHighlight: HighlightStyle = { open: '\x1b[7m', close: '\x1b[27m' };
export const plainHighlight: HighlightStyle = { open: '[', close: ']' };

/** Marks the highlighted ranges of a text. */
export function markHighlights(text: string, highlights: readonly HighlightRange[], style: HighlightStyle): string {
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at) continue;
    out += `${text.slice(at, start)}${style.open}${text.slice(start, end)}${style.close}`;
    at = end;
  }
  return out + text.slice(at);
}

/** The ranked hits of a search for the terminal: each contract, then where the terms were found. */
export function searchResultText(locale: Locale, result: SearchResult, style: HighlightStyle): string {
  if (result.total === 0) return translate(locale, 'cli.search.none');
  const lines: string[] = [translate(locale, 'cli.search.total', { total: result.total, shown: result.hits.length })];
  if (result.terms.length > 0) lines.push(translate(locale, 'cli.search.terms', { terms: result.terms.join(' ') }));
  for (const [position, hit] of result.hits.entries()) {
    const facts = [hit.customerName, hit.signingDate, hit.amount ? `${formatMoneyPlain(hit.amount)} ${hit.amount.currency}` : null].filter((x) => x);
    lines.push('', `${position + 1}. ${hit.displayName}${facts.length > 0 ? `  (${facts.join(', ')})` : ''}  ${hit.contractId}`);
    for (const match of hit.fieldMatches) lines.push(`   ${markHighlights(match.text, match.highlights, style)}`);
    for (const snippet of hit.snippets) {
      const where = snippet.page === null
        ? translate(locale, 'cli.search.whereNoPage', { file: snippet.fileName, version: snippet.versionNumber })
        : translate(locale, 'cli.search.where', { file: snippet.fileName, version: snippet.versionNumber, page: snippet.page });
      lines.push(`   ${where}`, `      ${markHighlights(snippet.text, snippet.highlights, style)}`);
    }
  }
  return lines.join('\n');
}

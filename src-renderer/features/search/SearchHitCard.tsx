import { memo } from 'react';
import { useNavigationStore } from '../../app/navigationStore.ts';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { ContractStatus } from '../../../src-shared/model/contract.ts';
import type { SearchHit, SearchSnippet } from '../../../src-shared/model/search.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT, type Translator } from '../../i18n/useT.ts';
import { HighlightedText } from './HighlightedText.tsx';

const fieldLabels: Record<SearchHit['fieldMatches'][number]['field'], MessageKey> = {
  title: 'ui.search.field.title',
  number: 'ui.search.field.number',
  customer: 'ui.search.field.customer',
  tags: 'ui.search.field.tags',
  notes: 'ui.search.field.notes',
};

/** The dot colours of the contract table's StatusBadge (antd Badge), drawn by app.css. */
const statusDot: Record<ContractStatus, string> = { draft: 'default', active: 'success', expired: 'warning', terminated: 'error' };

function snippetSource(t: Translator, snippet: SearchSnippet): string {
  const params = { file: snippet.fileName, version: snippet.versionNumber, page: snippet.page ?? '' };
  return snippet.page === null ? t('ui.search.whereNoPage', params) : t('ui.search.where', params);
}

/**
 * One contract found: what it is, where the terms matched in its fields, and snippets of its files with
 * the terms marked. Plain elements styled like antd's small Card, Tag, Badge and link Button (app.css):
 * up to 50 of these render per keystroke, and antd's components cost several times more each (context
 * reads, CSS-in-JS hooks, wrapper elements) for the same look.
 */
export const SearchHitCard = memo(function SearchHitCard({ hit }: { hit: SearchHit }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  // The viewer marks what the snippet marks: the words as found, prefixes already stretched to whole words.
  const openSnippet = (snippet: SearchSnippet) => useNavigationStore.getState().openContract({
    contractId: hit.contractId,
    versionId: snippet.versionId,
    ...(snippet.page === null ? {} : { page: snippet.page }),
    terms: [...new Set(snippet.highlights.map(([start, end]) => snippet.text.slice(start, end)))],
  });
  return (
    <article className="search-hit" data-testid="search-hit">
      <h2 className="search-hit-title">
        <button type="button" className="link-button title-link" onClick={() => useNavigationStore.getState().openContract({ contractId: hit.contractId })}>{hit.displayName}</button>
      </h2>
      <div className="search-hit-meta">
        {hit.customerName ? <span>{hit.customerName}</span> : null}
        <span className="search-hit-type">{t(`contractType.${hit.type}`)}</span>
        <span className="search-hit-status"><span className={`status-dot status-dot-${statusDot[hit.status]}`} aria-hidden />{t(`contractStatus.${hit.status}`)}</span>
        {hit.signingDate ? <span>{t('ui.search.signedOn', { date: hit.signingDate })}</span> : null}
        {hit.amount ? <span>{formatMoney(hit.amount, locale)}</span> : null}
      </div>
      {hit.fieldMatches.map((match) => (
        <div key={match.field} className="search-field-match">
          <strong>{t(fieldLabels[match.field])}</strong>{' '}
          <HighlightedText text={match.text} highlights={match.highlights} />
        </div>
      ))}
      {hit.snippets.map((snippet, index) => (
        <figure key={`${snippet.versionId}-${snippet.page ?? 0}-${index}`} className="search-snippet">
          <blockquote>
            <HighlightedText text={snippet.text} highlights={snippet.highlights} />
          </blockquote>
          <figcaption>
            <button type="button" className="link-button snippet-link" onClick={() => openSnippet(snippet)} title={t('ui.search.openAt', { file: snippet.fileName })}>
              {snippetSource(t, snippet)}
            </button>
          </figcaption>
        </figure>
      ))}
    </article>
  );
});

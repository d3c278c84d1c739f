import { Button, Card, Space, Tag, Typography } from 'antd';
import { memo } from 'react';
import { useNavigationStore } from '../../app/navigationStore.ts';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { SearchHit, SearchSnippet } from '../../../src-shared/model/search.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT, type Translator } from '../../i18n/useT.ts';
import { StatusBadge } from '../contracts/StatusBadge.tsx';
import { HighlightedText } from './HighlightedText.tsx';

const fieldLabels: Record<SearchHit['fieldMatches'][number]['field'], MessageKey> = {
  title: 'ui.search.field.title',
  number: 'ui.search.field.number',
  customer: 'ui.search.field.customer',
  tags: 'ui.search.field.tags',
  notes: 'ui.search.field.notes',
};

function snippetSource(t: Translator, snippet: SearchSnippet): string {
  const params = { file: snippet.fileName, version: snippet.versionNumber, page: snippet.page ?? '' };
  return snippet.page === null ? t('ui.search.whereNoPage', params) : t('ui.search.where', params);
}

/** One contract found: what it is, where the terms matched in its fields, and snippets of its files with the terms marked. */
export const SearchHitCard = memo(function SearchHitCard({ hit }: { hit: SearchHit }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const openContract = useNavigationStore((state) => state.openContract);
  // The viewer marks what the snippet marks: the words as found, prefixes already stretched to whole words.
  const openSnippet = (snippet: SearchSnippet) => openContract({
    contractId: hit.contractId,
    versionId: snippet.versionId,
    ...(snippet.page === null ? {} : { page: snippet.page }),
    terms: [...new Set(snippet.highlights.map(([start, end]) => snippet.text.slice(start, end)))],
  });
  return (
    <Card size="small" className="search-hit" data-testid="search-hit">
      <Typography.Title level={2} className="search-hit-title">
        <Button type="link" className="title-link" onClick={() => openContract({ contractId: hit.contractId })}>{hit.displayName}</Button>
      </Typography.Title>
      <Space size="middle" wrap className="search-hit-meta">
        {hit.customerName ? <Typography.Text>{hit.customerName}</Typography.Text> : null}
        <Tag>{t(`contractType.${hit.type}`)}</Tag>
        <StatusBadge status={hit.status} />
        {hit.signingDate ? <Typography.Text>{t('ui.search.signedOn', { date: hit.signingDate })}</Typography.Text> : null}
        {hit.amount ? <Typography.Text>{formatMoney(hit.amount, locale)}</Typography.Text> : null}
      </Space>
      {hit.fieldMatches.map((match) => (
        <div key={match.field} className="search-field-match">
          <Typography.Text strong>{t(fieldLabels[match.field])}</Typography.Text>{' '}
          <HighlightedText text={match.text} highlights={match.highlights} />
        </div>
      ))}
      {hit.snippets.map((snippet, index) => (
        <figure key={`${snippet.versionId}-${snippet.page ?? 0}-${index}`} className="search-snippet">
          <blockquote>
            <HighlightedText text={snippet.text} highlights={snippet.highlights} />
          </blockquote>
          <figcaption>
            <Button type="link" size="small" className="snippet-link" onClick={() => openSnippet(snippet)} title={t('ui.search.openAt', { file: snippet.fileName })}>
              {snippetSource(t, snippet)}
            </Button>
          </figcaption>
        </figure>
      ))}
    </Card>
  );
});

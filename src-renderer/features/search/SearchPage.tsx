import { Button, Empty, Spin } from 'antd';
import { memo, useDeferredValue } from 'react';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { SavedSearchesPanel } from './SavedSearchesPanel.tsx';
import { SearchFiltersPanel } from './SearchFiltersPanel.tsx';
import { SearchHitCard } from './SearchHitCard.tsx';
import { hitsToRender, RESULTS_PER_PAGE } from './searchQuery.ts';
import { useSearchStore } from './searchStore.ts';
import { isApplePlatform } from './useSearchShortcut.ts';

/** A search answered sooner than this shows no spinner: its animation would only add paint work to every keystroke. */
const SPINNER_DELAY_MS = 250;

/** Saved searches and filters: memoised without props, so a keystroke's loading flag and answer do not re-render them. */
const SearchSidebar = memo(function SearchSidebar() {
  return (
    <div className="search-sidebar">
      <SavedSearchesPanel />
      <SearchFiltersPanel />
    </div>
  );
});

/** Results of the global search box as you type, with the filter panel beside them. */
export function SearchPage() {
  const t = useT();
  // Selected, not the whole store: the text changes on every keystroke and must not re-render the results.
  const result = useSearchStore((state) => state.result);
  const loading = useSearchStore((state) => state.loading);
  const loadingMore = useSearchStore((state) => state.loadingMore);
  const loadMore = useSearchStore((state) => state.loadMore);
  const problem = useSearchStore((state) => state.problem);
  const shortcut = t(isApplePlatform() ? 'ui.search.shortcutMac' : 'ui.search.shortcut');
  // A new search first paints its top hits; the rest follow in a background render React can interrupt
  // when the next keystroke's answer arrives (the person sees results while typing, not after 50 cards).
  const rendered = useDeferredValue(result);
  const hits = result === null ? [] : hitsToRender(result, rendered);
  return (
    <>
      <PageTitle extra={loading ? <Spin size="small" delay={SPINNER_DELAY_MS} aria-label={t('ui.search.searching')} /> : null}>{t('ui.nav.search')}</PageTitle>
      <div className="search-layout">
        <section className="search-results" aria-live="polite" aria-busy={loading}>
          <ProblemAlert problem={problem} />
          {result === null ? (
            <Empty description={t('ui.search.hint', { shortcut })} />
          ) : (
            <>
              <p className="search-summary">
                {result.total === 0 ? t('ui.search.none') : t('ui.search.total', { total: result.total, shown: result.hits.length })}
              </p>
              {hits.map((hit) => <SearchHitCard key={hit.contractId} hit={hit} />)}
              {result.hits.length < result.total ? (
                <Button className="search-more" loading={loadingMore} onClick={() => void loadMore()}>
                  {t('ui.search.more', { count: Math.min(RESULTS_PER_PAGE, result.total - result.hits.length) })}
                </Button>
              ) : null}
            </>
          )}
        </section>
        <SearchSidebar />
      </div>
    </>
  );
}

import { SearchOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Popover, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useElementHeight } from '../../app/useElementHeight.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { BulkActions } from '../library/BulkActions.tsx';
import { startContractDrag, startSelectionDrag } from '../library/contractDrag.ts';
import { FolderPanel } from '../library/FolderPanel.tsx';
import { useLibraryStore } from '../library/libraryStore.ts';
import { TagPanel } from '../library/TagPanel.tsx';
import { choosableColumns, useColumnChoiceStore, type ChoosableColumn } from './columnChoiceStore.ts';
import { ContractFiltersPanel } from './ContractFiltersPanel.tsx';
import { ContractsGrid, type GridColumn } from './ContractsGrid.tsx';
import { contractAt, isContractSelected, selectionCount, sortableColumns, useContractsStore, WINDOW_SIZE } from './contractsStore.ts';

// Rows fetched behind the visible ones, and ahead of them in the direction of the scroll (over a window,
// so the next window is on its way well before the scroll reaches it).
const PREFETCH_BEHIND = 40;
const PREFETCH_AHEAD = WINDOW_SIZE + 100;

const columnLabels: Record<ChoosableColumn, MessageKey> = {
  customer: 'ui.contracts.col.customer', type: 'ui.contracts.col.type', status: 'ui.contracts.col.status', signingDate: 'ui.contracts.col.signed',
  endDate: 'ui.contracts.col.ends', amount: 'ui.contracts.col.amount', tags: 'ui.contracts.col.tags', createdAt: 'ui.contracts.col.added',
};

const columnWidths: Record<GridColumn['key'], number> = {
  displayName: 250, customer: 180, type: 130, status: 110, signingDate: 110, endDate: 110, amount: 140, tags: 160, createdAt: 110,
};

/**
 * The grid with its data: the only component that re-renders when a window of rows arrives or the
 * selection changes (the page around it, with the sidebar, does not).
 */
function ContractsTable({ columns, height }: { columns: GridColumn[]; height: number }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const total = useContractsStore((state) => state.total);
  const version = useContractsStore((state) => state.version);
  const loading = useContractsStore((state) => state.loading);
  const ensure = useContractsStore((state) => state.ensure);
  const sort = useContractsStore((state) => state.sort);
  const setSort = useContractsStore((state) => state.setSort);
  const selected = useContractsStore((state) => state.selected);
  const allMatching = useContractsStore((state) => state.allMatching);
  const setSelected = useContractsStore((state) => state.setSelected);
  const selectAllMatching = useContractsStore((state) => state.selectAllMatching);
  const openContract = useNavigationStore((state) => state.openContract);
  const filters = useContractsStore((state) => state.filters);
  const resetKey = useMemo(() => JSON.stringify([filters, sort]), [filters, sort]);

  // Stable callbacks, so the grid's memoised rows re-render only when their own props change.
  const chosen = useMemo(() => new Set(selected), [selected]);
  const isSelected = useCallback((id: string) => allMatching !== chosen.has(id), [chosen, allMatching]);
  // With "all matching", `selected` lists the rows un-ticked from it; otherwise the ticked ones.
  const onToggle = useCallback((id: string, checked: boolean) => {
    const state = useContractsStore.getState();
    const listed = checked !== state.allMatching;
    setSelected(listed ? [...state.selected, id] : state.selected.filter((c) => c !== id));
  }, [setSelected]);
  const onOpen = useCallback((id: string) => openContract({ contractId: id }), [openContract]);
  const onDragStart = useCallback((event: DragEvent, id: string) => {
    const state = useContractsStore.getState();
    if (!isContractSelected(state, id)) startContractDrag(event.dataTransfer, [id]);
    else if (state.allMatching) startSelectionDrag(event.dataTransfer);
    else startContractDrag(event.dataTransfer, state.selected);
  }, []);
  const onRange = useCallback((first: number, last: number, forward: boolean) => {
    if (forward) ensure(Math.max(0, first - PREFETCH_BEHIND), last + PREFETCH_AHEAD);
    else ensure(Math.max(0, first - PREFETCH_AHEAD), last + PREFETCH_BEHIND);
  }, [ensure]);

  const count = selectionCount({ selected, allMatching, total });
  const headerCheckbox = (
    <Checkbox
      aria-label={t('ui.contracts.selectAll')}
      checked={allMatching && selected.length === 0 && (total ?? 0) > 0}
      indeterminate={count > 0 && !(allMatching && selected.length === 0)}
      // Anything ticked: clear; nothing: every contract matching the filters, loaded or not.
      onChange={() => selectAllMatching(count === 0)}
    />
  );

  return (
    <ContractsGrid
      total={total} version={version} loading={loading} rowAt={contractAt} columns={columns} locale={locale} t={t}
      sort={sort} onSort={setSort} isSelected={isSelected} onToggle={onToggle} onOpen={onOpen} onDragStart={onDragStart}
      onRange={onRange} headerCheckbox={headerCheckbox} label={t('ui.nav.contracts')} emptyText={t('ui.contracts.empty')}
      loadingText={t('ui.app.loading')} resetKey={resetKey} height={height}
    />
  );
}

/**
 * The contracts as a virtualised table over `contracts.page`: only the visible rows exist in the DOM and
 * only their windows are fetched, so 100,000 contracts open and scroll like 10. Sorting and the sidebar's
 * filters (folders, tags, customer, type, status, dates, amounts) run in the backend. Rows can be ticked
 * for bulk tagging and moving, or dragged onto a folder.
 */
export function ContractsPage() {
  const t = useT();
  const total = useContractsStore((state) => state.total);
  const loading = useContractsStore((state) => state.loading);
  const problem = useContractsStore((state) => state.problem);
  const load = useContractsStore((state) => state.load);
  const filters = useContractsStore((state) => state.filters);
  const setFilters = useContractsStore((state) => state.setFilters);
  const libraryProblem = useLibraryStore((state) => state.problem);
  const clearLibraryProblem = useLibraryStore((state) => state.clearProblem);
  const loadLibrary = useLibraryStore((state) => state.load);
  const hidden = useColumnChoiceStore((state) => state.hidden);
  const setHidden = useColumnChoiceStore((state) => state.setHidden);
  const bodyRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(bodyRef);
  const [text, setText] = useState(filters.text ?? '');
  // The sidebar (tree, tags, a dozen filter inputs) costs more to mount than the rows: it follows them a
  // task later, so the first rows reach the screen without waiting for it.
  const [sidebarShown, setSidebarShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSidebarShown(true), 0);
    return () => clearTimeout(timer);
  }, []);

  // The first window once per unlock; every change made through this app reloads it (the vault lock,
  // decision 0004, makes this app the vault's only writer while it is open).
  const loaded = total !== null;
  // The sidebar's folders and tags are asked for after the first window, so they never delay the first screen.
  useEffect(() => {
    if (!loaded) void load().then(() => loadLibrary());
    else void loadLibrary();
  }, [load, loaded, loadLibrary]);

  const columns = useMemo<GridColumn[]>(() => {
    const all: GridColumn['key'][] = ['displayName', ...choosableColumns.filter((c) => !hidden.includes(c))];
    return all.map((key) => ({
      key, width: columnWidths[key], sortable: Object.hasOwn(sortableColumns, key), alignRight: key === 'amount',
      label: t(key === 'displayName' ? 'ui.contracts.col.name' : columnLabels[key]),
    }));
  }, [t, hidden]);

  const columnChooser = (
    <Checkbox.Group
      className="column-chooser"
      value={choosableColumns.filter((c) => !hidden.includes(c))}
      onChange={(shown) => setHidden(choosableColumns.filter((c) => !shown.includes(c)))}
      options={choosableColumns.map((c) => ({ value: c, label: t(columnLabels[c]) }))}
    />
  );

  return (
    <div className="library-layout">
      <aside className="library-side" aria-label={t('ui.library.sidebar')}>
        {sidebarShown ? (
          <>
            <FolderPanel />
            <TagPanel />
            <ContractFiltersPanel />
          </>
        ) : null}
      </aside>
      <div className="page-fill library-main">
        <PageTitle
          extra={
            <>
              <Typography.Text>{total === null ? '' : t('ui.contracts.count', { count: total })}</Typography.Text>
              <Input
                allowClear prefix={<SearchOutlined aria-hidden />} value={text} className="contracts-text-filter"
                placeholder={t('ui.contracts.filter.text')} aria-label={t('ui.contracts.filter.text')}
                onChange={(event) => {
                  setText(event.target.value);
                  if (event.target.value === '') setFilters({ text: undefined });
                }}
                onPressEnter={() => setFilters({ text: text.trim() === '' ? undefined : text.trim() })}
              />
              <Popover content={columnChooser} title={t('ui.contracts.columns')} trigger="click" placement="bottomRight">
                <Button icon={<SettingOutlined aria-hidden />}>{t('ui.contracts.columns')}</Button>
              </Popover>
              <Button onClick={() => void load()} loading={loading}>{t('ui.action.refresh')}</Button>
            </>
          }
        >
          {t('ui.nav.contracts')}
        </PageTitle>
        <ProblemAlert problem={problem} />
        <ProblemAlert problem={libraryProblem} onClose={clearLibraryProblem} />
        <BulkActions />
        <div className="table-fill" ref={bodyRef}>
          <ContractsTable columns={columns} height={Math.max(160, height)} />
        </div>
      </div>
    </div>
  );
}

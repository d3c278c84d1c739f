import { SearchOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Input, Popover, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { ContractRow } from '../../../src-shared/model/contractPage.ts';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useElementHeight } from '../../app/useElementHeight.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { BulkActions } from '../library/BulkActions.tsx';
import { startContractDrag } from '../library/contractDrag.ts';
import { FolderPanel } from '../library/FolderPanel.tsx';
import { useLibraryStore } from '../library/libraryStore.ts';
import { TagPanel } from '../library/TagPanel.tsx';
import { choosableColumns, useColumnChoiceStore, type ChoosableColumn } from './columnChoiceStore.ts';
import { ContractFiltersPanel } from './ContractFiltersPanel.tsx';
import { contractAt, sortableColumns, useContractsStore } from './contractsStore.ts';
import { StatusBadge } from './StatusBadge.tsx';

// The table's own header row; the body gets the rest of the measured height.
const HEADER_HEIGHT = 56;
// Rows fetched ahead of and behind a row the table is about to show.
const PREFETCH_BEHIND = 50;
const PREFETCH_AHEAD = 250;

const columnLabels: Record<ChoosableColumn, MessageKey> = {
  customer: 'ui.contracts.col.customer', type: 'ui.contracts.col.type', status: 'ui.contracts.col.status', signingDate: 'ui.contracts.col.signed',
  endDate: 'ui.contracts.col.ends', amount: 'ui.contracts.col.amount', tags: 'ui.contracts.col.tags', createdAt: 'ui.contracts.col.added',
};

const PLACEHOLDER = '~';
const isPlaceholder = (row: ContractRow) => row.id.startsWith(PLACEHOLDER);
function placeholderRow(index: number): ContractRow {
  return {
    id: `${PLACEHOLDER}${index}`, title: '', displayName: '', number: null, customerId: null, customerName: null, type: 'other', status: 'draft',
    signingDate: null, startDate: null, endDate: null, amount: null, tags: [], notes: null, createdAt: '', updatedAt: '', folderId: null,
  };
}

/**
 * The contracts as a virtualised table over `contracts.page`: only the visible rows exist in the DOM and
 * only their windows are fetched, so 100,000 contracts open and scroll like 10. Sorting and the sidebar's
 * filters (folders, tags, customer, type, status, dates, amounts) run in the backend. Rows can be ticked
 * for bulk tagging and moving, or dragged onto a folder.
 */
export function ContractsPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { total, version, loading, problem, load, ensure, sort, setSort, filters, setFilters, selected, setSelected } = useContractsStore();
  const libraryProblem = useLibraryStore((state) => state.problem);
  const clearLibraryProblem = useLibraryStore((state) => state.clearProblem);
  const loadLibrary = useLibraryStore((state) => state.load);
  const openContract = useNavigationStore((state) => state.openContract);
  const hidden = useColumnChoiceStore((state) => state.hidden);
  const setHidden = useColumnChoiceStore((state) => state.setHidden);
  const bodyRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<ContractRow[]>([]);
  const height = useElementHeight(bodyRef);
  const [text, setText] = useState(filters.text ?? '');

  // The first window once per unlock; every change made through this app reloads it (the vault lock,
  // decision 0004, makes this app the vault's only writer while it is open).
  const loaded = total !== null;
  // The sidebar's folders and tags are asked for after the first window, so they never delay the first screen.
  useEffect(() => {
    if (!loaded) void load().then(() => loadLibrary());
    else void loadLibrary();
  }, [load, loaded, loadLibrary]);

  const columns = useMemo<ColumnsType<ContractRow>>(() => {
    const all: (ColumnsType<ContractRow>[number] & { key: string })[] = [
      {
        key: 'displayName', title: t('ui.contracts.col.name'), width: 250, ellipsis: true,
        render: (_v, row) => (isPlaceholder(row) ? '' : <Button type="link" className="link-cell" onClick={() => openContract({ contractId: row.id })}>{row.displayName}</Button>),
      },
      { key: 'customer', dataIndex: 'customerName', title: t('ui.contracts.col.customer'), width: 180, ellipsis: true },
      { key: 'type', title: t('ui.contracts.col.type'), width: 130, render: (_v, row) => (isPlaceholder(row) ? '' : t(`contractType.${row.type}`)) },
      { key: 'status', title: t('ui.contracts.col.status'), width: 100, render: (_v, row) => (isPlaceholder(row) ? '' : <StatusBadge status={row.status} />) },
      { key: 'signingDate', dataIndex: 'signingDate', title: t('ui.contracts.col.signed'), width: 105 },
      { key: 'endDate', dataIndex: 'endDate', title: t('ui.contracts.col.ends'), width: 105 },
      { key: 'amount', title: t('ui.contracts.col.amount'), width: 135, align: 'right', render: (_v, row) => (row.amount === null ? '' : formatMoney(row.amount, locale)) },
      { key: 'tags', title: t('ui.contracts.col.tags'), width: 160, render: (_v, row) => row.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
      { key: 'createdAt', title: t('ui.contracts.col.added'), width: 110, render: (_v, row) => row.createdAt.slice(0, 10) },
    ];
    // A plain checkbox column rather than antd's rowSelection, which walks every one of the 100,000 rows on each render.
    const chosen = new Set(selected);
    const loadedIds = () => [...rowsRef.current].filter((r) => !isPlaceholder(r)).map((r) => r.id);
    const tick: ColumnsType<ContractRow>[number] & { key: string } = {
      key: 'select', width: 48, fixed: 'left',
      title: <Checkbox
        aria-label={t('ui.contracts.selectAll')}
        checked={selected.length > 0 && selected.length === loadedIds().length}
        indeterminate={selected.length > 0 && selected.length < loadedIds().length}
        onChange={(e) => setSelected(e.target.checked ? loadedIds() : [])}
      />,
      render: (_v, row) => (isPlaceholder(row) ? null : (
        <Checkbox
          checked={chosen.has(row.id)}
          aria-label={t('ui.contracts.select', { name: row.displayName })}
          onChange={(e) => setSelected(e.target.checked ? [...selected, row.id] : selected.filter((id) => id !== row.id))}
        />
      )),
    };
    return [tick, ...all
      .filter((column) => !hidden.includes(column.key as ChoosableColumn))
      .map((column) => (Object.hasOwn(sortableColumns, column.key)
        // Controlled sort: the columns are rebuilt when the language changes, and antd would forget an uncontrolled one.
        ? { ...column, sorter: true, sortOrder: sort !== null && sort.columnKey === column.key ? sort.order : null }
        : column))];
  }, [t, locale, hidden, sort, openContract, selected, setSelected]);
  const width = columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0);

  // One array the length of the result: loaded rows where their window has arrived, placeholders elsewhere.
  const rows = useMemo(() => Array.from({ length: total ?? 0 }, (_, i) => contractAt(i) ?? placeholderRow(i)),
    // `version` changes whenever a window arrives.
    [total, version]);
  rowsRef.current = rows;

  // Stable props: the virtual table re-renders its visible rows only when these change, not on every scroll step.
  const onRow = useCallback((row: ContractRow, index?: number): HTMLAttributes<HTMLElement> => {
    if (isPlaceholder(row)) {
      // The table is about to show a row whose window has not arrived: fetch it (after this render).
      const at = index ?? 0;
      queueMicrotask(() => ensure(Math.max(0, at - PREFETCH_BEHIND), at + PREFETCH_AHEAD));
      return {};
    }
    return {
      draggable: true,
      onDragStart: (event) => startContractDrag(event.dataTransfer, selected.includes(row.id) ? selected : [row.id]),
      'data-contract-id': row.id,
    } as HTMLAttributes<HTMLElement>;
  }, [ensure, selected]);

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
        <FolderPanel />
        <TagPanel />
        <ContractFiltersPanel />
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
          <Table<ContractRow>
            virtual
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            onRow={onRow}
            onChange={(_pagination, _filters, sorter) => {
              const first = Array.isArray(sorter) ? sorter[0] : sorter;
              setSort(first?.order && first.columnKey !== undefined ? { columnKey: String(first.columnKey), order: first.order } : null);
            }}
            loading={loading && total === null}
            pagination={false}
            scroll={{ x: width, y: Math.max(120, height - HEADER_HEIGHT) }}
            locale={{ emptyText: <Empty description={t('ui.contracts.empty')} /> }}
            aria-label={t('ui.nav.contracts')}
          />
        </div>
      </div>
    </div>
  );
}

import { Button, Empty, Table, Typography } from 'antd';
import { useNavigationStore } from '../../app/navigationStore.ts';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef } from 'react';
import type { Contract } from '../../../src-shared/model/contract.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useElementHeight } from '../../app/useElementHeight.ts';
import { collatorFor } from '../../i18n/collator.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { useContractsStore } from './contractsStore.ts';
import { StatusBadge } from './StatusBadge.tsx';

// The table's own header row; the body gets the rest of the measured height.
const HEADER_HEIGHT = 56;
// Sum of the column widths: fits the content area of a 1280-pixel window; wider windows stretch the columns.
const TABLE_WIDTH = 1005;

/** Nulls (no date, no amount) sort after every value, whichever way the column is sorted. */
function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compare(a, b);
}

/**
 * Every contract in a virtualised table (only the visible rows exist in the DOM, so 100,000 rows
 * scroll as smoothly as 10), sortable by each column.
 */
export function ContractsPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { contracts, loading, problem, load, sort, setSort } = useContractsStore();
  const openContract = useNavigationStore((state) => state.openContract);
  const bodyRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(bodyRef);

  // Loaded once per unlock: this app is the vault's only writer while it is open (the vault lock, decision
  // 0004), and re-reading 100,000 rows on every visit would cost seconds. Refresh reloads on demand.
  const loaded = contracts !== null;
  useEffect(() => {
    if (!loaded) void load();
  }, [load, loaded]);

  const columns = useMemo<ColumnsType<Contract>>(() => {
    const collator = collatorFor(locale);
    const text = (a: string | null, b: string | null) => compareNullable(a, b, (x, y) => collator.compare(x, y));
    // ISO dates sort as plain strings: ten times faster than the collator over 100,000 rows.
    const isoDate = (a: string | null, b: string | null) => compareNullable(a, b, (x, y) => (x < y ? -1 : x > y ? 1 : 0));
    return [
      {
        key: 'displayName', dataIndex: 'displayName', title: t('ui.contracts.col.name'), width: 250, ellipsis: true,
        sorter: (a, b) => collator.compare(a.displayName, b.displayName),
        // A button, so the contract page opens from the keyboard as well as with the mouse.
        render: (_value, row) => (
          <Button type="link" size="small" className="cell-link" onClick={() => openContract({ contractId: row.id })}>{row.displayName}</Button>
        ),
      },
      {
        key: 'customer', dataIndex: 'customerName', title: t('ui.contracts.col.customer'), width: 180, ellipsis: true,
        sorter: (a, b) => text(a.customerName, b.customerName),
      },
      {
        key: 'type', dataIndex: 'type', title: t('ui.contracts.col.type'), width: 140,
        render: (_value, row) => t(`contractType.${row.type}`),
        sorter: (a, b) => collator.compare(t(`contractType.${a.type}`), t(`contractType.${b.type}`)),
      },
      {
        key: 'status', dataIndex: 'status', title: t('ui.contracts.col.status'), width: 100,
        render: (_value, row) => <StatusBadge status={row.status} />,
        sorter: (a, b) => collator.compare(a.status, b.status),
      },
      {
        key: 'signingDate', dataIndex: 'signingDate', title: t('ui.contracts.col.signed'), width: 105,
        sorter: (a, b) => isoDate(a.signingDate, b.signingDate),
      },
      {
        key: 'endDate', dataIndex: 'endDate', title: t('ui.contracts.col.ends'), width: 105,
        sorter: (a, b) => isoDate(a.endDate, b.endDate),
      },
      {
        key: 'amount', dataIndex: 'amount', title: t('ui.contracts.col.amount'), width: 125, align: 'right',
        render: (_value, row) => (row.amount === null ? '' : formatMoney(row.amount, locale)),
        // Amounts in different currencies are not comparable: group by currency, then by value.
        sorter: (a, b) => compareNullable(a.amount, b.amount, (x, y) => x.currency.localeCompare(y.currency) || x.minor - y.minor),
      },
    ];
  }, [t, locale, openContract]);
  // Controlled sort: the columns are rebuilt when the language changes, and antd would forget an uncontrolled one.
  const sortedColumns = useMemo(
    () => columns.map((column) => ({ ...column, sortOrder: sort !== null && sort.columnKey === column.key ? sort.order : null })),
    [columns, sort],
  );

  return (
    <div className="page-fill">
      <PageTitle
        extra={
          <>
            <Typography.Text>{contracts === null ? '' : t('ui.contracts.count', { count: contracts.length })}</Typography.Text>
            <Button onClick={() => void load()} loading={loading}>{t('ui.action.refresh')}</Button>
          </>
        }
      >
        {t('ui.nav.contracts')}
      </PageTitle>
      <ProblemAlert problem={problem} />
      <div className="table-fill" ref={bodyRef}>
        <Table<Contract>
          virtual
          size="middle"
          rowKey="id"
          columns={sortedColumns}
          dataSource={contracts ?? []}
          onChange={(_pagination, _filters, sorter) => {
            const first = Array.isArray(sorter) ? sorter[0] : sorter;
            setSort(first?.order && first.columnKey !== undefined ? { columnKey: String(first.columnKey), order: first.order } : null);
          }}
          loading={loading && contracts === null}
          pagination={false}
          scroll={{ x: TABLE_WIDTH, y: Math.max(120, height - HEADER_HEIGHT) }}
          locale={{ emptyText: <Empty description={t('ui.contracts.empty')} /> }}
          aria-label={t('ui.nav.contracts')}
        />
      </div>
    </div>
  );
}

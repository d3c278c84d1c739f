import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import type { CustomerSummary } from '../../../src-shared/model/customer.ts';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { collatorFor } from '../../i18n/collator.ts';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { DROP_CUSTOMER_ATTRIBUTE } from '../import/DropImportLayer.tsx';
import { AddCustomerModal } from './AddCustomerModal.tsx';
import { useCustomersStore } from './customersStore.ts';

/** Nulls sort after every value, whichever way the column is sorted. */
function compareNullableText(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The customers with their number of contracts, total contract value per currency and next expiry,
 * filtered as you type and sortable; a row opens the customer, and files dropped on a row are imported for it.
 */
export function CustomersPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const openCustomer = useNavigationStore((state) => state.openCustomer);
  const { customers, loading, problem, load } = useCustomersStore();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnsType<CustomerSummary>>(() => {
    const collator = collatorFor(locale);
    return [
      {
        key: 'name', dataIndex: 'name', title: t('ui.customers.col.name'), sorter: (a, b) => collator.compare(a.name, b.name), defaultSortOrder: 'ascend',
        render: (_value, row) => <Button type="link" className="link-cell" onClick={() => openCustomer(row.id)}>{row.name}</Button>,
      },
      { key: 'contracts', dataIndex: 'contractCount', title: t('ui.customers.col.contracts'), width: 110, align: 'right', sorter: (a, b) => a.contractCount - b.contractCount },
      {
        key: 'totals', title: t('ui.customers.col.totals'), width: 220, align: 'right',
        render: (_value, row) => row.totals.map((m) => <div key={m.currency}>{formatMoney(m, locale)}</div>),
        // Sorted by the first currency's total: mixed currencies have no common scale.
        sorter: (a, b) => (a.totals[0]?.currency ?? '').localeCompare(b.totals[0]?.currency ?? '') || (a.totals[0]?.minor ?? 0) - (b.totals[0]?.minor ?? 0),
      },
      { key: 'nextExpiry', dataIndex: 'nextExpiry', title: t('ui.customers.col.nextExpiry'), width: 130, sorter: (a, b) => compareNullableText(a.nextExpiry, b.nextExpiry) },
      { key: 'email', dataIndex: 'primaryEmail', title: t('ui.customers.col.email'), width: 240, ellipsis: true },
      { key: 'phone', dataIndex: 'primaryPhone', title: t('ui.customers.col.phone'), width: 160 },
    ];
  }, [t, locale, openCustomer]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    if (customers === null || needle === '') return customers ?? [];
    return customers.filter((c) => c.name.toLocaleLowerCase().includes(needle) || (c.primaryEmail ?? '').toLocaleLowerCase().includes(needle));
  }, [customers, filter]);

  return (
    <>
      <PageTitle
        extra={
          <>
            <Input
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              placeholder={t('ui.customers.filter')}
              aria-label={t('ui.customers.filter')}
              className="customers-filter"
            />
            <Button onClick={() => void load()} loading={loading}>{t('ui.action.refresh')}</Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t('ui.customers.add')}</Button>
          </>
        }
      >
        {t('ui.nav.customers')}
      </PageTitle>
      <ProblemAlert problem={problem} />
      <Table<CustomerSummary>
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={shown}
        // Each row takes files dropped on it for its customer (DropImportLayer).
        onRow={(record) => ({ [DROP_CUSTOMER_ATTRIBUTE]: record.id }) as HTMLAttributes<HTMLElement>}
        loading={loading && customers === null}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('ui.customers.empty')} /> }}
      />
      <AddCustomerModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(id) => {
          setAdding(false);
          openCustomer(id);
        }}
      />
    </>
  );
}

import { SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import type { CustomerSummary } from '../../../src-shared/model/customer.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { collatorFor } from '../../i18n/collator.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { DROP_CUSTOMER_ATTRIBUTE } from '../import/DropImportLayer.tsx';
import { useCustomersStore } from './customersStore.ts';

/** The customers with their number of contracts, filtered as you type and sortable. */
export function CustomersPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const { customers, loading, problem, load } = useCustomersStore();
  const [filter, setFilter] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo<ColumnsType<CustomerSummary>>(() => {
    const collator = collatorFor(locale);
    return [
      { key: 'name', dataIndex: 'name', title: t('ui.customers.col.name'), sorter: (a, b) => collator.compare(a.name, b.name), defaultSortOrder: 'ascend' },
      { key: 'contracts', dataIndex: 'contractCount', title: t('ui.customers.col.contracts'), width: 140, align: 'right', sorter: (a, b) => a.contractCount - b.contractCount },
      { key: 'email', dataIndex: 'primaryEmail', title: t('ui.customers.col.email'), width: 260, ellipsis: true },
      { key: 'phone', dataIndex: 'primaryPhone', title: t('ui.customers.col.phone'), width: 180 },
    ];
  }, [t, locale]);

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
    </>
  );
}

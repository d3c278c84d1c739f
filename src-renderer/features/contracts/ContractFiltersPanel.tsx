import { Button, DatePicker, Form, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { contractStatuses, contractTypes } from '../../../src-shared/model/contract.ts';
import { useT } from '../../i18n/useT.ts';
import { useCustomersStore } from '../customers/customersStore.ts';
import { useContractsStore } from './contractsStore.ts';

const ISO_DAY = 'YYYY-MM-DD';
const day = (value: string | undefined): Dayjs | null => (value === undefined ? null : dayjs(value, ISO_DAY));
const toMinor = (major: number | null): number | undefined => (major === null ? undefined : Math.round(major * 100));
const toMajor = (minor: number | undefined): number | null => (minor === undefined ? null : minor / 100);

/** The table's filter sidebar: customer, type, status, signing and end date ranges, amount range and currency; each change reloads. */
export function ContractFiltersPanel() {
  const t = useT();
  const filters = useContractsStore((state) => state.filters);
  const setFilters = useContractsStore((state) => state.setFilters);
  const clearFilters = useContractsStore((state) => state.clearFilters);
  const customers = useCustomersStore((state) => state.customers);
  const loadCustomers = useCustomersStore((state) => state.load);

  return (
    <section className="library-section" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="library-heading">{t('ui.search.filters')}</h2>
      <Form layout="vertical" size="small" className="contract-filters">
        <Form.Item label={t('ui.contracts.col.customer')} htmlFor="cf-customers">
          <Select
            id="cf-customers" mode="multiple" allowClear showSearch optionFilterProp="label"
            value={filters.customerIds ?? []} placeholder={t('ui.search.filter.any')}
            // The customers (with their figures, a scan of every contract) are read when the list is first opened, not with the table.
            onFocus={() => { if (customers === null) void loadCustomers(); }}
            onChange={(ids: string[]) => setFilters({ customerIds: ids.length === 0 ? undefined : ids })}
            options={(customers ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item label={t('ui.search.filter.type')} htmlFor="cf-types">
          <Select
            id="cf-types" mode="multiple" allowClear value={filters.types ?? []} placeholder={t('ui.search.filter.any')}
            onChange={(types) => setFilters({ types: types.length === 0 ? undefined : types })}
            options={contractTypes.map((type) => ({ value: type, label: t(`contractType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ui.search.filter.status')} htmlFor="cf-statuses">
          <Select
            id="cf-statuses" mode="multiple" allowClear value={filters.statuses ?? []} placeholder={t('ui.search.filter.any')}
            onChange={(statuses) => setFilters({ statuses: statuses.length === 0 ? undefined : statuses })}
            options={contractStatuses.map((status) => ({ value: status, label: t(`contractStatus.${status}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ui.search.filter.signed')} htmlFor="cf-signed">
          <DatePicker.RangePicker
            id={{ start: 'cf-signed', end: 'cf-signed-end' }} allowEmpty={[true, true]}
            value={[day(filters.signedFrom), day(filters.signedTo)]}
            placeholder={[t('ui.search.filter.from'), t('ui.search.filter.to')]}
            onChange={(dates) => setFilters({ signedFrom: dates?.[0]?.format(ISO_DAY), signedTo: dates?.[1]?.format(ISO_DAY) })}
          />
        </Form.Item>
        <Form.Item label={t('ui.contracts.filter.ends')} htmlFor="cf-ends">
          <DatePicker.RangePicker
            id={{ start: 'cf-ends', end: 'cf-ends-end' }} allowEmpty={[true, true]}
            value={[day(filters.endsFrom), day(filters.endsTo)]}
            placeholder={[t('ui.search.filter.from'), t('ui.search.filter.to')]}
            onChange={(dates) => setFilters({ endsFrom: dates?.[0]?.format(ISO_DAY), endsTo: dates?.[1]?.format(ISO_DAY) })}
          />
        </Form.Item>
        <Form.Item label={t('ui.contracts.filter.amount')}>
          <Space.Compact block>
            <InputNumber
              min={0} value={toMajor(filters.minAmountMinor)} aria-label={t('ui.contracts.filter.amountMin')} placeholder={t('ui.search.filter.from')}
              onChange={(v) => setFilters({ minAmountMinor: toMinor(v) })}
            />
            <InputNumber
              min={0} value={toMajor(filters.maxAmountMinor)} aria-label={t('ui.contracts.filter.amountMax')} placeholder={t('ui.search.filter.to')}
              onChange={(v) => setFilters({ maxAmountMinor: toMinor(v) })}
            />
            <Select
              allowClear value={filters.currency} aria-label={t('ui.contracts.filter.currency')} placeholder={t('ui.contracts.filter.currency')} className="currency-select"
              onChange={(currency?: string) => setFilters({ currency })}
              options={['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'].map((c) => ({ value: c, label: c }))}
            />
          </Space.Compact>
        </Form.Item>
        <Button onClick={clearFilters} block>{t('ui.search.filter.clear')}</Button>
      </Form>
    </section>
  );
}

import { Button, DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { contractStatuses, contractTypes } from '../../../src-shared/model/contract.ts';
import { useT } from '../../i18n/useT.ts';
import { useSearchStore } from './searchStore.ts';

const ISO_DAY = 'YYYY-MM-DD';

/** Filters beside the results: contract type, status and signing-date range; each change searches again. */
export function SearchFiltersPanel() {
  const t = useT();
  const filters = useSearchStore((state) => state.filters);
  const setFilters = useSearchStore((state) => state.setFilters);
  const clearFilters = useSearchStore((state) => state.clearFilters);
  const range: [Dayjs | null, Dayjs | null] = [
    filters.signedFrom === null ? null : dayjs(filters.signedFrom, ISO_DAY),
    filters.signedTo === null ? null : dayjs(filters.signedTo, ISO_DAY),
  ];
  return (
    <aside className="search-filters" aria-label={t('ui.search.filters')}>
      <Form layout="vertical">
        <Form.Item label={t('ui.search.filter.type')} htmlFor="filter-types">
          <Select
            id="filter-types"
            mode="multiple"
            allowClear
            value={filters.types}
            onChange={(types) => setFilters({ types })}
            placeholder={t('ui.search.filter.any')}
            options={contractTypes.map((type) => ({ value: type, label: t(`contractType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ui.search.filter.status')} htmlFor="filter-statuses">
          <Select
            id="filter-statuses"
            mode="multiple"
            allowClear
            value={filters.statuses}
            onChange={(statuses) => setFilters({ statuses })}
            placeholder={t('ui.search.filter.any')}
            options={contractStatuses.map((status) => ({ value: status, label: t(`contractStatus.${status}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ui.search.filter.signed')} htmlFor="filter-signed">
          <DatePicker.RangePicker
            id={{ start: 'filter-signed', end: 'filter-signed-end' }}
            allowEmpty={[true, true]}
            value={range}
            placeholder={[t('ui.search.filter.from'), t('ui.search.filter.to')]}
            onChange={(dates) => setFilters({
              signedFrom: dates?.[0]?.format(ISO_DAY) ?? null,
              signedTo: dates?.[1]?.format(ISO_DAY) ?? null,
            })}
          />
        </Form.Item>
        <Button onClick={clearFilters} block>{t('ui.search.filter.clear')}</Button>
      </Form>
    </aside>
  );
}

import dayjs, { type Dayjs } from 'dayjs';
import type { ContractDetail, ContractStatus, ContractType } from '../../../src-shared/model/contract.ts';
import { formatMoneyPlain } from '../../../src-shared/rules/money.ts';
import type { OperationRequest } from '../../../src-shared/api/operations.ts';

/** The changes the details form sends (`contracts.update` without the id). */
export type ContractChanges = Omit<OperationRequest<'contracts.update'>, 'id'>;

/** The details form's fields, as antd's controls hold them. */
export interface ContractFormValues {
  title: string;
  number: string;
  customerId: string | undefined;
  type: ContractType;
  status: ContractStatus;
  signingDate: Dayjs | null;
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  amountValue: string;
  currency: string;
  tags: string[];
  notes: string;
}

const date = (iso: string | null): Dayjs | null => (iso === null ? null : dayjs(iso));
const iso = (value: Dayjs | null | undefined): string | null => (value ? value.format('YYYY-MM-DD') : null);

/** The form's starting values from the stored contract. */
export function formValuesOf(detail: ContractDetail): ContractFormValues {
  return {
    title: detail.title,
    number: detail.number ?? '',
    customerId: detail.customerId ?? undefined,
    type: detail.type,
    status: detail.status,
    signingDate: date(detail.signingDate),
    startDate: date(detail.startDate),
    endDate: date(detail.endDate),
    amountValue: detail.amount ? formatMoneyPlain(detail.amount) : '',
    currency: detail.amount?.currency ?? '',
    tags: detail.tags,
    notes: detail.notes ?? '',
  };
}

/**
 * Only what the user changed: the backend records every field it is sent as set and confirmed by a
 * person, so sending unchanged fields would turn import's suggestions into confirmed values.
 */
export function changesOf(detail: ContractDetail, values: ContractFormValues): ContractChanges {
  const changes: ContractChanges = {};
  const title = values.title.trim();
  if (title !== detail.title) changes.title = title;
  const number = values.number.trim();
  if (number !== (detail.number ?? '')) changes.number = number === '' ? null : number;
  const customerId = values.customerId ?? null;
  if (customerId !== detail.customerId) changes.customer = customerId;
  if (values.type !== detail.type) changes.type = values.type;
  if (values.status !== detail.status) changes.status = values.status;
  for (const key of ['signingDate', 'startDate', 'endDate'] as const) {
    const next = iso(values[key]);
    if (next !== detail[key]) changes[key] = next;
  }
  const amountValue = values.amountValue.trim();
  const currency = values.currency.trim().toUpperCase();
  const before = detail.amount ? `${formatMoneyPlain(detail.amount)} ${detail.amount.currency}` : '';
  const after = amountValue === '' ? '' : `${amountValue} ${currency}`;
  if (after !== before) changes.amount = amountValue === '' ? null : { value: amountValue, currency };
  if (values.tags.join('\u0000') !== detail.tags.join('\u0000')) changes.tags = values.tags;
  const notes = values.notes;
  if (notes !== (detail.notes ?? '')) changes.notes = notes === '' ? null : notes;
  return changes;
}

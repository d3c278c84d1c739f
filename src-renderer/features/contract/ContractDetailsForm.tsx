import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { contractStatuses, contractTypes, type ContractDetail } from '../../../src-shared/model/contract.ts';
import { useT } from '../../i18n/useT.ts';
import { useCustomersStore } from '../customers/customersStore.ts';
import { changesOf, formValuesOf, type ContractFormValues } from './contractFormValues.ts';
import { useContractPageStore } from './contractPageStore.ts';

/** The contract's editable metadata; Save sends only the fields that changed. */
export function ContractDetailsForm({ detail }: { detail: ContractDetail }) {
  const t = useT();
  const [form] = Form.useForm<ContractFormValues>();
  const { saving, save } = useContractPageStore();
  const customers = useCustomersStore((state) => state.customers);
  const loadCustomers = useCustomersStore((state) => state.load);
  const [saved, setSaved] = useState(false);
  const initial = useMemo(() => formValuesOf(detail), [detail]);

  useEffect(() => {
    if (customers === null) void loadCustomers();
  }, [customers, loadCustomers]);
  useEffect(() => {
    form.setFieldsValue(initial);
  }, [form, initial]);

  const customerOptions = (customers ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (detail.customerId !== null && !customerOptions.some((o) => o.value === detail.customerId)) {
    customerOptions.push({ value: detail.customerId, label: detail.customerName ?? detail.customerId });
  }
  const date = <DatePicker format="YYYY-MM-DD" className="full-width" />;

  return (
    <Form<ContractFormValues>
      form={form}
      layout="vertical"
      className="contract-form"
      initialValues={initial}
      onValuesChange={() => setSaved(false)}
      onFinish={(values) => {
        const changes = changesOf(detail, values);
        if (Object.keys(changes).length === 0) return;
        void save(changes).then((ok) => setSaved(ok));
      }}
    >
      <Form.Item name="title" label={t('ui.contract.field.title')} rules={[{ required: true, whitespace: true, message: t('ui.contract.titleRequired') }]}>
        <Input />
      </Form.Item>
      <div className="form-row">
        <Form.Item name="number" label={t('ui.contract.field.number')}>
          <Input />
        </Form.Item>
        <Form.Item name="customerId" label={t('ui.contract.field.customer')}>
          <Select allowClear showSearch optionFilterProp="label" options={customerOptions} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="type" label={t('ui.contract.field.type')}>
          <Select options={contractTypes.map((type) => ({ value: type, label: t(`contractType.${type}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('ui.contract.field.status')}>
          <Select options={contractStatuses.map((status) => ({ value: status, label: t(`contractStatus.${status}`) }))} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="signingDate" label={t('ui.contract.field.signingDate')}>{date}</Form.Item>
        <Form.Item name="startDate" label={t('ui.contract.field.startDate')}>{date}</Form.Item>
        <Form.Item name="endDate" label={t('ui.contract.field.endDate')}>{date}</Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="amountValue" label={t('ui.contract.field.amount')} rules={[{ pattern: /^\s*\d[\d,]*(\.\d+)?\s*$/u, message: t('ui.contract.amountInvalid') }]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="currency"
          label={t('ui.contract.field.currency')}
          dependencies={['amountValue']}
          rules={[({ getFieldValue }) => ({
            validator: async (_rule, value: string) => {
              const amount = String(getFieldValue('amountValue') ?? '').trim();
              if (amount !== '' && !/^[A-Za-z]{3}$/u.test(value.trim())) throw new Error(t('ui.contract.currencyInvalid'));
            },
          })]}
        >
          <Input maxLength={3} className="currency-input" />
        </Form.Item>
      </div>
      <Form.Item name="tags" label={t('ui.contract.field.tags')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
      </Form.Item>
      <Form.Item name="notes" label={t('ui.contract.field.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>{t('ui.contract.save')}</Button>
        <Button onClick={() => form.setFieldsValue(initial)}>{t('ui.contract.revert')}</Button>
        {saved ? <span role="status">{t('ui.contract.saved')}</span> : null}
      </Space>
    </Form>
  );
}

import { ArrowLeftOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Form, Input, List, Space, Spin, Timeline, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Contact } from '../../../src-shared/model/customer.ts';
import { useNavigationStore } from '../../app/navigationStore.ts';
import { PageTitle } from '../../app/PageTitle.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { formatMoney } from '../../i18n/formatMoney.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { StatusBadge } from '../contracts/StatusBadge.tsx';
import { DROP_CUSTOMER_ATTRIBUTE } from '../import/DropImportLayer.tsx';
import { historyOrder, totalsByYear } from './customerHistory.ts';
import { CustomerTotalsChart } from './CustomerTotalsChart.tsx';
import { useCustomerPageStore } from './customerPageStore.ts';

interface ContactValues {
  name?: string;
  email?: string;
  phone?: string;
}

const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
/** A contact as `customers.update` takes it back (ids are new on every save). */
const asInput = (c: Contact) => ({ name: c.name, email: c.email, phone: c.phone, role: c.role });

/**
 * One customer: contacts and notes (editable), the full contract history as a timeline (signing date,
 * amount, status) and signed totals by year. Files dropped anywhere on the page are imported for this customer.
 */
export function CustomerPage() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const customerId = useNavigationStore((state) => state.customerId);
  const go = useNavigationStore((state) => state.go);
  const openContract = useNavigationStore((state) => state.openContract);
  const { customer, contracts, loading, saving, problem, load, save } = useCustomerPageStore();
  const [notes, setNotes] = useState<string | null>(null);
  const [contactForm] = Form.useForm<ContactValues>();

  useEffect(() => {
    if (customerId !== null) void load(customerId);
  }, [customerId, load]);
  // The import queue reloads this page's customer when a drop has finished.
  const history = useMemo(() => historyOrder(contracts ?? []), [contracts]);
  const totals = useMemo(() => totalsByYear(contracts ?? []), [contracts]);

  if (customerId === null) return null;
  if (customer === null) return loading ? <Spin aria-label={t('ui.app.loading')} /> : <ProblemAlert problem={problem} />;
  const notesDraft = notes ?? customer.notes ?? '';

  return (
    <div className="customer-page" {...{ [DROP_CUSTOMER_ATTRIBUTE]: customer.id }}>
      <PageTitle
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => go('customers')}>{t('ui.customer.back')}</Button>
            <Button onClick={() => void load(customer.id)} loading={loading}>{t('ui.action.refresh')}</Button>
          </>
        }
      >
        {customer.name}
      </PageTitle>
      <ProblemAlert problem={problem} />
      <Typography.Paragraph type="secondary">{t('ui.customer.dropHint')}</Typography.Paragraph>
      <div className="customer-grid">
        <Card title={<h2 className="card-heading">{t('ui.customer.contacts')}</h2>} size="small">
          <List<Contact>
            size="small"
            dataSource={customer.contacts}
            locale={{ emptyText: t('ui.customer.noContacts') }}
            renderItem={(contact) => (
              <List.Item
                actions={[
                  <Button
                    key="remove"
                    size="small"
                    type="text"
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('ui.customer.removeContact')}
                    onClick={() => void save({ contacts: customer.contacts.filter((c) => c.id !== contact.id).map(asInput) })}
                  />,
                ]}
              >
                <Descriptions size="small" column={1} items={[
                  ...(contact.name ? [{ key: 'name', label: t('ui.customers.field.name'), children: contact.name }] : []),
                  ...(contact.email ? [{ key: 'email', label: t('ui.customers.field.email'), children: contact.email }] : []),
                  ...(contact.phone ? [{ key: 'phone', label: t('ui.customers.field.phone'), children: contact.phone }] : []),
                ]} />
              </List.Item>
            )}
          />
          <Form
            form={contactForm}
            layout="inline"
            className="contact-form"
            onFinish={(values) => {
              const added = { name: orNull(values.name), email: orNull(values.email), phone: orNull(values.phone), role: null };
              if (added.name === null && added.email === null && added.phone === null) return;
              void save({ contacts: [...customer.contacts.map(asInput), added] }).then((ok) => ok && contactForm.resetFields());
            }}
          >
            <Form.Item name="name"><Input placeholder={t('ui.customers.field.name')} aria-label={t('ui.customer.contactName')} /></Form.Item>
            <Form.Item name="email" rules={[{ type: 'email', message: t('ui.customers.emailInvalid') }]}><Input placeholder={t('ui.customers.field.email')} aria-label={t('ui.customer.contactEmail')} /></Form.Item>
            <Form.Item name="phone"><Input placeholder={t('ui.customers.field.phone')} aria-label={t('ui.customer.contactPhone')} /></Form.Item>
            <Button htmlType="submit" loading={saving}>{t('ui.customer.addContact')}</Button>
          </Form>
        </Card>
        <Card title={<h2 className="card-heading">{t('ui.customers.field.notes')}</h2>} size="small">
          <Input.TextArea rows={5} value={notesDraft} maxLength={20_000} onChange={(e) => setNotes(e.target.value)} aria-label={t('ui.customers.field.notes')} />
          <Space className="notes-actions">
            <Button
              type="primary"
              loading={saving}
              disabled={notes === null || notes === (customer.notes ?? '')}
              onClick={() => void save({ notes: notesDraft.trim() === '' ? null : notesDraft }).then((ok) => ok && setNotes(null))}
            >
              {t('ui.customer.saveNotes')}
            </Button>
          </Space>
        </Card>
      </div>
      <div className="customer-grid">
        <Card title={<h2 className="card-heading">{t('ui.customer.history', { count: history.length })}</h2>} size="small" className="customer-history">
          {history.length === 0 ? <Empty description={t('ui.customer.noContracts')} /> : (
            <Timeline
              items={history.map((c) => ({
                key: c.id,
                children: (
                  <div className="timeline-entry" data-contract-id={c.id}>
                    <Button type="link" className="link-cell" onClick={() => openContract({ contractId: c.id })}>{c.displayName}</Button>
                    <div className="timeline-meta">
                      <span>{c.signingDate === null ? t('ui.customer.unsigned') : t('ui.customer.signedOn', { date: c.signingDate })}</span>
                      {c.amount === null ? null : <span>{formatMoney(c.amount, locale)}</span>}
                      <StatusBadge status={c.status} />
                    </div>
                  </div>
                ),
              }))}
            />
          )}
        </Card>
        <Card title={<h2 className="card-heading">{t('ui.customer.totalsByYear')}</h2>} size="small">
          {totals.size === 0 ? <Empty description={t('ui.customer.noTotals')} /> : [...totals].map(([currency, series]) => (
            <CustomerTotalsChart key={currency} currency={currency} series={series} locale={locale} label={t('ui.customer.totalsIn', { currency })} />
          ))}
        </Card>
      </div>
    </div>
  );
}

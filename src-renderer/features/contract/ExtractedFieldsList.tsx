import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Empty, List, Tag, Typography } from 'antd';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { useContractPageStore } from './contractPageStore.ts';
import { fieldLabel, fieldValueLabel } from './fieldValueLabel.ts';

/** What import found in the contract's text, each value with the snippet it came from and a Confirm control. */
export function ExtractedFieldsList({ detail }: { detail: ContractDetail }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const confirm = useContractPageStore((state) => state.confirm);
  return (
    <section className="extracted-fields" aria-labelledby="extracted-fields-title">
      <Typography.Title level={2} id="extracted-fields-title" className="section-title">{t('ui.contract.extracted.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ui.contract.extracted.help')}</Typography.Paragraph>
      {detail.fields.length === 0 ? (
        <Empty description={t('ui.contract.extracted.none')} />
      ) : (
        <List
          size="small"
          dataSource={detail.fields}
          renderItem={(field) => (
            <List.Item
              data-testid={`field-${field.field}`}
              actions={[
                field.confirmed ? (
                  <Tag key="confirmed" icon={<CheckCircleOutlined aria-hidden />} className="confirmed-tag">{t('ui.contract.extracted.confirmed')}</Tag>
                ) : (
                  <Button key="confirm" size="small" onClick={() => void confirm(field.field)} aria-label={t('ui.contract.extracted.confirmField', { field: fieldLabel(t, field.field) })}>
                    {t('ui.contract.extracted.confirm')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    <Typography.Text strong>{fieldLabel(t, field.field)}</Typography.Text>{' '}
                    <Typography.Text>{fieldValueLabel(t, locale, field.field, field.value)}</Typography.Text>{' '}
                    <Tag>{field.source === 'user' ? t('ui.contract.extracted.byUser') : t('ui.contract.extracted.byImport')}</Tag>
                  </span>
                }
                description={
                  field.snippet === null ? null : (
                    <figure className="field-snippet">
                      <blockquote>{field.snippet}</blockquote>
                      {field.page === null ? null : <figcaption>{t('ui.contract.extracted.page', { page: field.page })}</figcaption>}
                    </figure>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
    </section>
  );
}

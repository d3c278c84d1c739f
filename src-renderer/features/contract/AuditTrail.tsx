import { Button, Table } from 'antd';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import type { AuditEvent } from '../../../src-shared/model/auditEvent.ts';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT, type Translator } from '../../i18n/useT.ts';
import { useContractPageStore } from './contractPageStore.ts';
import { formatTimestamp } from './displayFormats.ts';
import { fieldLabel } from './fieldValueLabel.ts';

const actionLabels: Record<string, MessageKey> = {
  'contract.create': 'ui.audit.action.contractCreate',
  'contract.update': 'ui.audit.action.contractUpdate',
  'contract.confirmField': 'ui.audit.action.confirmField',
  'contract.view': 'ui.audit.action.contractView',
  'contract.mergedAway': 'ui.audit.action.mergedAway',
  'file.newVersion': 'ui.audit.action.newVersion',
  'file.export': 'ui.audit.action.export',
  'file.view': 'ui.audit.action.view',
  'file.viewText': 'ui.audit.action.viewText',
  'file.preview': 'ui.audit.action.preview',
};

/** What an event's details say, in words: the version it touched, the fields it changed. */
function describeDetails(t: Translator, detail: ContractDetail, event: AuditEvent): string {
  const parts: string[] = [];
  const versionId = event.details['versionId'];
  if (typeof versionId === 'string') {
    for (const file of detail.files) {
      const version = file.versions.find((v) => v.id === versionId);
      if (version) parts.push(t('ui.audit.version', { file: file.name, n: version.versionNo }));
    }
  }
  const fields = event.details['fields'] ?? event.details['field'];
  const list = Array.isArray(fields) ? fields : typeof fields === 'string' ? [fields] : [];
  if (list.length > 0) parts.push(list.map((f) => fieldLabel(t, String(f))).join(', '));
  return parts.join('; ');
}

/** The contract's entries in the vault's hash-chained audit log, newest first: who did what, and when. */
export function AuditTrail({ detail }: { detail: ContractDetail }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const audit = useContractPageStore((state) => state.audit);
  const reloadAudit = useContractPageStore((state) => state.reloadAudit);
  return (
    <div className="audit-trail">
      <Button onClick={() => void reloadAudit()} className="audit-refresh">{t('ui.action.refresh')}</Button>
      <Table<AuditEvent>
        size="small"
        rowKey="seq"
        dataSource={audit ?? []}
        loading={audit === null}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        aria-label={t('ui.contract.tab.history')}
        columns={[
          { key: 'at', title: t('ui.audit.col.at'), render: (_v, e) => formatTimestamp(e.at, locale), width: 190 },
          { key: 'actor', title: t('ui.audit.col.actor'), dataIndex: 'actor', width: 120 },
          { key: 'action', title: t('ui.audit.col.action'), render: (_v, e) => (actionLabels[e.action] ? t(actionLabels[e.action] as MessageKey) : e.action), width: 220 },
          { key: 'details', title: t('ui.audit.col.details'), render: (_v, e) => describeDetails(t, detail, e) },
        ]}
      />
    </div>
  );
}

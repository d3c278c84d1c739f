import { DiffOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import type { FileRole, FileVersion } from '../../../src-shared/model/contractFile.ts';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { ExportVersionButton } from './ExportVersionButton.tsx';
import { formatByteSize, formatTimestamp } from './displayFormats.ts';

const roleLabels: Record<FileRole, MessageKey> = {
  main: 'ui.contract.role.main',
  annex: 'ui.contract.role.annex',
  signed: 'ui.contract.role.signed',
  email: 'ui.contract.role.email',
};

/** The contract's files (main document, annexes, signed copy, the e-mail they came in), each with its version history. */
export function ContractFilesPanel({ detail, onView, onCompare }: { detail: ContractDetail; onView: (versionId: string) => void; onCompare: (fileId: string) => void }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  return (
    <div className="contract-files">
      {detail.files.map((file) => (
        <Card
          key={file.id}
          size="small"
          data-testid="contract-file"
          title={<Space><span>{file.name}</span><Tag>{t(roleLabels[file.role])}</Tag></Space>}
          extra={file.versions.length > 1 ? (
            <Button size="small" icon={<DiffOutlined aria-hidden />} onClick={() => onCompare(file.id)}>{t('ui.contract.compareVersions')}</Button>
          ) : null}
        >
          <Table<FileVersion>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={file.versions}
            aria-label={t('ui.contract.versionsOf', { file: file.name })}
            columns={[
              { key: 'versionNo', title: t('ui.contract.col.version'), render: (_v, v) => t('ui.contract.versionNo', { n: v.versionNo }), width: 110 },
              { key: 'createdAt', title: t('ui.contract.col.added'), render: (_v, v) => formatTimestamp(v.createdAt, locale), width: 180 },
              { key: 'format', title: t('ui.contract.col.format'), render: (_v, v) => v.format.toUpperCase(), width: 90 },
              { key: 'size', title: t('ui.contract.col.size'), render: (_v, v) => formatByteSize(v.size, locale), width: 100 },
              { key: 'pages', title: t('ui.contract.col.pages'), dataIndex: 'pageCount', width: 80 },
              {
                key: 'actions', title: t('ui.contract.col.actions'),
                render: (_v, v) => (
                  <Space>
                    <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => onView(v.id)} aria-label={t('ui.contract.viewVersion', { n: v.versionNo, file: file.name })}>
                      {t('ui.contract.view')}
                    </Button>
                    <ExportVersionButton contractId={detail.id} fileId={file.id} versionId={v.id} />
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
    </div>
  );
}

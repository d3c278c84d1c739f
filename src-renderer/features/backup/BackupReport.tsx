import { Alert, Table } from 'antd';
import type { MessageKey } from '../../../src-shared/i18n/en.ts';
import { translateReason } from '../../../src-shared/i18n/translate.ts';
import type { BackupProblem, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';

const partNames: Record<BackupProblem['part'], MessageKey> = {
  header: 'ui.backup.partName.header',
  trailer: 'ui.backup.partName.trailer',
  manifest: 'ui.backup.partName.manifest',
  'vault.json': 'ui.backup.partName.vaultHeader',
  database: 'ui.backup.partName.database',
  blob: 'ui.backup.partName.blob',
  unknown: 'ui.backup.partName.unknown',
  file: 'ui.backup.partName.file',
};

/** A verify report: intact, or each damaged part named (what, which item, why). */
export function BackupReport({ report }: { report: BackupVerifyReport }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  if (report.ok) {
    return <Alert type="success" showIcon className="backup-verify-ok" message={t('ui.backup.verifiedOk', { items: report.items, bytes: report.checkedBytes })} />;
  }
  return (
    <>
      <Alert type="error" showIcon className="backup-verify-damaged" message={t('ui.backup.verifiedDamaged', { problems: report.problems.length, verified: report.verifiedItems, items: report.items })} />
      <Table<BackupProblem>
        size="small"
        className="backup-problems"
        rowKey={(problem) => `${problem.part}-${problem.index ?? ''}-${problem.name ?? ''}-${problem.detail}`}
        pagination={false}
        dataSource={report.problems}
        columns={[
          { key: 'part', title: t('ui.backup.part'), render: (_v, problem) => t(partNames[problem.part]) },
          { key: 'name', title: t('ui.backup.itemName'), render: (_v, problem) => problem.name ?? (problem.index === null ? '—' : `#${problem.index}`) },
          { key: 'detail', title: t('ui.backup.detail'), render: (_v, problem) => translateReason(locale, problem.detail, problem.values) },
        ]}
      />
    </>
  );
}

import { Alert, Table } from 'antd';
import type { BackupProblem, BackupVerifyReport } from '../../../src-shared/model/backup.ts';
import { useT } from '../../i18n/useT.ts';

/** A verify report: intact, or each damaged part named (what, which item, why). */
export function BackupReport({ report }: { report: BackupVerifyReport }) {
  const t = useT();
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
          { key: 'part', title: t('ui.backup.part'), dataIndex: 'part' },
          { key: 'name', title: t('ui.backup.itemName'), render: (_v, problem) => problem.name ?? (problem.index === null ? '—' : `#${problem.index}`) },
          { key: 'detail', title: t('ui.backup.detail'), dataIndex: 'detail' },
        ]}
      />
    </>
  );
}

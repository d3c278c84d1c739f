import { Alert } from 'antd';
import { useT } from '../../i18n/useT.ts';

/**
 * After a restore: how many files had already changed on the vault's disk before the backup was made and
 * were restored as the vault held them (decision 0028). Nothing when there were none.
 */
export function RestoredChangedNotice({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  return <Alert type="warning" showIcon className="restore-changed-in-vault" message={t('ui.backup.restoredChangedInVault', { count })} />;
}

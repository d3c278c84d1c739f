import { InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { useBackupStore } from './backupStore.ts';

/** The warning threshold in days (settings.backupWarnDays), saved on blur or Enter. */
export function BackupWarnDaysSetting() {
  const t = useT();
  const stored = useBackupStore((state) => state.warnDays);
  const [days, setDays] = useState<number | null>(stored);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDays(stored), [stored]);
  const save = async (): Promise<void> => {
    if (days === null || !Number.isInteger(days) || days === stored) return;
    setSaved(await useBackupStore.getState().setWarnDays(days));
  };
  return (
    <Space align="center">
      <InputNumber
        id="backup-warn-days"
        min={0}
        max={366}
        precision={0}
        value={days}
        disabled={stored === null}
        addonAfter={t('ui.backup.days')}
        onChange={(value) => {
          setSaved(false);
          setDays(value);
        }}
        onBlur={() => void save()}
        onPressEnter={() => void save()}
      />
      {saved ? <Typography.Text type="success">{t('ui.settings.saved')}</Typography.Text> : null}
    </Space>
  );
}

import { Alert, Button, Card, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { useVaultStore } from './vaultStore.ts';

/**
 * The recovery key, shown once after the vault is created. The app goes on only when the user says
 * it is written down or printed; afterwards it is dropped from memory and can never be shown again.
 * Printing prints this card only (see `.recovery-sheet` in app.css).
 */
export function RecoveryKeyNotice({ recoveryKey }: { recoveryKey: string }) {
  const t = useT();
  const [confirmed, setConfirmed] = useState(false);
  const acknowledge = useVaultStore((state) => state.acknowledgeRecoveryKey);
  const vaultDir = useVaultStore((state) => state.vaultDir);
  return (
    <main className="gate">
      <Card className="gate-card recovery-sheet">
        <Typography.Title level={1}>{t('ui.recovery.title')}</Typography.Title>
        <Typography.Paragraph>{t('ui.recovery.intro')}</Typography.Paragraph>
        <Typography.Paragraph className="print-only">{t('ui.recovery.sheetVault', { dir: vaultDir })}</Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: recoveryKey }} className="recovery-key" data-testid="recovery-key">
          {/* Wraps only between groups, so a group is never split across lines when written down. */}
          <code>
            {recoveryKey.split('-').map((group, index) => (
              <span key={index} className="key-group">{index > 0 ? '-' : ''}{group}</span>
            ))}
          </code>
        </Typography.Paragraph>
        <Alert type="warning" showIcon message={t('ui.recovery.warning')} className="form-note" />
        <Space direction="vertical" className="no-print" size="middle">
          <Button onClick={() => window.print()}>{t('ui.recovery.print')}</Button>
          <Checkbox checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)}>
            {t('ui.recovery.confirm')}
          </Checkbox>
          <Button type="primary" disabled={!confirmed} onClick={acknowledge}>
            {t('ui.recovery.continue')}
          </Button>
        </Space>
      </Card>
    </main>
  );
}

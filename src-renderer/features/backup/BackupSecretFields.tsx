import { Form, Input, Radio } from 'antd';
import { useT } from '../../i18n/useT.ts';
import type { BackupSecretKind } from './backupSecret.ts';

/** The two form fields every backup card asks for: which secret, and the secret itself (`secretKind`, `secret`). */
export function BackupSecretFields({ idPrefix, isNew, optional }: { idPrefix: string; isNew?: boolean; optional?: boolean }) {
  const t = useT();
  const kind = Form.useWatch<BackupSecretKind | undefined>('secretKind');
  return (
    <>
      <Form.Item name="secretKind" label={t('ui.backup.secretKind')} initialValue="passphrase">
        <Radio.Group
          options={[
            { value: 'passphrase', label: t('ui.backup.secretPassphrase') },
            { value: 'recoveryKey', label: t('ui.backup.secretRecoveryKey') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="secret"
        htmlFor={`${idPrefix}-secret`}
        label={kind === 'recoveryKey' ? t('ui.backup.recoveryKey') : t('ui.backup.passphrase')}
        extra={kind === 'recoveryKey' ? t('ui.backup.recoveryKeyHelp') : isNew ? t('ui.backup.passphraseHelpNew') : undefined}
        rules={optional ? [] : [{ required: true, message: t('ui.settings.required') }]}
      >
        <Input.Password id={`${idPrefix}-secret`} autoComplete={isNew ? 'new-password' : 'off'} />
      </Form.Item>
    </>
  );
}

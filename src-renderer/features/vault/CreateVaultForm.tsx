import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { MIN_PASSPHRASE_LENGTH } from './passphraseStrength.ts';
import { PassphraseStrengthMeter } from './PassphraseStrengthMeter.tsx';
import { useVaultStore } from './vaultStore.ts';

interface CreateFields {
  vaultDir: string;
  passphrase: string;
  confirm: string;
}

/**
 * Creates a vault: its folder (typed, or chosen with Browse: the native dialog in Electron, the folder
 * picker modal in browser mode), the passphrase twice with a strength meter. The recovery key follows (RecoveryKeyNotice).
 */
export function CreateVaultForm() {
  const t = useT();
  const [form] = Form.useForm<CreateFields>();
  const [passphrase, setPassphrase] = useState('');
  const busy = useVaultStore((state) => state.busy);
  const create = useVaultStore((state) => state.create);
  return (
    <Form<CreateFields>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={busy}
      onFinish={(fields) => void create(fields.vaultDir.trim(), fields.passphrase)}
      onValuesChange={(changed: Partial<CreateFields>) => {
        if (changed.passphrase !== undefined) setPassphrase(changed.passphrase);
      }}
    >
      <Form.Item
        name="vaultDir"
        label={t('ui.vault.folder')}
        extra={t('ui.vault.folderHelpCreate')}
        rules={[{ required: true, whitespace: true, message: t('ui.vault.folderRequired') }]}
      >
        <FolderPathInput placeholder={t('ui.vault.folderPlaceholder')} pickerTitle={t('ui.folderPicker.title')} />
      </Form.Item>
      <Form.Item
        name="passphrase"
        label={t('ui.vault.passphrase')}
        rules={[
          { required: true, message: t('ui.vault.passphraseRequired') },
          { min: MIN_PASSPHRASE_LENGTH, message: t('error.PASSPHRASE_TOO_SHORT', { min: MIN_PASSPHRASE_LENGTH }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <PassphraseStrengthMeter passphrase={passphrase} />
      <Form.Item
        name="confirm"
        label={t('ui.vault.passphraseAgain')}
        dependencies={['passphrase']}
        rules={[
          { required: true, message: t('ui.vault.passphraseRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value === undefined || value === '' || value === getFieldValue('passphrase')) return;
              throw new Error(t('error.PASSPHRASE_MISMATCH'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Alert type="info" showIcon message={t('ui.vault.passphraseWarning')} className="form-note" />
      <Button type="primary" htmlType="submit" loading={busy} block>
        {busy ? t('ui.vault.creating') : t('ui.vault.create')}
      </Button>
    </Form>
  );
}

import { Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { FolderPathInput } from '../folders/FolderPathInput.tsx';
import { useVaultStore } from './vaultStore.ts';

type Method = 'passphrase' | 'recoveryKey';

interface UnlockFields {
  vaultDir: string;
  secret: string;
}

/** Opens an existing vault with its passphrase or, when that is forgotten, the printed recovery key; `initialDir` prefills the folder (a just-restored vault). */
export function UnlockVaultForm({ initialDir }: { initialDir?: string } = {}) {
  const t = useT();
  const [method, setMethod] = useState<Method>('passphrase');
  const busy = useVaultStore((state) => state.busy);
  const unlock = useVaultStore((state) => state.unlock);
  const rememberedDir = useVaultStore((state) => state.vaultDir);
  return (
    <Form<UnlockFields>
      // A second unlock form on the gate (the restored vault's) needs its own field ids.
      {...(initialDir === undefined ? {} : { name: 'unlockRestored' })}
      layout="vertical"
      requiredMark={false}
      disabled={busy}
      initialValues={{ vaultDir: initialDir ?? rememberedDir, secret: '' }}
      onFinish={(fields) => {
        const secret = method === 'passphrase' ? { passphrase: fields.secret } : { recoveryKey: fields.secret.trim() };
        void unlock(fields.vaultDir.trim(), secret);
      }}
    >
      <Form.Item name="vaultDir" label={t('ui.vault.folder')} rules={[{ required: true, whitespace: true, message: t('ui.vault.folderRequired') }]}>
        <FolderPathInput placeholder={t('ui.vault.folderPlaceholder')} pickerTitle={t('ui.folderPicker.title')} />
      </Form.Item>
      <Form.Item label={t('ui.vault.unlockWith')}>
        <Radio.Group
          optionType="button"
          value={method}
          onChange={(event) => setMethod(event.target.value as Method)}
          options={[
            { value: 'passphrase', label: t('ui.vault.passphrase') },
            { value: 'recoveryKey', label: t('ui.vault.recoveryKey') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="secret"
        label={method === 'passphrase' ? t('ui.vault.passphrase') : t('ui.vault.recoveryKey')}
        rules={[{ required: true, message: method === 'passphrase' ? t('ui.vault.passphraseRequired') : t('ui.vault.recoveryKeyRequired') }]}
      >
        {method === 'passphrase' ? (
          <Input.Password autoComplete="current-password" />
        ) : (
          <Input autoComplete="off" spellCheck={false} placeholder={t('ui.vault.recoveryKeyPlaceholder')} className="monospace" />
        )}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {busy ? t('ui.vault.unlocking') : t('ui.vault.unlock')}
      </Button>
    </Form>
  );
}

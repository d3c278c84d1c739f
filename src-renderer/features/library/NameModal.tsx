import { Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';

/** A small dialog asking for one name (a new folder, a renamed folder). */
export function NameModal({ title, label, initial, onOk, onCancel }: { title: string; label: string; initial: string; onOk: (name: string) => void; onCancel: () => void }) {
  const t = useT();
  const [name, setName] = useState(initial);
  const valid = name.trim() !== '' && !/[/\\]/u.test(name);
  return (
    <Modal open title={title} okText={t('ui.action.save')} cancelText={t('ui.action.cancel')} okButtonProps={{ disabled: !valid }} onOk={() => valid && onOk(name.trim())} onCancel={onCancel} destroyOnHidden>
      <Input autoFocus value={name} maxLength={200} aria-label={label} placeholder={label} onChange={(e) => setName(e.target.value)} onPressEnter={() => valid && onOk(name.trim())} />
    </Modal>
  );
}

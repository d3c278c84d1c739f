import { Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { TagSummary } from '../../../src-shared/model/folder.ts';
import { useT } from '../../i18n/useT.ts';

/** Renames a tag on every contract carrying it (`tags.rename`); renaming onto an existing tag merges the two. */
export function RenameTagModal({ tags, initial, onOk, onCancel }: { tags: readonly TagSummary[]; initial: string | null; onOk: (from: string, to: string) => void; onCancel: () => void }) {
  const t = useT();
  const [from, setFrom] = useState<string | null>(initial ?? tags[0]?.name ?? null);
  const [to, setTo] = useState('');
  const valid = from !== null && to.trim() !== '' && to.trim() !== from;
  const submit = () => {
    if (valid) onOk(from, to.trim());
  };
  return (
    <Modal open title={t('ui.library.renameTag')} okText={t('ui.action.save')} cancelText={t('ui.action.cancel')} okButtonProps={{ disabled: !valid }} onOk={submit} onCancel={onCancel} destroyOnHidden>
      <label className="modal-label" htmlFor="rename-tag-from">{t('ui.library.renameTagFrom')}</label>
      <Select
        id="rename-tag-from" className="modal-select" showSearch value={from ?? undefined} onChange={setFrom}
        options={tags.map((tag) => ({ value: tag.name, label: t('ui.library.tagCount', { name: tag.name, count: tag.contractCount }) }))}
      />
      <label className="modal-label" htmlFor="rename-tag-to">{t('ui.library.renameTagTo')}</label>
      <Input id="rename-tag-to" autoFocus value={to} maxLength={100} onChange={(e) => setTo(e.target.value)} onPressEnter={submit} />
    </Modal>
  );
}

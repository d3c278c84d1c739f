import { ExportOutlined, FolderOpenOutlined, TagsOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Select, Space, TreeSelect, Typography } from 'antd';
import type { OperationResult } from '../../../src-shared/api/operations.ts';
import { problemMessage } from '../../i18n/problemMessage.ts';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useState } from 'react';
import { useT } from '../../i18n/useT.ts';
import { selectionCount, selectionRequest, useContractsStore } from '../contracts/contractsStore.ts';
import { folderNodes, type FolderNode } from './folderTree.ts';
import { useLibraryStore } from './libraryStore.ts';

const NONE = 'none';

interface TreeOption { value: string; title: string; children: TreeOption[] }
const toOption = (node: FolderNode): TreeOption => ({ value: node.folder.id, title: node.folder.name, children: node.children.map(toOption) });

/** Actions on the ticked rows: add or remove tags, move to a folder. */
export function BulkActions() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const selected = useContractsStore((state) => state.selected);
  const allMatching = useContractsStore((state) => state.allMatching);
  const total = useContractsStore((state) => state.total);
  const filters = useContractsStore((state) => state.filters);
  const selectAllMatching = useContractsStore((state) => state.selectAllMatching);
  const folders = useLibraryStore((state) => state.folders);
  const tags = useLibraryStore((state) => state.tags);
  const change = useLibraryStore((state) => state.change);
  const busy = useLibraryStore((state) => state.busy);
  const [dialog, setDialog] = useState<'tag' | 'move' | 'export' | null>(null);
  const [outDir, setOutDir] = useState('');
  const [exportOutcome, setExportOutcome] = useState<OperationResult<'contracts.exportMany'> | null>(null);
  const [tagsToAdd, setTagsToAdd] = useState<string[]>([]);
  const [tagsToRemove, setTagsToRemove] = useState<string[]>([]);
  const [target, setTarget] = useState<string>(NONE);
  const count = selectionCount({ selected, allMatching, total });
  if (count === 0) return null;
  // Listed ids, or "all matching the filters except the un-ticked", resolved by the backend.
  const selection = selectionRequest({ selected, allMatching, filters });
  const close = () => {
    setDialog(null);
    setTagsToAdd([]);
    setTagsToRemove([]);
    setExportOutcome(null);
  };
  return (
    <div className="bulk-actions" role="toolbar" aria-label={t('ui.library.bulk')}>
      <Typography.Text strong>{allMatching && selected.length === 0 ? t('ui.library.allMatchingSelected', { count }) : t('ui.library.selected', { count })}</Typography.Text>
      <Space>
        <Button icon={<TagsOutlined aria-hidden />} onClick={() => setDialog('tag')}>{t('ui.library.bulkTag')}</Button>
        <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => setDialog('move')}>{t('ui.library.bulkMove')}</Button>
        <Button icon={<ExportOutlined aria-hidden />} onClick={() => setDialog('export')}>{t('ui.library.bulkExport')}</Button>
        <Button type="link" onClick={() => selectAllMatching(false)}>{t('ui.library.clearSelection')}</Button>
      </Space>
      <Modal
        open={dialog === 'tag'} title={t('ui.library.bulkTagTitle', { count })} okText={t('ui.action.save')} cancelText={t('ui.action.cancel')}
        okButtonProps={{ disabled: tagsToAdd.length + tagsToRemove.length === 0, loading: busy }} onCancel={close} destroyOnHidden
        onOk={() => void change('contracts.bulkTag', { ...selection, ...(tagsToAdd.length ? { add: tagsToAdd } : {}), ...(tagsToRemove.length ? { remove: tagsToRemove } : {}) }).then((done) => done && close())}
      >
        <label className="modal-label" htmlFor="bulk-add-tags">{t('ui.library.addTags')}</label>
        <Select id="bulk-add-tags" mode="tags" className="modal-select" value={tagsToAdd} onChange={setTagsToAdd} options={(tags ?? []).map((tag) => ({ value: tag.name, label: tag.name }))} />
        <label className="modal-label" htmlFor="bulk-remove-tags">{t('ui.library.removeTags')}</label>
        <Select id="bulk-remove-tags" mode="multiple" className="modal-select" value={tagsToRemove} onChange={setTagsToRemove} options={(tags ?? []).map((tag) => ({ value: tag.name, label: tag.name }))} />
      </Modal>
      <Modal
        open={dialog === 'move'} title={t('ui.library.bulkMoveTitle', { count })} okText={t('ui.library.bulkMove')} cancelText={t('ui.action.cancel')}
        okButtonProps={{ loading: busy }} onCancel={close} destroyOnHidden
        onOk={() => void change('contracts.move', { ...selection, folderId: target === NONE ? null : target }).then((done) => done && close())}
      >
        <label className="modal-label" htmlFor="bulk-move-target">{t('ui.library.folder')}</label>
        <TreeSelect
          id="bulk-move-target" className="modal-select" value={target} onChange={setTarget} treeDefaultExpandAll
          treeData={[{ value: NONE, title: t('ui.library.noFolder'), children: [] }, ...folderNodes(folders ?? []).map(toOption)]}
        />
      </Modal>
      <Modal
        open={dialog === 'export'} title={t('ui.library.bulkExportTitle', { count })} okText={t('ui.library.bulkExport')} cancelText={t('ui.action.close')}
        okButtonProps={{ disabled: outDir.trim() === '' || exportOutcome !== null, loading: busy }} onCancel={close} destroyOnHidden
        onOk={() => void change('contracts.exportMany', { ...selection, outDir: outDir.trim() }).then((done) => done && setExportOutcome(done))}
      >
        <label className="modal-label" htmlFor="bulk-export-dir">{t('ui.library.exportFolder')}</label>
        <Input id="bulk-export-dir" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder={t('ui.library.exportFolderHint')} />
        {exportOutcome === null ? null : (
          <div role="status" className="export-outcome">
            <Typography.Paragraph>{t('ui.library.exported', { count: exportOutcome.exported.length })}</Typography.Paragraph>
            {exportOutcome.failed.length === 0 ? null : (
              <ul>
                {exportOutcome.failed.map((f) => <li key={f.contractId}>{problemMessage(locale, { kind: 'operation', code: f.error.code, params: f.error.params })}</li>)}
              </ul>
            )}
          </div>
        )}
      </Modal>
    </div>
  );
}

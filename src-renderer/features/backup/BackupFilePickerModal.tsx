import { ArrowUpOutlined, FileProtectOutlined, FolderOutlined, HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, List, Modal, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FileListing, ListedFile } from '../../../src-shared/model/fileListing.ts';
import type { ListedFolder } from '../../../src-shared/model/folderListing.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useLocaleStore } from '../../i18n/localeStore.ts';
import { useT } from '../../i18n/useT.ts';
import { formatByteSize, formatTimestamp } from '../contract/displayFormats.ts';
import { folderBreadcrumbs } from '../folders/folderBreadcrumbs.ts';

type Entry = { kind: 'folder'; folder: ListedFolder } | { kind: 'file'; file: ListedFile };

/**
 * Browser mode's `.cvbackup` file picker over `fs.listFiles`: like the folder picker (breadcrumbs, up,
 * home, drives), with the folder's backup files listed after its subfolders; no other file is ever named
 * (the backend lists only `.cvbackup`). A click on a folder opens it, on a file picks it.
 */
export function BackupFilePickerModal({ open, title, start, onPick, onCancel }: {
  open: boolean;
  title: string;
  start?: string;
  onPick: (path: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const [listing, setListing] = useState<FileListing | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);

  const show = useCallback(async (path: string | undefined): Promise<boolean> => {
    setLoading(true);
    const outcome = await callApi(appApi, 'fs.listFiles', path === undefined ? { kind: 'cvbackup' } : { path, kind: 'cvbackup' });
    setLoading(false);
    if (outcome.ok) {
      setListing(outcome.value);
      setProblem(null);
      return true;
    }
    setProblem(outcome.problem);
    return false;
  }, []);

  useEffect(() => {
    if (!open) return;
    void (async () => {
      const places = await callApi(appApi, 'fs.listFiles', { kind: 'cvbackup' });
      if (!places.ok) return setProblem(places.problem);
      // A typed path that is not a folder is not an error here: the picker starts at home instead.
      if (start !== undefined && start.trim() !== '') {
        const atStart = await callApi(appApi, 'fs.listFiles', { path: start.trim(), kind: 'cvbackup' });
        if (atStart.ok) return setListing(atStart.value);
      }
      await show(places.value.home);
    })();
  }, [open, start, show]);

  const current = listing?.path ?? null;
  const entries: Entry[] = [
    ...(listing?.folders ?? []).map((folder): Entry => ({ kind: 'folder', folder })),
    ...(listing?.files ?? []).map((file): Entry => ({ kind: 'file', file })),
  ];
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
      footer={[<Button key="cancel" onClick={onCancel}>{t('ui.folderPicker.cancel')}</Button>]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
        <Space wrap>
          <Button icon={<ArrowUpOutlined aria-hidden />} disabled={listing?.parent == null} onClick={() => listing?.parent != null && void show(listing.parent)}>
            {t('ui.folderPicker.up')}
          </Button>
          <Button icon={<HomeOutlined aria-hidden />} disabled={listing === null} onClick={() => listing !== null && void show(listing.home)}>
            {t('ui.folderPicker.home')}
          </Button>
          {listing !== null && listing.roots.length > 0 ? (
            <Select
              aria-label={t('ui.folderPicker.roots')}
              placeholder={t('ui.folderPicker.roots')}
              style={{ minWidth: 120 }}
              value={null}
              options={listing.roots.map((root) => ({ value: root, label: root }))}
              onChange={(root: string | null) => root !== null && void show(root)}
            />
          ) : null}
        </Space>
        <nav aria-label={t('ui.folderPicker.location')}>
          <Breadcrumb
            items={folderBreadcrumbs(current ?? '').map((crumb) => ({
              key: crumb.path,
              title: (
                <Button type="link" size="small" className="crumb-button" onClick={() => void show(crumb.path)}>
                  {crumb.label}
                </Button>
              ),
            }))}
          />
        </nav>
        <Typography.Text type="secondary">{t('ui.backupFilePicker.help')}</Typography.Text>
        <List
          className="folder-picker-list backup-file-picker-list"
          size="small"
          bordered
          loading={loading}
          dataSource={entries}
          locale={{ emptyText: <Typography.Text type="secondary">{t('ui.backupFilePicker.empty')}</Typography.Text> }}
          style={{ maxHeight: 320, overflowY: 'auto' }}
          renderItem={(entry) => (
            <List.Item>
              {entry.kind === 'folder' ? (
                <Button type="text" icon={<FolderOutlined aria-hidden />} onClick={() => void show(entry.folder.path)} className="folder-picker-entry">
                  {entry.folder.name}
                </Button>
              ) : (
                <Button
                  type="text" icon={<FileProtectOutlined aria-hidden />} className="folder-picker-entry backup-file-entry"
                  onClick={() => onPick(entry.file.path)}
                >
                  {entry.file.name}
                  <Typography.Text type="secondary" className="backup-file-meta">
                    {t('ui.backupFilePicker.fileMeta', { size: formatByteSize(entry.file.bytes, locale), date: formatTimestamp(entry.file.modifiedAt, locale) })}
                  </Typography.Text>
                </Button>
              )}
            </List.Item>
          )}
        />
        {listing?.truncated ? <Typography.Text type="secondary">{t('ui.folderPicker.truncated')}</Typography.Text> : null}
      </Space>
    </Modal>
  );
}

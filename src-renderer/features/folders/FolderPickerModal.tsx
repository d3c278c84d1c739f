import { ArrowUpOutlined, FolderOutlined, HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Input, List, Modal, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FolderListing } from '../../../src-shared/model/folderListing.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { useT } from '../../i18n/useT.ts';
import { folderBreadcrumbs } from './folderBreadcrumbs.ts';

/**
 * Browser mode's folder picker over `fs.listFolders`: breadcrumbs, up, home, drives, the subfolders
 * (never files), and "New folder". Opens at `start` when it is a folder, else at the home folder.
 */
export function FolderPickerModal({ open, title, start, onPick, onCancel }: {
  open: boolean;
  title: string;
  start?: string;
  onPick: (path: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [newName, setNewName] = useState('');
  const [loading, setLoading] = useState(false);

  const show = useCallback(async (path: string | undefined): Promise<boolean> => {
    setLoading(true);
    const outcome = await callApi(appApi, 'fs.listFolders', path === undefined ? {} : { path });
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
    setNewName('');
    void (async () => {
      const places = await callApi(appApi, 'fs.listFolders', {});
      if (!places.ok) return setProblem(places.problem);
      // A typed path that is not (yet) a folder is not an error here: the picker starts at home instead.
      if (start !== undefined && start.trim() !== '') {
        const atStart = await callApi(appApi, 'fs.listFolders', { path: start.trim() });
        if (atStart.ok) return setListing(atStart.value);
      }
      await show(places.value.home);
    })();
  }, [open, start, show]);

  const createFolder = async (): Promise<void> => {
    if (listing?.path == null || newName.trim() === '') return;
    const outcome = await callApi(appApi, 'fs.createFolder', { parent: listing.path, name: newName.trim() });
    if (!outcome.ok) return setProblem(outcome.problem);
    setNewName('');
    await show(outcome.value.path);
  };

  const current = listing?.path ?? null;
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>{t('ui.folderPicker.cancel')}</Button>,
        <Button key="choose" type="primary" disabled={current === null} onClick={() => current !== null && onPick(current)}>
          {t('ui.folderPicker.choose')}
        </Button>,
      ]}
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
        <List
          className="folder-picker-list"
          size="small"
          bordered
          loading={loading}
          dataSource={listing?.folders ?? []}
          locale={{ emptyText: <Typography.Text type="secondary">{t('ui.folderPicker.empty')}</Typography.Text> }}
          style={{ maxHeight: 320, overflowY: 'auto' }}
          renderItem={(folder) => (
            <List.Item>
              <Button type="text" icon={<FolderOutlined aria-hidden />} onClick={() => void show(folder.path)} className="folder-picker-entry">
                {folder.name}
              </Button>
            </List.Item>
          )}
        />
        {listing?.truncated ? <Typography.Text type="secondary">{t('ui.folderPicker.truncated')}</Typography.Text> : null}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('ui.folderPicker.newFolderName')}
            placeholder={t('ui.folderPicker.newFolderName')}
            value={newName}
            maxLength={200}
            disabled={current === null}
            onChange={(event) => setNewName(event.target.value)}
            onPressEnter={() => void createFolder()}
          />
          <Button disabled={current === null || newName.trim() === ''} onClick={() => void createFolder()}>
            {t('ui.folderPicker.newFolder')}
          </Button>
        </Space.Compact>
        {current !== null ? <Typography.Text type="secondary">{t('ui.folderPicker.chosen', { path: current })}</Typography.Text> : null}
      </Space>
    </Modal>
  );
}

import { DeleteOutlined, EditOutlined, FolderAddOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type DragEvent } from 'react';
import { useT } from '../../i18n/useT.ts';
import { selectionRequest, useContractsStore } from '../contracts/contractsStore.ts';

type ContractSelection = ReturnType<typeof selectionRequest>;
import { carriesContracts, carriesSelection, droppedContractIds } from './contractDrag.ts';
import { folderNodes, subtreeCount, type FolderNode } from './folderTree.ts';
import { useLibraryStore } from './libraryStore.ts';
import { NameModal } from './NameModal.tsx';

const ALL = 'all';
const NONE = 'none';

/** A tree node's label that also takes contracts dropped on it from the table. */
function DropTarget({ folderId, label, onMove }: { folderId: string | null; label: string; onMove: (selection: ContractSelection, folderId: string | null) => void }) {
  const [over, setOver] = useState(false);
  const accept = (event: DragEvent) => {
    if (!carriesContracts(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  return (
    <span
      className={over ? 'folder-drop folder-drop-active' : 'folder-drop'}
      data-drop-folder={folderId ?? NONE}
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        if (!carriesContracts(event.dataTransfer)) return;
        event.preventDefault();
        // Dropping stops here: the tree's own drag-and-drop (folders) must not see a contracts drop.
        event.stopPropagation();
        if (carriesSelection(event.dataTransfer)) {
          onMove(selectionRequest(useContractsStore.getState()), folderId);
          return;
        }
        const ids = droppedContractIds(event.dataTransfer);
        if (ids.length > 0) onMove({ ids }, folderId);
      }}
    >
      {label}
    </span>
  );
}

/**
 * The document-management view: the folder tree (with "all contracts" and "in no folder"), used as the
 * table's folder filter; folders are added, renamed and removed here, and contracts dragged from the
 * table onto a folder move into it.
 */
export function FolderPanel() {
  const t = useT();
  const folders = useLibraryStore((state) => state.folders);
  const change = useLibraryStore((state) => state.change);
  const folderFilter = useContractsStore((state) => state.filters.folder);
  const setFilters = useContractsStore((state) => state.setFilters);
  const [dialog, setDialog] = useState<'add' | 'rename' | null>(null);
  const selectedKey = folderFilter ?? ALL;
  const selectedFolder = folders?.find((f) => f.id === folderFilter) ?? null;

  const move = (selection: ContractSelection, folderId: string | null) => void change('contracts.move', { ...selection, folderId });
  const treeData = useMemo<DataNode[]>(() => {
    const toNode = (node: FolderNode): DataNode => ({
      key: node.key,
      title: <DropTarget folderId={node.folder.id} label={t('ui.library.folderCount', { name: node.folder.name, count: subtreeCount(node) })} onMove={move} />,
      children: node.children.map(toNode),
    });
    return [
      { key: ALL, title: t('ui.library.allContracts') },
      { key: NONE, title: <DropTarget folderId={null} label={t('ui.library.noFolder')} onMove={move} /> },
      ...folderNodes(folders ?? []).map(toNode),
    ];
    // `move` only closes over the store's stable `change`.
  }, [folders, t]);

  return (
    <section className="library-section" aria-labelledby="folders-heading">
      <div className="library-section-head">
        <Typography.Title level={2} id="folders-heading" className="library-heading">{t('ui.library.folders')}</Typography.Title>
        <Space size={2}>
          <Button size="small" type="text" icon={<FolderAddOutlined aria-hidden />} aria-label={t('ui.library.addFolder')} title={t('ui.library.addFolder')} onClick={() => setDialog('add')} />
          <Button size="small" type="text" icon={<EditOutlined aria-hidden />} aria-label={t('ui.library.renameFolder')} title={t('ui.library.renameFolder')} disabled={selectedFolder === null} onClick={() => setDialog('rename')} />
          <Popconfirm
            title={t('ui.library.removeFolderConfirm', { name: selectedFolder?.name ?? '' })}
            okText={t('ui.library.removeFolder')}
            cancelText={t('ui.action.cancel')}
            disabled={selectedFolder === null}
            onConfirm={() => {
              if (selectedFolder === null) return;
              void change('folders.remove', { id: selectedFolder.id }).then((done) => done && setFilters({ folder: undefined, includeSubfolders: undefined }));
            }}
          >
            <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={t('ui.library.removeFolder')} title={t('ui.library.removeFolder')} disabled={selectedFolder === null} />
          </Popconfirm>
        </Space>
      </div>
      <Tree
        className="folder-tree"
        blockNode
        defaultExpandAll
        // Folders drag within the tree (onto a folder: inside it; between folders: beside it; onto "All
        // contracts" or "In no folder": to the top level). The two fixed entries do not move.
        draggable={{ icon: false, nodeDraggable: (node) => node.key !== ALL && node.key !== NONE }}
        allowDrop={({ dropNode, dropPosition }) => !((dropNode.key === ALL || dropNode.key === NONE) && dropPosition !== 0)}
        onDrop={(info) => {
          const dragged = String(info.dragNode.key);
          const target = String(info.node.key);
          const parentId = target === ALL || target === NONE ? null
            : info.dropToGap ? folders?.find((f) => f.id === target)?.parentId ?? null : target;
          const current = folders?.find((f) => f.id === dragged)?.parentId ?? null;
          if (parentId !== current) void change('folders.move', { id: dragged, parentId });
        }}
        selectedKeys={[selectedKey]}
        treeData={treeData}
        onSelect={(keys) => {
          const key = String(keys[0] ?? ALL);
          setFilters(key === ALL ? { folder: undefined, includeSubfolders: undefined } : key === NONE ? { folder: 'none', includeSubfolders: undefined } : { folder: key, includeSubfolders: true });
        }}
      />
      {dialog === null ? null : (
        <NameModal
          title={dialog === 'add' ? t('ui.library.addFolder') : t('ui.library.renameFolder')}
          label={t('ui.library.folderName')}
          initial={dialog === 'rename' ? selectedFolder?.name ?? '' : ''}
          onCancel={() => setDialog(null)}
          onOk={(name) => {
            setDialog(null);
            if (dialog === 'add') void change('folders.add', { name, parentId: selectedFolder?.id ?? null });
            else if (selectedFolder !== null) void change('folders.rename', { id: selectedFolder.id, name });
          }}
        />
      )}
    </section>
  );
}

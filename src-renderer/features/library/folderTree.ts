import type { Folder } from '../../../src-shared/model/folder.ts';

/** A folder as a node of antd's Tree. */
export interface FolderNode {
  key: string;
  folder: Folder;
  children: FolderNode[];
}

/** Builds the tree from the flat list, siblings in the list's order (by name); an orphan (parent gone) shows at the top. */
export function folderNodes(folders: readonly Folder[]): FolderNode[] {
  const nodes = new Map(folders.map((f) => [f.id, { key: f.id, folder: f, children: [] as FolderNode[] }]));
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentId === null ? undefined : nodes.get(node.folder.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The contracts in a folder and all its subfolders. */
export function subtreeCount(node: FolderNode): number {
  return node.children.reduce((sum, child) => sum + subtreeCount(child), node.folder.contractCount);
}

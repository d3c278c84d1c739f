import { describe, expect, it } from 'vitest';
import { folderNodes, subtreeCount } from '../../../src-renderer/features/library/folderTree.ts';

describe('folder tree', () => {
  it('nests folders under their parents, keeps sibling order, and counts a subtree', () => {
    const tree = folderNodes([
      { id: 'a', name: '2024', parentId: 'c', contractCount: 2 },
      { id: 'b', name: '2025', parentId: 'c', contractCount: 3 },
      { id: 'c', name: 'Clients', parentId: null, contractCount: 1 },
      { id: 'd', name: 'Q1', parentId: 'b', contractCount: 4 },
      { id: 'e', name: 'Orphan', parentId: 'gone', contractCount: 0 },
    ]);
    expect(tree.map((n) => n.folder.name)).toEqual(['Clients', 'Orphan']);
    expect(tree[0]?.children.map((n) => n.folder.name)).toEqual(['2024', '2025']);
    expect(tree[0]?.children[1]?.children.map((n) => n.folder.name)).toEqual(['Q1']);
    expect(subtreeCount(tree[0]!)).toBe(10);
  });
});

import { mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('folders, moves and bulk tags on a real vault', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  async function contracts(...texts: string[]): Promise<string[]> {
    const outcomes = await vault.call('contracts.importBytes', { files: texts.map((t) => ({ name: `${t}.txt`, base64: Buffer.from(`Agreement about ${t}`).toString('base64') })) });
    return outcomes.map((o) => (o.status === 'imported' ? o.contractId : ''));
  }

  it('builds a tree, refuses taken names and cycles, and removing a folder moves its contents up', async () => {
    const clients = await vault.call('folders.add', { name: '客户合同' });
    const y2024 = await vault.call('folders.add', { name: '2024', parentId: clients.id });
    const y2025 = await vault.call('folders.add', { name: '2025', parentId: clients.id });
    expectError(await vault.backend.invoke('folders.add', { name: '2024', parentId: clients.id }), 'FOLDER_NAME_TAKEN');
    expectError(await vault.backend.invoke('folders.add', { name: '客户合同' }), 'FOLDER_NAME_TAKEN');
    expectError(await vault.backend.invoke('folders.add', { name: 'a/b' }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('folders.add', { name: 'x', parentId: 'f'.repeat(32) }), 'FOLDER_NOT_FOUND');
    expectError(await vault.backend.invoke('folders.move', { id: clients.id, parentId: y2024.id }), 'FOLDER_CYCLE');
    expectError(await vault.backend.invoke('folders.move', { id: clients.id, parentId: clients.id }), 'FOLDER_CYCLE');
    expectError(await vault.backend.invoke('folders.rename', { id: y2025.id, name: '2024' }), 'FOLDER_NAME_TAKEN');
    await vault.call('folders.rename', { id: y2025.id, name: '2025 年' });
    await vault.call('folders.move', { id: y2025.id, parentId: null });

    const [a, b, c] = await contracts('alpha', 'beta', 'gamma');
    expect(await vault.call('contracts.move', { ids: [a!, b!], folderId: y2024.id })).toEqual({ moved: 2 });
    expect(await vault.call('contracts.move', { ids: [a!], folderId: y2024.id })).toEqual({ moved: 0 });
    expectError(await vault.backend.invoke('contracts.move', { ids: [c!, 'e'.repeat(32)], folderId: y2024.id }), 'CONTRACT_NOT_FOUND');
    // All or none: the good id of the refused call did not move.
    const folders = await vault.call('folders.list', {});
    expect(folders.map((f) => [f.name, f.parentId === null ? null : folders.find((p) => p.id === f.parentId)?.name, f.contractCount]).sort()).toEqual([
      ['2024', '客户合同', 2], ['2025 年', null, 0], ['客户合同', null, 0],
    ].sort());

    expect(await vault.call('folders.remove', { id: clients.id })).toEqual({ removed: true, movedContracts: 0, movedFolders: 1 });
    expect(await vault.call('folders.remove', { id: y2024.id })).toEqual({ removed: true, movedContracts: 2, movedFolders: 0 });
    expect((await vault.call('folders.list', {})).map((f) => f.name)).toEqual(['2025 年']);

    const audit = await vault.call('audit.list', { recordId: a! });
    expect(audit.filter((e) => e.action === 'contract.move').map((e) => e.details)).toEqual([{ from: y2024.id, to: null }, { from: null, to: y2024.id }]);
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('tags many contracts at once, case-insensitively, audited per changed contract, and the search filter sees it', async () => {
    const [a, b, c] = await contracts('delta', 'epsilon', 'zeta');
    await vault.call('contracts.update', { id: c!, tags: ['Urgent'] });
    expect(await vault.call('contracts.bulkTag', { ids: [a!, b!, c!], add: ['urgent', '续签'] })).toEqual({ changed: 3 });
    expect((await vault.call('contracts.get', { id: c! })).tags.sort()).toEqual(['Urgent', '续签'].sort());
    expect(await vault.call('tags.list', {})).toEqual(expect.arrayContaining([{ name: 'Urgent', contractCount: 3 }, { name: '续签', contractCount: 3 }]));
    expect((await vault.call('search.query', { tags: ['续签'] })).total).toBe(3);

    expect(await vault.call('contracts.bulkTag', { ids: [a!, b!], remove: ['URGENT'] })).toEqual({ changed: 2 });
    expect((await vault.call('tags.list', {})).find((t) => t.name === 'Urgent')?.contractCount).toBe(1);
    expect((await vault.call('search.query', { tags: ['Urgent'] })).total).toBe(1);
    expectError(await vault.backend.invoke('contracts.bulkTag', { ids: [a!] }), 'INVALID_INPUT');
    const audit = await vault.call('audit.list', { recordId: a! });
    expect(audit.filter((e) => e.action === 'contract.tag')).toHaveLength(2);
  });

  it('exports the main documents of many contracts into one folder, byte-exact, never overwriting', async () => {
    const [a, b] = await contracts('eta', 'theta');
    const outDir = join(vault.root, 'export');
    await mkdir(outDir);
    const first = await vault.call('contracts.exportMany', { ids: [a!, b!], outDir });
    expect(first.failed).toEqual([]);
    expect(first.exported).toHaveLength(2);
    for (const done of first.exported) expect((await readFile(done.path, 'utf8')).startsWith('Agreement about ')).toBe(true);
    expect((await readdir(outDir)).sort()).toEqual(first.exported.map((e) => basename(e.path)).sort());
    // Again into the same folder: each name is taken, each is reported, nothing is overwritten.
    const again = await vault.call('contracts.exportMany', { ids: [a!, b!], outDir });
    expect(again.exported).toEqual([]);
    expect(again.failed.map((f) => f.error.code)).toEqual(['OUTPUT_EXISTS', 'OUTPUT_EXISTS']);
    expectError(await vault.backend.invoke('contracts.exportMany', { ids: [a!], outDir: join(vault.root, 'missing') }), 'OUTPUT_UNWRITABLE');
    expect((await vault.call('audit.list', { recordId: a! })).filter((e) => e.action === 'file.export')).toHaveLength(1);
  });
});

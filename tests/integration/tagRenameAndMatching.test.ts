import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('tag rename and bulk operations on "every contract matching the filter", on a real vault', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  async function contracts(...texts: string[]): Promise<string[]> {
    const outcomes = await vault.call('contracts.importBytes', { files: texts.map((t) => ({ name: `${t}.txt`, base64: Buffer.from(`Agreement about ${t}`).toString('base64') })) });
    return outcomes.map((o) => (o.status === 'imported' ? o.contractId : ''));
  }

  it('renames a tag everywhere, merges onto an existing tag, audits once per rename, and search follows', async () => {
    const [a, b, c] = await contracts('alpha', 'beta', 'gamma');
    await vault.call('contracts.bulkTag', { ids: [a!, b!], add: ['续签'] });
    await vault.call('contracts.bulkTag', { ids: [c!], add: ['Renewal'] });
    expect((await vault.call('search.query', { text: 'Renewal' })).total).toBe(1);

    // A plain rename: both contracts carry the new name; the search index (tags filter and text) follows.
    expect(await vault.call('tags.rename', { from: '续签', to: '年度续签' })).toEqual({ renamed: 2 });
    expect((await vault.call('contracts.get', { id: a! })).tags).toEqual(['年度续签']);
    expect((await vault.call('search.query', { tags: ['年度续签'] })).total).toBe(2);
    expect((await vault.call('search.query', { tags: ['续签'] })).total).toBe(0);
    expect((await vault.call('contracts.page', { offset: 0, limit: 10, tags: ['年度续签'] })).total).toBe(2);

    // Letter case only: the same tag, renamed.
    expect(await vault.call('tags.rename', { from: 'renewal', to: 'RENEWAL' })).toEqual({ renamed: 1 });
    expect((await vault.call('contracts.get', { id: c! })).tags).toEqual(['RENEWAL']);

    // Onto an existing tag: the two merge, a contract carrying both keeps one.
    await vault.call('contracts.bulkTag', { ids: [a!], add: ['RENEWAL'] });
    expect(await vault.call('tags.rename', { from: '年度续签', to: 'renewal' })).toEqual({ renamed: 2 });
    expect(await vault.call('tags.list', {})).toEqual([{ name: 'RENEWAL', contractCount: 3 }]);
    expect((await vault.call('contracts.get', { id: a! })).tags).toEqual(['RENEWAL']);
    expect((await vault.call('search.query', { tags: ['renewal'] })).total).toBe(3);
    expect((await vault.call('search.query', { text: '年度续签' })).total).toBe(0);

    expectError(await vault.backend.invoke('tags.rename', { from: 'nothing', to: 'x' }), 'TAG_NOT_FOUND');
    expectError(await vault.backend.invoke('tags.rename', { from: 'RENEWAL', to: '  ' }), 'INVALID_INPUT');
    const renames = (await vault.call('audit.list', {})).filter((e) => e.action === 'tag.rename');
    expect(renames.map((e) => e.details)).toEqual(expect.arrayContaining([
      { contracts: 2, merged: false }, { contracts: 1, merged: false }, { contracts: 2, merged: true },
    ]));
    expect(renames).toHaveLength(3);
    expect((await vault.call('vault.verify', {})).ok).toBe(true);
  });

  it('moves, tags and exports every contract matching a filter, minus exceptions, without listing ids', async () => {
    const ids = await contracts('one', 'two', 'three', 'four', 'five');
    const folder = await vault.call('folders.add', { name: 'Matched' });
    await vault.call('contracts.bulkTag', { ids: ids.slice(0, 4), add: ['batch'] });
    const [first, second] = ids;

    // Everything tagged "batch" except one: three move, one stays, the untagged fifth is untouched.
    expect(await vault.call('contracts.move', { matching: { tags: ['batch'], except: [first!] }, folderId: folder.id })).toEqual({ moved: 3 });
    const inFolder = await vault.call('contracts.page', { offset: 0, limit: 10, folder: folder.id });
    expect(inFolder.rows.map((r) => r.id).sort()).toEqual(ids.slice(1, 4).sort());

    // Tag every contract in the folder.
    expect(await vault.call('contracts.bulkTag', { matching: { folder: folder.id }, add: ['moved'] })).toEqual({ changed: 3 });
    expect((await vault.call('tags.list', {})).find((t) => t.name === 'moved')?.contractCount).toBe(3);
    // A filter that matches nothing changes nothing.
    expect(await vault.call('contracts.bulkTag', { matching: { tags: ['absent'] }, add: ['x'] })).toEqual({ changed: 0 });

    const outDir = join(vault.root, 'export');
    await mkdir(outDir);
    const exported = await vault.call('contracts.exportMany', { matching: { folder: folder.id, except: [second!] }, outDir });
    expect(exported.exported.map((e) => e.contractId).sort()).toEqual(ids.slice(2, 4).sort());
    expect(await readdir(outDir)).toHaveLength(2);

    // Exactly one of ids and matching.
    expectError(await vault.backend.invoke('contracts.move', { ids: [first!], matching: {}, folderId: null }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('contracts.move', { folderId: null }), 'INVALID_INPUT');
    // Audited per contract, as with listed ids.
    expect((await vault.call('audit.list', { recordId: ids[2]! })).filter((e) => e.action === 'contract.move')).toHaveLength(1);
  });
});

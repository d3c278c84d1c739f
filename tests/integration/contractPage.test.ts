import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractRecord } from '../../src-shared/model/contract.ts';
import { generateContracts, type GeneratedLibrary } from '../helpers/bulkContracts.ts';
import { openRawVaultDb } from '../helpers/rawVaultDb.ts';
import { createTestVault, expectError, testPassphrase } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;
type Generated = GeneratedLibrary['contracts'][number];

/**
 * The table's order computed here, independently of SQL: by the key in the chosen direction, ties in the same
 * direction by insertion order; contracts without a value last, newest first.
 */
function expectedOrder(rows: Generated[], key: (c: ContractRecord) => string | number | null, ascending: boolean): string[] {
  const position = new Map(rows.map((c, i) => [c.id, i]));
  const sign = ascending ? 1 : -1;
  const valued = rows.filter((c) => key(c) !== null).sort((a, b) => {
    const x = key(a)!;
    const y = key(b)!;
    if (x !== y) {
      const less = typeof x === 'string' && typeof y === 'string' ? x.toLowerCase() < y.toLowerCase() : x < y;
      return (less ? -1 : 1) * sign;
    }
    return (position.get(a.id)! - position.get(b.id)!) * sign;
  });
  const empty = rows.filter((c) => key(c) === null).sort((a, b) => position.get(b.id)! - position.get(a.id)!);
  return [...valued, ...empty].map((c) => c.id);
}

describe('contracts.page: windows of the filtered, sorted contracts', () => {
  let vault: Vault;
  let lib: GeneratedLibrary;
  beforeAll(async () => {
    vault = await createTestVault();
    await vault.call('vault.lock', {});
    const db = await openRawVaultDb(vault.vaultDir, testPassphrase);
    try {
      lib = generateContracts(db, 400);
    } finally {
      db.close();
    }
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: testPassphrase });
  });
  afterAll(async () => { await vault.cleanup(); });

  async function all(input: Record<string, unknown>, pageSize = 57): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let total = 0;
    for (let offset = 0; ; offset += pageSize) {
      const page = await vault.call('contracts.page', { offset, limit: pageSize, ...input });
      total = page.total;
      expect(page.offset).toBe(offset);
      ids.push(...page.rows.map((r) => r.id));
      if (page.rows.length < pageSize) break;
    }
    return { ids, total };
  }

  it('pages through every contract in the chosen order, windows joining without gaps or repeats', async () => {
    const byDate = await all({ sort: 'signingDate', ascending: true });
    expect(byDate.total).toBe(400);
    expect(byDate.ids).toEqual(expectedOrder(lib.contracts, (c) => c.signingDate, true));
    const byTitle = await all({ sort: 'title', ascending: false }, 200);
    expect(byTitle.ids).toEqual(expectedOrder(lib.contracts, (c) => c.title, false));
    const byCustomer = await all({ sort: 'customer', ascending: true }, 500);
    expect(byCustomer.ids).toEqual(expectedOrder(lib.contracts, (c) => c.customerName, true));
    const byAmountDesc = await all({ sort: 'amount', ascending: false, currency: 'USD' });
    expect(byAmountDesc.ids).toEqual(expectedOrder(lib.contracts.filter((c) => c.amount?.currency === 'USD'), (c) => c.amount?.minor ?? null, false));
    const newest = await vault.call('contracts.page', { offset: 0, limit: 3 });
    expect(newest.rows.map((r) => r.id)).toEqual(expectedOrder(lib.contracts, (c) => c.createdAt, false).slice(0, 3));
    expect(newest.rows[0]).toMatchObject({ displayName: expect.any(String), tags: expect.any(Array) });
  });

  it('applies the sidebar filters: customer, type, status, every tag, folder with or without subfolders, date and amount ranges, text', async () => {
    const customer = lib.customers[1]!;
    const clients = lib.folders.find((f) => f.name === 'Clients')!;
    const cases: [Record<string, unknown>, (c: Generated) => boolean][] = [
      [{ customerIds: [customer.id] }, (c) => c.customerId === customer.id],
      [{ types: ['nda', 'lease'], statuses: ['active'] }, (c) => (c.type === 'nda' || c.type === 'lease') && c.status === 'active'],
      [{ tags: ['URGENT', '续签'] }, (c) => c.tags.includes('urgent') && c.tags.includes('续签')],
      [{ folder: clients.id }, (c) => c.folderId === clients.id],
      [{ folder: clients.id, includeSubfolders: true }, (c) => lib.folders.some((f) => f.id === c.folderId && (f.id === clients.id || f.parentId === clients.id))],
      [{ folder: 'none' }, (c) => c.folderId === null],
      [{ signedFrom: '2020-01-01', signedTo: '2021-12-31' }, (c) => c.signingDate !== null && c.signingDate >= '2020-01-01' && c.signingDate <= '2021-12-31'],
      [{ endsFrom: '2027-01-01' }, (c) => c.endDate !== null && c.endDate >= '2027-01-01'],
      [{ minAmountMinor: 10_000_000, maxAmountMinor: 50_000_000, currency: 'CNY' }, (c) => c.amount !== null && c.amount.currency === 'CNY' && c.amount.minor >= 10_000_000 && c.amount.minor <= 50_000_000],
      [{ text: '采购' }, (c) => c.title.includes('采购')],
      [{ text: '100%' }, () => false],
    ];
    for (const [filter, keep] of cases) {
      const expected = lib.contracts.filter(keep);
      const got = await all({ sort: 'title', ascending: true, ...filter }, 500);
      expect(got.total, JSON.stringify(filter)).toBe(expected.length);
      expect(new Set(got.ids), JSON.stringify(filter)).toEqual(new Set(expected.map((c) => c.id)));
    }
    expect(lib.contracts.filter(cases[2]![1]).length).toBeGreaterThan(0);
  });

  it('sees changes at once: an edit, a move and a new tag reorder and refilter the next window', async () => {
    const target = lib.contracts[200]!;
    await vault.call('contracts.update', { id: target.id, signingDate: '2000-01-01' });
    const first = await vault.call('contracts.page', { offset: 0, limit: 1, sort: 'signingDate', ascending: true });
    expect(first.rows[0]?.id).toBe(target.id);
    const folder = await vault.call('folders.add', { name: 'Fresh' });
    await vault.call('contracts.move', { ids: [target.id], folderId: folder.id });
    expect((await vault.call('contracts.page', { offset: 0, limit: 10, folder: folder.id })).rows.map((r) => [r.id, r.folderId])).toEqual([[target.id, folder.id]]);
    await vault.call('contracts.bulkTag', { ids: [target.id], add: ['brand-new'] });
    expect((await vault.call('contracts.page', { offset: 0, limit: 10, tags: ['brand-new'] })).total).toBe(1);
    expectError(await vault.backend.invoke('contracts.page', { offset: 0, limit: 5000 }), 'INVALID_INPUT');
    expectError(await vault.backend.invoke('contracts.page', { offset: 0, limit: 5, sort: 'notes' }), 'INVALID_INPUT');
  });
});

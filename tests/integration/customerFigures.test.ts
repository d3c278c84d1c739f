import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('customers: figures in the list, and editing', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  /** Imports a small text contract for a customer and sets its amount, end date and status. */
  async function contract(customer: string, text: string, fields: { amount?: { value: string; currency: string }; endDate?: string; status?: 'active' | 'terminated' | 'draft' }) {
    const [outcome] = await vault.call('contracts.importBytes', { files: [{ name: `${text}.txt`, base64: Buffer.from(`Agreement ${text}`).toString('base64') }], customer });
    if (outcome?.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
    await vault.call('contracts.update', { id: outcome.contractId, ...fields });
    return outcome.contractId;
  }

  it('lists each customer with its total per currency and its next expiry among contracts in force', async () => {
    const a = await vault.call('customers.add', { name: '深圳南山科技有限公司' });
    await vault.call('customers.add', { name: 'Zeta Ltd' });
    const today = new Date().toISOString().slice(0, 10);
    await contract(a.id, 'one', { amount: { value: '100.00', currency: 'CNY' }, endDate: '2020-01-31' });
    await contract(a.id, 'two', { amount: { value: '50.50', currency: 'cny' }, endDate: '2099-06-30', status: 'active' });
    await contract(a.id, 'three', { amount: { value: '20', currency: 'USD' }, endDate: '2098-01-01', status: 'terminated' });
    await contract(a.id, 'four', { endDate: '2099-01-15', status: 'draft' });
    const list = await vault.call('customers.list', {});
    const first = list.find((c) => c.id === a.id);
    expect(first).toMatchObject({ contractCount: 4, totals: [{ currency: 'CNY', minor: 15050 }, { currency: 'USD', minor: 2000 }], nextExpiry: '2099-01-15' });
    expect(today < '2099-01-15').toBe(true);
    expect(list.find((c) => c.name === 'Zeta Ltd')).toMatchObject({ contractCount: 0, totals: [], nextExpiry: null });
  });

  it('updates name, notes and contacts in one audited change; the search index hears of the new name', async () => {
    const customer = await vault.call('customers.add', { name: 'Old Name GmbH', email: 'old@example.com' });
    const contractId = await contract(customer.id, 'lease', {});
    const updated = await vault.call('customers.update', {
      customer: customer.id, name: '新名称有限公司', notes: '重要客户，季度回访',
      contacts: [{ name: '王芳', email: 'wang.fang@example.cn', phone: '+86 21 5555 0101', role: '法务' }, { email: 'billing@example.cn' }],
    });
    expect(updated.name).toBe('新名称有限公司');
    expect(updated.notes).toBe('重要客户，季度回访');
    expect(updated.contacts.map((c) => [c.name, c.email, c.phone, c.role])).toEqual([
      ['王芳', 'wang.fang@example.cn', '+86 21 5555 0101', '法务'], [null, 'billing@example.cn', null, null],
    ]);
    expect(updated.updatedAt >= customer.updatedAt).toBe(true);
    // Only what was given changes.
    const notesOnly = await vault.call('customers.update', { customer: '新名称有限公司', notes: null });
    expect(notesOnly).toMatchObject({ name: '新名称有限公司', notes: null });
    expect(notesOnly.contacts).toHaveLength(2);

    const audit = await vault.call('audit.list', { recordId: customer.id });
    const updates = audit.filter((e) => e.action === 'customer.update');
    // Newest first.
    expect(updates.map((e) => e.details)).toEqual([{ fields: ['notes'] }, { fields: ['name', 'notes', 'contacts'] }]);
    expect(JSON.stringify(audit)).not.toContain('重要客户');

    const found = await vault.call('search.query', { text: '新名称' });
    expect(found.hits.map((h) => h.contractId)).toContain(contractId);
    expectError(await vault.backend.invoke('customers.update', { customer: 'nobody at all', notes: 'x' }), 'CUSTOMER_NOT_FOUND');
    expectError(await vault.backend.invoke('customers.update', { customer: customer.id, contacts: [{ email: 'not an email' }] }), 'INVALID_INPUT');
  });
});

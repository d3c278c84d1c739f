import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zhPurchaseContract } from '../fixtures/contractTexts/zhPurchaseContract.ts';
import { createTestVault } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

describe('metadata found at import, with its evidence, confirmed or corrected by the user', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('fills a new contract from its text and keeps the snippet each value came from', async () => {
    const path = await vault.writeInput('采购合同.txt', zhPurchaseContract.pages.join('\f'));
    const [outcome] = await vault.call('contracts.import', { paths: [path] });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(outcome.metadata?.number).toBe('QM-CG-2025-0036');
    expect(outcome.classifiedType).toBe('purchase');

    const detail = await vault.call('contracts.get', { id: outcome.contractId });
    const expected = zhPurchaseContract.expected;
    expect(detail).toMatchObject({
      number: expected.number, signingDate: expected.signingDate, startDate: expected.startDate, endDate: expected.endDate,
      amount: expected.amount, type: 'purchase',
    });
    const number = detail.fields.find((f) => f.field === 'number');
    expect(number).toMatchObject({ value: 'QM-CG-2025-0036', source: 'extracted', confirmed: false });
    expect(number?.snippet).toContain('QM-CG-2025-0036');
    expect(detail.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['parties', 'term', 'renewal', 'noticePeriod']));

    const confirmed = await vault.call('contracts.confirmField', { id: outcome.contractId, field: 'number' });
    expect(confirmed.confirmed).toBe(true);
    await vault.call('contracts.update', { id: outcome.contractId, endDate: '2026-03-31' });
    const after = await vault.call('contracts.get', { id: outcome.contractId });
    expect(after.endDate).toBe('2026-03-31');
    expect(after.fields.find((f) => f.field === 'endDate')).toMatchObject({ value: '2026-03-31', source: 'user', confirmed: true, snippet: null });
    const actions = (await vault.call('audit.list', { recordId: outcome.contractId })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['contract.confirmField', 'contract.update']));
  });
});

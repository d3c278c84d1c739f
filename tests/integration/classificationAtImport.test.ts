import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePdf } from '../fixtures/makePdf.ts';
import { createTestVault, expectError } from '../helpers/testVault.ts';

type Vault = Awaited<ReturnType<typeof createTestVault>>;

async function importText(vault: Vault, name: string, lines: string[]) {
  const [outcome] = await vault.call('contracts.import', { paths: [await vault.writeInput(name, await makePdf([lines]))] });
  if (outcome?.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return vault.call('contracts.get', { id: outcome.contractId });
}

describe('classification, numbering and naming at import', () => {
  let vault: Vault;
  beforeEach(async () => { vault = await createTestVault(); });
  afterEach(async () => { await vault.cleanup(); });

  it('ships editable default rules that type contracts at import', async () => {
    const rules = await vault.call('rules.list', {});
    expect(rules.filter((r) => r.builtin && r.target.kind === 'type').map((r) => r.target.value)).toEqual(
      expect.arrayContaining(['sales', 'purchase', 'service', 'nda', 'lease', 'employment', 'framework', 'amendment']),
    );
    expect((await importText(vault, 'scan-0001.pdf', ['MUTUAL NON-DISCLOSURE AGREEMENT', 'The parties wish to exchange confidential information.'])).type).toBe('nda');
    expect((await importText(vault, 'scan-0002.pdf', ['LEASE AGREEMENT', 'The Landlord lets the premises to the Tenant.'])).type).toBe('lease');
    // A rule removed by the user no longer applies.
    const ndaRules = rules.filter((r) => r.target.kind === 'type' && r.target.value === 'nda');
    for (const rule of ndaRules) await vault.call('rules.remove', { id: rule.id });
    expect((await importText(vault, 'scan-0003.pdf', ['NON-DISCLOSURE AGREEMENT', 'Confidential information.'])).type).not.toBe('nda');
  });

  it('applies user rules for tags and customers, and refuses an invalid or dangerous pattern', async () => {
    const customer = await vault.call('customers.add', { name: 'Zhangjiang Precision Parts' });
    await vault.call('rules.add', { target: { kind: 'tag', value: 'hydraulics' }, rule: { algorithm: 'any', pattern: 'valve pump cylinder' } });
    await vault.call('rules.add', { target: { kind: 'customer', value: 'Zhangjiang Precision Parts' }, rule: { algorithm: 'regex', pattern: 'ZJ-PP-\\d{4}' } });
    const detail = await importText(vault, 'order.pdf', ['Supply of hydraulic valve assemblies', 'Reference ZJ-PP-2025']);
    expect(detail.tags).toContain('hydraulics');
    expect(detail.customerId).toBe(customer.id);
    expectError(await vault.backend.invoke('rules.add', { target: { kind: 'tag', value: 'x' }, rule: { algorithm: 'regex', pattern: '(a+)+$' } }), 'RULE_INVALID');
    expectError(await vault.backend.invoke('rules.add', { target: { kind: 'tag', value: 'x' }, rule: { algorithm: 'regex', pattern: '([' } }), 'RULE_INVALID');
    expectError(await vault.backend.invoke('rules.remove', { id: 'no-such-rule' }), 'RULE_NOT_FOUND');
  });

  it('numbers new contracts from the vault\'s pattern and names them from its template', async () => {
    await vault.call('customers.add', { name: '上海示例有限公司' });
    await vault.call('settings.update', { contractNumberPattern: 'HT-{yyyy}-{seq:4}', namingTemplate: '{customer}-{type}-{number}' });
    const year = new Date().getFullYear();
    const a = await importText(vault, 'a.pdf', ['SALES CONTRACT', 'The Seller sells goods to the Buyer.']);
    const b = await importText(vault, 'b.pdf', ['SERVICES AGREEMENT', 'The Provider provides services.']);
    expect([a.number, b.number]).toEqual([`HT-${year}-0001`, `HT-${year}-0002`]);
    const updated = await vault.call('contracts.update', { id: a.id, customer: '上海示例有限公司' });
    expect(updated.displayName).toBe(`上海示例有限公司-Sales contract-HT-${year}-0001`);
    const zh = new (await import('../../src-main/core/backend.ts')).Backend({ actor: 't', locale: 'zh-CN' });
    await vault.call('vault.lock', {});
    await zh.invoke('vault.unlock', { vaultDir: vault.vaultDir, passphrase: 'correct horse battery 合同' });
    const zhDetail = await zh.invoke('contracts.get', { id: a.id });
    expect(zhDetail.ok && zhDetail.value.displayName).toBe(`上海示例有限公司-销售合同-HT-${year}-0001`);
    await zh.dispose();
    await vault.call('vault.unlock', { vaultDir: vault.vaultDir, passphrase: 'correct horse battery 合同' });
    // Exported into a folder, the file takes the contract's name and keeps its extension.
    const exported = await vault.call('files.export', { contractId: a.id, outPath: vault.root });
    expect(exported.path).toBe(join(vault.root, `上海示例有限公司-Sales contract-HT-${year}-0001.pdf`));
    expectError(await vault.backend.invoke('settings.update', { namingTemplate: '{nonsense}' }), 'RULE_INVALID');
    expectError(await vault.backend.invoke('settings.update', { contractNumberPattern: 'HT-{MM}-{seq}' }), 'RULE_INVALID');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createTestVault } from '../helpers/testVault.ts';

describe('search highlights', () => {
  let vault: Awaited<ReturnType<typeof createTestVault>> | undefined;
  afterEach(async () => { await vault?.cleanup(); vault = undefined; });

  it('marks a Chinese phrase whole (not each of its pairs) and English words with their expansions', async () => {
    vault = await createTestVault();
    const file = await vault.writeInput('system.txt', '采购合同\n本合同约定纷享销客合同管理系统的交付。Termination for convenience.');
    await vault.call('contracts.import', { paths: [file] });
    const result = await vault.call('search.query', { text: '合同管理 termin' });
    expect(result.total).toBe(1);
    const snippet = result.hits[0]?.snippets[0];
    const marked = (snippet?.highlights ?? []).map(([start, end]) => snippet?.text.slice(start, end));
    expect(marked).toEqual(['合同管理', 'Termination']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ContractFacets } from '../../../src-main/core/search/contractFacets.ts';
import { packFacets, unpackFacets } from '../../../src-main/core/search/facetPacking.ts';

describe('packed facets', () => {
  it('round-trips every field, holes included, storing each distinct string once', () => {
    const full: ContractFacets = { customerId: 'c'.repeat(32), type: 'sales', status: 'active', tags: ['VIP', '框架'], signingDate: '2024-01-31', endDate: '2026-01-30', amount: { minor: 12_000_000_00, currency: 'CNY' }, formats: ['pdf', 'docx'] };
    const bare: ContractFacets = { customerId: null, type: 'other', status: 'draft', tags: [], signingDate: null, endDate: null, amount: null, formats: [] };
    const same: ContractFacets = { ...full, tags: ['VIP'], amount: { minor: 0, currency: 'CNY' } };
    const facets = [full, undefined, bare, same];
    const packed = packFacets(facets);
    expect(unpackFacets(JSON.parse(JSON.stringify(packed)))).toEqual(facets);
    expect(packed.strings.filter((s) => s === 'CNY')).toHaveLength(1);
  });

  it('refuses a reference to a string that is not there', () => {
    expect(() => unpackFacets({ strings: ['sales'], rows: [[-1, 0, 5, [], -1, -1, null, -1, []]] })).toThrow(/no string/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Contract } from '../../../src-shared/model/contract.ts';
import { historyOrder, totalsByYear } from '../../../src-renderer/features/customers/customerHistory.ts';

let n = 0;
function contract(signingDate: string | null, amount: [number, string] | null, createdAt = `2025-01-01T00:00:0${n}Z`): Contract {
  n += 1;
  return {
    id: `c${n}`, title: `T${n}`, displayName: `T${n}`, number: null, customerId: 'x', customerName: 'X', type: 'sales', status: 'active',
    signingDate, startDate: null, endDate: null, amount: amount ? { minor: amount[0], currency: amount[1] } : null, tags: [], notes: null, createdAt, updatedAt: createdAt,
  };
}

describe('customer history', () => {
  it('sums signed value per year and per currency, filling the years between with 0 and skipping undated or unpriced contracts', () => {
    const totals = totalsByYear([
      contract('2021-03-01', [10_000, 'CNY']), contract('2021-11-30', [5_050, 'CNY']), contract('2024-01-01', [100, 'CNY']),
      contract('2023-06-01', [2_000, 'USD']), contract(null, [999, 'CNY']), contract('2022-01-01', null),
    ]);
    expect([...totals.keys()]).toEqual(['CNY', 'USD']);
    expect(totals.get('CNY')).toEqual([{ year: '2021', minor: 15_050 }, { year: '2022', minor: 0 }, { year: '2023', minor: 0 }, { year: '2024', minor: 100 }]);
    expect(totals.get('USD')).toEqual([{ year: '2023', minor: 2_000 }]);
    expect(totalsByYear([contract(null, null)]).size).toBe(0);
  });

  it('orders the history newest signing first, undated contracts last by creation', () => {
    const a = contract('2020-01-01', null);
    const b = contract('2024-05-05', null);
    const c = contract(null, null, '2025-02-01T00:00:00Z');
    const d = contract(null, null, '2025-03-01T00:00:00Z');
    expect(historyOrder([a, c, b, d]).map((x) => x.id)).toEqual([b.id, a.id, d.id, c.id]);
  });
});

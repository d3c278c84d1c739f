import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import { changesOf, formValuesOf } from '../../../src-renderer/features/contract/contractFormValues.ts';
import { isCompareShortcutTarget, shortcutDirection } from '../../../src-renderer/features/contract/compare/compareShortcuts.ts';
import { findTermRanges } from '../../../src-renderer/features/contract/viewer/termRanges.ts';

const detail: ContractDetail = {
  id: 'a'.repeat(32), title: 'Lease', number: 'HT-1', customerId: 'c'.repeat(32), customerName: '北京纷享', type: 'lease', status: 'active',
  signingDate: '2024-05-20', startDate: null, endDate: '2026-05-19', amount: { minor: 10_000_000, currency: 'CNY' }, tags: ['房屋'], notes: null,
  createdAt: '2024-05-21T00:00:00Z', updatedAt: '2024-05-21T00:00:00Z', displayName: 'x', files: [], fields: [],
};

describe('the details form sends only what changed', () => {
  it('sends nothing for an untouched form (so import suggestions are not turned into confirmed values)', () => {
    expect(changesOf(detail, formValuesOf(detail))).toEqual({});
  });

  it('sends each changed field in the API shape: cleared fields as null, dates as ISO, amounts as text with currency', () => {
    const values = { ...formValuesOf(detail), number: ' ', notes: 'Renewal in Q4', startDate: dayjs('2024-06-01'), amountValue: '120000.50', currency: 'usd', customerId: undefined };
    expect(changesOf(detail, values)).toEqual({ number: null, notes: 'Renewal in Q4', startDate: '2024-06-01', amount: { value: '120000.50', currency: 'USD' }, customer: null });
    expect(changesOf(detail, { ...formValuesOf(detail), amountValue: '' })).toEqual({ amount: null });
    expect(changesOf(detail, { ...formValuesOf(detail), tags: ['房屋', '续约'] })).toEqual({ tags: ['房屋', '续约'] });
  });
});

describe('findTermRanges (viewer marks)', () => {
  it('finds terms case-insensitively and stretches a prefix to the whole English word', () => {
    expect(findTermRanges('Schedule: Maintenance and maint.', ['maint'])).toEqual([[10, 21], [26, 31]]);
  });

  it('marks Chinese terms exactly and merges overlapping pairs into one run', () => {
    const text = '双方同意进行合同管理与交付';
    expect(findTermRanges(text, ['合同', '同管', '管理'])).toEqual([[6, 10]]);
    expect(findTermRanges(text, ['', '  '])).toEqual([]);
  });
});

describe('compare shortcuts', () => {
  it('n/j and Alt+Down go forward, p/k and Alt+Up back; other keys and Ctrl combinations do nothing', () => {
    const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });
    expect([key('n'), key('j'), key('ArrowDown', { altKey: true })].map(shortcutDirection)).toEqual([1, 1, 1]);
    expect([key('p'), key('k'), key('ArrowUp', { altKey: true })].map(shortcutDirection)).toEqual([-1, -1, -1]);
    expect([key('x'), key('n', { ctrlKey: true }), key('ArrowDown')].map(shortcutDirection)).toEqual([null, null, null]);
  });

  it('are ignored while typing in a field or a list box', () => {
    const element = (tagName: string, role: string | null = null) => ({ tagName, isContentEditable: false, getAttribute: () => role });
    expect(isCompareShortcutTarget(element('BODY'))).toBe(true);
    expect(isCompareShortcutTarget(element('INPUT'))).toBe(false);
    expect(isCompareShortcutTarget(element('TEXTAREA'))).toBe(false);
    expect(isCompareShortcutTarget(element('DIV', 'combobox'))).toBe(false);
  });
});

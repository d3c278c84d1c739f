import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/api/appError.ts';
import {
  nextContractNumber,
  parseContractNumber,
  periodKey,
  validateContractNumberPattern,
} from '../../../../src-shared/rules/classification/contractNumberPattern.ts';
import { reasonText } from '../../../helpers/reasonText.ts';

function detail(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'RULE_INVALID') return reasonText(error);
    throw error;
  }
  throw new Error('expected RULE_INVALID');
}

/** Assigns numbers for a run of dates the way the vault would: one stored last-seq per (pattern, period). */
function assignAll(pattern: string, dates: string[]): string[] {
  const lastSeq = new Map<string, number>();
  return dates.map((date) => {
    const key = periodKey(pattern, date);
    const assigned = nextContractNumber(pattern, { date, lastSeqForPeriod: lastSeq.get(key) ?? null });
    expect(assigned.periodKey).toBe(key);
    lastSeq.set(key, assigned.seq);
    return assigned.number;
  });
}

describe('nextContractNumber', () => {
  it('numbers per year with {yyyy}, restarting on 1 January', () => {
    expect(assignAll('HT-{yyyy}-{seq:4}', ['2024-12-30', '2024-12-31', '2025-01-01', '2025-06-15', '2024-12-31'])).toEqual([
      'HT-2024-0001',
      'HT-2024-0002',
      'HT-2025-0001',
      'HT-2025-0002',
      'HT-2024-0003',
    ]);
  });

  it('numbers per month with {MM}, restarting each month and across the year boundary', () => {
    expect(assignAll('{yyyy}{MM}-{seq:3}', ['2024-11-30', '2024-11-30', '2024-12-01', '2025-01-01', '2025-01-31', '2025-02-01'])).toEqual([
      '202411-001',
      '202411-002',
      '202412-001',
      '202501-001',
      '202501-002',
      '202502-001',
    ]);
  });

  it('supports {yy}, unpadded {seq}, slashes, per-day numbering and never-resetting patterns', () => {
    expect(assignAll('SC/{yy}/{seq}', ['2099-12-31', '2099-12-31', '2100-01-01'])).toEqual(['SC/99/1', 'SC/99/2', 'SC/00/1']);
    expect(assignAll('{yyyy}-{MM}-{dd}-{seq:2}', ['2024-02-28', '2024-02-29', '2024-02-29', '2024-03-01'])).toEqual([
      '2024-02-28-01',
      '2024-02-29-01',
      '2024-02-29-02',
      '2024-03-01-01',
    ]);
    expect(assignAll('合同{seq:5}', ['2024-01-01', '2031-07-07'])).toEqual(['合同00001', '合同00002']);
    expect(periodKey('合同{seq:5}', '2024-01-01')).toBe('all');
  });

  it('grows past the padding instead of wrapping', () => {
    expect(nextContractNumber('HT-{yyyy}-{seq:4}', { date: '2024-05-05', lastSeqForPeriod: 9999 })).toEqual({ number: 'HT-2024-10000', seq: 10000, periodKey: '2024' });
  });

  it('refuses invalid patterns and inputs', () => {
    expect(detail(() => validateContractNumberPattern('HT-{yyyy}'))).toMatch(/exactly one \{seq\}/);
    expect(detail(() => validateContractNumberPattern('{seq}-{seq}'))).toMatch(/exactly one \{seq\}/);
    expect(detail(() => validateContractNumberPattern('{MM}-{seq}'))).toMatch(/\{MM\} needs \{yyyy\} or \{yy\}/);
    expect(detail(() => validateContractNumberPattern('{yyyy}{dd}-{seq}'))).toMatch(/\{dd\} needs \{MM\}/);
    expect(detail(() => validateContractNumberPattern('{YYYY}-{seq}'))).toMatch(/unknown token \{YYYY\}/);
    expect(detail(() => validateContractNumberPattern('{seq:0}'))).toMatch(/unknown token/);
    expect(detail(() => validateContractNumberPattern('HT-{seq'))).toMatch(/never closed/);
    expect(detail(() => nextContractNumber('HT-{seq}', { date: '2024-02-30', lastSeqForPeriod: null }))).toMatch(/not YYYY-MM-DD/);
    expect(detail(() => nextContractNumber('HT-{seq}', { date: '2024-02-01', lastSeqForPeriod: -1 }))).toMatch(/not a whole number/);
  });
});

describe('parseContractNumber', () => {
  it('reads back the sequence and period, so the last sequence can be recovered from existing numbers', () => {
    expect(parseContractNumber('HT-{yyyy}-{seq:4}', 'HT-2024-0042')).toEqual({ seq: 42, periodKey: '2024' });
    expect(parseContractNumber('{yyyy}{MM}-{seq:3}', '202412-007')).toEqual({ seq: 7, periodKey: '2024-12' });
    expect(parseContractNumber('SC/{yy}/{seq}', 'SC/25/118')).toEqual({ seq: 118, periodKey: '2025' });
    expect(parseContractNumber('HT-{yyyy}-{seq:4}', 'HT-2024-10000')).toEqual({ seq: 10000, periodKey: '2024' });
    expect(parseContractNumber('HT-{yyyy}-{seq:4}', 'XS-2024-0042')).toBeNull();
    expect(parseContractNumber('HT-{yyyy}-{seq:4}', 'HT-2024-042')).toBeNull();
    expect(parseContractNumber('{yyyy}{MM}-{seq:3}', '202413-001')).toBeNull();
  });
});

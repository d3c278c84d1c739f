import { nextContractNumber, periodKey } from '../../../src-shared/rules/classification/contractNumberPattern.ts';
import type { VaultDatabase } from '../db/connection.ts';
import { lastSequence, recordSequence } from '../db/repositories/numberSequenceRepository.ts';
import { getSetting } from '../db/repositories/settingsRepository.ts';

export const contractNumberPatternSetting = 'numbering.pattern';

/** The vault's pattern for numbering contracts, or null when the firm numbers them itself. */
export function contractNumberPattern(db: VaultDatabase): string | null {
  const value = getSetting(db, contractNumberPatternSetting);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Hands out the next number of the pattern for the period of `date` (e.g. HT-2025-0042), recording it in
 * the same transaction as the contract that gets it, so two imports can never receive the same number.
 */
export function assignContractNumber(db: VaultDatabase, pattern: string, date: string): string {
  const period = periodKey(pattern, date);
  const assigned = nextContractNumber(pattern, { date, lastSeqForPeriod: lastSequence(db, pattern, period) });
  recordSequence(db, pattern, assigned.periodKey, assigned.seq);
  return assigned.number;
}

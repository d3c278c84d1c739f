import type { ContractStatus } from '../model/contract.ts';

/**
 * The status a user should see today: an active contract whose end date has passed is expired,
 * even if nobody has edited it since. Draft and terminated are decisions, never overridden by dates.
 */
export function effectiveStatus(stored: ContractStatus, endDate: string | null, today: string): ContractStatus {
  if (stored === 'active' && endDate !== null && endDate < today) return 'expired';
  return stored;
}

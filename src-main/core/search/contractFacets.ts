import type { ContractStatus, ContractType, Money } from '../../../src-shared/model/contract.ts';

/** What search filters and sorts a contract by, kept in memory beside the full-text index. */
export interface ContractFacets {
  customerId: string | null;
  type: ContractType;
  status: ContractStatus;
  tags: readonly string[];
  signingDate: string | null;
  endDate: string | null;
  amount: Money | null;
  /** Formats of its files (pdf, docx, eml, ...). */
  formats: readonly string[];
}

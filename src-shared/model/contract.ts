import type { ContractFileWithVersions } from './contractFile.ts';
import type { ContractFieldView } from './contractField.ts';

/** Lifecycle of a contract; `expired` is also derived from the end date (rules/contractStatus.ts). */
export const contractStatuses = ['draft', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

/** Contract types shipped by default; the ingest issue makes them editable rules. */
export const contractTypes = ['sales', 'purchase', 'service', 'nda', 'lease', 'employment', 'framework', 'amendment', 'other'] as const;
export type ContractType = (typeof contractTypes)[number];

/** An amount of money in minor units (cents / 分) so sums never drift, plus its ISO 4217 currency. */
export interface Money {
  minor: number;
  currency: string;
}

/** A contract as stored: every field the user or import sets. */
export interface ContractRecord {
  id: string;
  title: string;
  number: string | null;
  customerId: string | null;
  customerName: string | null;
  type: ContractType;
  status: ContractStatus;
  signingDate: string | null;
  startDate: string | null;
  endDate: string | null;
  amount: Money | null;
  tags: string[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A signed (or to-be-signed) agreement with one customer, holding one or more files, as shown. */
export interface Contract extends ContractRecord {
  /** Rendered from the vault's naming template (e.g. customer-type-signingDate-number); also the export name. */
  displayName: string;
}

/** A contract with its files and their version history, as shown on the contract page. */
export interface ContractDetail extends Contract {
  files: ContractFileWithVersions[];
  /** Metadata found at import, each with the snippet it came from, and the user's corrections. */
  fields: ContractFieldView[];
}

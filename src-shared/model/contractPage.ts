import type { Contract } from './contract.ts';

/** The columns the contracts table sorts by (each a stored column, so the database orders them). */
export const contractPageSorts = ['title', 'customer', 'type', 'status', 'signingDate', 'endDate', 'amount', 'createdAt'] as const;
export type ContractPageSort = (typeof contractPageSorts)[number];

/** A contract as a table row: the contract and the folder it sits in. */
export interface ContractRow extends Contract {
  folderId: string | null;
}

/** One window of the filtered, sorted contracts: the rows from `offset`, and how many match in all. */
export interface ContractPage {
  total: number;
  offset: number;
  rows: ContractRow[];
}

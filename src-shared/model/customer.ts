import type { Money } from './contract.ts';

/** A person to reach at a customer firm; an e-mail here links incoming mail to the customer later. */
export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
}

/** A firm or person the user signs contracts with. */
export interface Customer {
  id: string;
  name: string;
  notes: string | null;
  contacts: Contact[];
  createdAt: string;
  updatedAt: string;
}

/** A customer as listed, with the figures a list needs. */
export interface CustomerSummary {
  id: string;
  name: string;
  contractCount: number;
  primaryEmail: string | null;
  primaryPhone: string | null;
  /** Total value of its contracts, one entry per currency (never summed across currencies). */
  totals: Money[];
  /** The earliest end date still ahead among its draft and active contracts. */
  nextExpiry: string | null;
}

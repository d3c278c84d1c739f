import type { Money } from '../../../../src-shared/model/contract.ts';
import type { Contact } from '../../../../src-shared/model/customer.ts';
import type { VaultDatabase } from '../connection.ts';
import { prepareCached } from '../statementCache.ts';

/** The figures a customers list shows beside each customer. */
export interface CustomerFigures {
  totals: Money[];
  nextExpiry: string | null;
}

/**
 * Per customer: total contract value per currency (never summed across currencies) and the earliest end
 * date still ahead of a contract in force (draft or active). Two grouped scans of contracts, whatever the
 * number of customers.
 */
export function customerFigures(db: VaultDatabase, today: string): Map<string, CustomerFigures> {
  const figures = new Map<string, CustomerFigures>();
  const of = (id: string): CustomerFigures => {
    let f = figures.get(id);
    if (!f) figures.set(id, (f = { totals: [], nextExpiry: null }));
    return f;
  };
  const totals = prepareCached(db, `
    SELECT customer_id, currency, sum(amount_minor) AS minor FROM contracts
    WHERE customer_id IS NOT NULL AND amount_minor IS NOT NULL
    GROUP BY customer_id, currency ORDER BY customer_id, currency`).all() as { customer_id: string; currency: string; minor: number }[];
  for (const row of totals) of(row.customer_id).totals.push({ currency: row.currency, minor: row.minor });
  const expiries = prepareCached(db, `
    SELECT customer_id, min(end_date) AS next FROM contracts
    WHERE customer_id IS NOT NULL AND end_date >= ? AND status IN ('draft', 'active')
    GROUP BY customer_id`).all(today) as { customer_id: string; next: string }[];
  for (const row of expiries) of(row.customer_id).nextExpiry = row.next;
  return figures;
}

/** Changes a customer's name and notes (only those given) and stamps the change; call inside a transaction. */
export function updateCustomerRow(db: VaultDatabase, id: string, change: { name?: string; notes?: string | null }, now: string): void {
  if (change.name !== undefined) prepareCached(db, 'UPDATE customers SET name = ? WHERE id = ?').run(change.name, id);
  if (change.notes !== undefined) prepareCached(db, 'UPDATE customers SET notes = ? WHERE id = ?').run(change.notes, id);
  prepareCached(db, 'UPDATE customers SET updated_at = ? WHERE id = ?').run(now, id);
}

/** Replaces a customer's contacts with these, in this order; call inside a transaction. */
export function replaceContacts(db: VaultDatabase, customerId: string, contacts: readonly Contact[]): void {
  prepareCached(db, 'DELETE FROM contacts WHERE customer_id = ?').run(customerId);
  const insert = prepareCached(db, 'INSERT INTO contacts (id, customer_id, name, email, phone, role, position) VALUES (?, ?, ?, ?, ?, ?, ?)');
  contacts.forEach((c, position) => insert.run(c.id, customerId, c.name, c.email, c.phone, c.role, position));
}

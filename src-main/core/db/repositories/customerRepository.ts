import { prepareCached } from '../statementCache.ts';
import type { Contact, Customer, CustomerSummary } from '../../../../src-shared/model/customer.ts';
import type { VaultDatabase } from '../connection.ts';

interface CustomerRow { id: string; name: string; notes: string | null; created_at: string; updated_at: string }
interface ContactRow { id: string; name: string | null; email: string | null; phone: string | null; role: string | null }

/** Inserts a customer and its contacts (call inside the caller's transaction). */
export function insertCustomer(db: VaultDatabase, customer: Customer): void {
  prepareCached(db, 'INSERT INTO customers (id, name, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    customer.id, customer.name, customer.notes, customer.createdAt, customer.updatedAt,
  );
  const insertContact = prepareCached(db, 'INSERT INTO contacts (id, customer_id, name, email, phone, role, position) VALUES (?, ?, ?, ?, ?, ?, ?)');
  customer.contacts.forEach((c, position) => insertContact.run(c.id, customer.id, c.name, c.email, c.phone, c.role, position));
}

/** One customer with contacts, or null. */
export function findCustomerById(db: VaultDatabase, id: string): Customer | null {
  const row = prepareCached(db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
  return row ? toCustomer(db, row) : null;
}

/** Customers whose name equals `name`, ignoring case and surrounding spaces. */
export function findCustomersByName(db: VaultDatabase, name: string): Customer[] {
  const rows = prepareCached(db, 'SELECT * FROM customers WHERE name = ? COLLATE NOCASE ORDER BY created_at').all(name.trim()) as CustomerRow[];
  return rows.map((row) => toCustomer(db, row));
}

/** All customers with their contract counts, sorted by name (totals and expiry: customerFiguresRepository.ts). */
export function listCustomerSummaries(db: VaultDatabase): Omit<CustomerSummary, 'totals' | 'nextExpiry'>[] {
  const rows = prepareCached(db, `
    SELECT c.id, c.name,
      (SELECT count(*) FROM contracts k WHERE k.customer_id = c.id) AS contract_count,
      (SELECT email FROM contacts t WHERE t.customer_id = c.id AND email IS NOT NULL ORDER BY position LIMIT 1) AS email,
      (SELECT phone FROM contacts t WHERE t.customer_id = c.id AND phone IS NOT NULL ORDER BY position LIMIT 1) AS phone
    FROM customers c ORDER BY c.name COLLATE NOCASE`).all() as { id: string; name: string; contract_count: number; email: string | null; phone: string | null }[];
  return rows.map((r) => ({ id: r.id, name: r.name, contractCount: r.contract_count, primaryEmail: r.email, primaryPhone: r.phone }));
}

function toCustomer(db: VaultDatabase, row: CustomerRow): Customer {
  const contacts = prepareCached(db, 'SELECT id, name, email, phone, role FROM contacts WHERE customer_id = ? ORDER BY position').all(row.id) as ContactRow[];
  return {
    id: row.id,
    name: row.name,
    notes: row.notes,
    contacts: contacts.map((c): Contact => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, role: c.role })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Ids of the customers having a contact with one of these e-mail addresses (lower-cased). */
export function findCustomerIdsByEmails(db: VaultDatabase, emails: readonly string[]): string[] {
  if (emails.length === 0) return [];
  const placeholders = emails.map(() => '?').join(', ');
  const rows = prepareCached(db, `SELECT DISTINCT customer_id FROM contacts WHERE lower(email) IN (${placeholders})`).all(...emails.map((e) => e.toLowerCase())) as { customer_id: string }[];
  return rows.map((r) => r.customer_id);
}

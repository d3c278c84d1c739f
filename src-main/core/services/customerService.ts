import { AppError } from '../../../src-shared/api/appError.ts';
import type { Customer, CustomerSummary } from '../../../src-shared/model/customer.ts';
import { findCustomerById, findCustomersByName, insertCustomer, listCustomerSummaries } from '../db/repositories/customerRepository.ts';
import { customerFigures } from '../db/repositories/customerFiguresRepository.ts';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import type { ServiceContext } from './serviceContext.ts';

/** Creates a customer, with a first contact when an e-mail or phone is given. */
export function addCustomer(ctx: ServiceContext, input: { name: string; email?: string | undefined; phone?: string | undefined; notes?: string | undefined }): Customer {
  const now = new Date().toISOString();
  const contacts = input.email !== undefined || input.phone !== undefined
    ? [{ id: newId(), name: null, email: input.email ?? null, phone: input.phone ?? null, role: null }]
    : [];
  const customer: Customer = { id: newId(), name: input.name.trim(), notes: input.notes ?? null, contacts, createdAt: now, updatedAt: now };
  ctx.session.db.transaction(() => {
    insertCustomer(ctx.session.db, customer);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'customer.create', recordType: 'customer', recordId: customer.id });
  }).immediate();
  return customer;
}

/** Every customer with its contract count, total contract value per currency and next expiry. */
export function listCustomers(ctx: ServiceContext, today = new Date().toISOString().slice(0, 10)): CustomerSummary[] {
  const figures = customerFigures(ctx.session.db, today);
  return listCustomerSummaries(ctx.session.db).map((c) => ({ ...c, totals: figures.get(c.id)?.totals ?? [], nextExpiry: figures.get(c.id)?.nextExpiry ?? null }));
}

/**
 * Finds the customer a user means by an id or a name. A name shared by two customers is refused
 * rather than guessed, so a contract is never filed under the wrong firm.
 */
export function resolveCustomer(ctx: ServiceContext, reference: string): Customer {
  const trimmed = reference.trim();
  if (/^[0-9a-f]{32}$/.test(trimmed)) {
    const byId = findCustomerById(ctx.session.db, trimmed);
    if (byId) return byId;
  }
  const byName = findCustomersByName(ctx.session.db, trimmed);
  if (byName.length > 1) throw new AppError('CUSTOMER_AMBIGUOUS', { customer: trimmed });
  const [only] = byName;
  if (!only) throw new AppError('CUSTOMER_NOT_FOUND', { customer: trimmed });
  return only;
}

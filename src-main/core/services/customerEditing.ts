import type { Customer } from '../../../src-shared/model/customer.ts';
import { replaceContacts, updateCustomerRow } from '../db/repositories/customerFiguresRepository.ts';
import { findCustomerById } from '../db/repositories/customerRepository.ts';
import { newId } from '../ids.ts';
import { appendAudit } from './auditLog.ts';
import { resolveCustomer } from './customerService.ts';
import type { ServiceContext } from './serviceContext.ts';

/** What `customers.update` may change; contacts, when given, replace the whole list. */
export interface CustomerChange {
  customer: string;
  name?: string | undefined;
  notes?: string | null | undefined;
  contacts?: { name?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined; role?: string | null | undefined }[] | undefined;
}

/** Edits a customer's name, notes and contacts in one transaction, audited with the fields that changed (never their values). */
export function updateCustomer(ctx: ServiceContext, change: CustomerChange): Customer {
  const customer = resolveCustomer(ctx, change.customer);
  const fields = (['name', 'notes', 'contacts'] as const).filter((f) => change[f] !== undefined);
  ctx.session.db.transaction(() => {
    updateCustomerRow(ctx.session.db, customer.id, {
      ...(change.name === undefined ? {} : { name: change.name.trim() }),
      ...(change.notes === undefined ? {} : { notes: change.notes }),
    }, new Date().toISOString());
    if (change.contacts !== undefined) {
      replaceContacts(ctx.session.db, customer.id, change.contacts.map((c) => ({
        id: newId(), name: c.name ?? null, email: c.email ?? null, phone: c.phone ?? null, role: c.role ?? null,
      })));
    }
    appendAudit(ctx.session, { actor: ctx.actor, action: 'customer.update', recordType: 'customer', recordId: customer.id, details: { fields } });
  }).immediate();
  const updated = findCustomerById(ctx.session.db, customer.id);
  if (!updated) throw new Error('customer vanished inside its own update');
  return updated;
}

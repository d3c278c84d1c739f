import { AppError } from '../../../src-shared/api/appError.ts';
import { orderedContractRowids, type ContractFilter } from '../db/repositories/contractPageRepository.ts';
import { contractIdsByRowid } from '../db/repositories/contractSelectionRepository.ts';
import type { ServiceContext } from './serviceContext.ts';

/** A bulk operation's contracts: listed ids, or every contract matching the table's filter except some. */
export interface ContractSelection {
  ids?: string[] | undefined;
  matching?: (ContractFilter & { except?: string[] | undefined }) | undefined;
}

/**
 * The ids a bulk operation acts on. A `matching` selection is resolved here, against the vault as it is
 * now (newest first, as the table shows them by default), so "select all" in the renderer never has to
 * load the ids of rows it has not shown. More than `max` matches is refused rather than cut short.
 */
export function selectedContractIds(ctx: ServiceContext, selection: ContractSelection, max: number): string[] {
  if (selection.ids !== undefined) return selection.ids;
  if (selection.matching === undefined) return [];
  const { except, ...filter } = selection.matching;
  const excluded = new Set(except ?? []);
  const ids = contractIdsByRowid(ctx.session.db, orderedContractRowids(ctx.session.db, filter, 'createdAt', false)).filter((id) => !excluded.has(id));
  if (ids.length > max) throw new AppError('TOO_MANY_CONTRACTS', { count: ids.length, max });
  return ids;
}

import type { ContractStatus, ContractType } from '../../../src-shared/model/contract.ts';
import type { ContractPage, ContractPageSort, ContractRow } from '../../../src-shared/model/contractPage.ts';
import { contractChangeStamp, contractRowsByRowid, orderedContractRowids, type ContractFilter } from '../db/repositories/contractPageRepository.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { displayNamer } from './contractNaming.ts';
import type { ServiceContext } from './serviceContext.ts';

/** What one window of the contracts table asks for. */
export interface ContractPageRequest extends ContractFilter {
  offset: number;
  limit: number;
  sort?: ContractPageSort | undefined;
  ascending?: boolean | undefined;
}

/** The last ordering computed, per open vault: scrolling asks for window after window of the same order. */
interface OrderCache {
  key: string;
  stamp: number;
  rowids: Int32Array;
}

const orders = new WeakMap<VaultSession, OrderCache>();

/**
 * One window of the filtered, sorted contracts. The matching rowids are ordered once per filter and sort
 * (a single index-backed query) and kept in memory for that vault, until any contract changes (the
 * search triggers' change counter moves); each window then reads only its own rows. Nothing of it is
 * written anywhere.
 */
export function contractPage(ctx: ServiceContext, request: ContractPageRequest): ContractPage {
  const { offset, limit, sort = 'createdAt', ascending = false, ...filter } = request;
  const db = ctx.session.db;
  const key = JSON.stringify([filter, sort, ascending]);
  const stamp = contractChangeStamp(db);
  let cache = orders.get(ctx.session);
  if (!cache || cache.key !== key || cache.stamp !== stamp) {
    cache = { key, stamp, rowids: orderedContractRowids(db, filter, sort, ascending) };
    orders.set(ctx.session, cache);
  }
  const window = Array.from(cache.rowids.subarray(offset, offset + limit));
  const position = new Map(window.map((rowid, index) => [rowid, index]));
  const name = displayNamer(db, ctx.locale);
  const rows: ContractRow[] = new Array<ContractRow>(window.length);
  for (const { row, tags } of contractRowsByRowid(db, window)) {
    const contract = name({
      id: row.id, title: row.title, number: row.number, customerId: row.customer_id, customerName: row.customer_name,
      type: row.type as ContractType, status: row.status as ContractStatus, signingDate: row.signing_date, startDate: row.start_date,
      endDate: row.end_date, amount: row.amount_minor === null || row.currency === null ? null : { minor: row.amount_minor, currency: row.currency },
      tags, notes: row.notes, createdAt: row.created_at, updatedAt: row.updated_at,
    });
    rows[position.get(row.rowid) ?? 0] = { ...contract, folderId: row.folder_id };
  }
  return { total: cache.rowids.length, offset, rows: rows.filter((r) => r !== undefined) };
}

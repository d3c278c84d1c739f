import type { ContractPageSort } from '../../../../src-shared/model/contractPage.ts';
import type { ContractStatus, ContractType } from '../../../../src-shared/model/contract.ts';
import type { VaultDatabase } from '../connection.ts';
import { prepareCached } from '../statementCache.ts';

/** The filters of the contracts table's sidebar, all optional, combined with AND. */
export interface ContractFilter {
  text?: string | undefined;
  customerIds?: string[] | undefined;
  types?: ContractType[] | undefined;
  statuses?: ContractStatus[] | undefined;
  /** Contracts carrying every one of these tags (case-insensitive). */
  tags?: string[] | undefined;
  /** A folder's id (with `includeSubfolders`, its whole subtree), or 'none' for contracts in no folder. */
  folder?: string | undefined;
  includeSubfolders?: boolean | undefined;
  signedFrom?: string | undefined;
  signedTo?: string | undefined;
  endsFrom?: string | undefined;
  endsTo?: string | undefined;
  minAmountMinor?: number | undefined;
  maxAmountMinor?: number | undefined;
  currency?: string | undefined;
}

const sortColumns: Record<ContractPageSort, string> = {
  title: 'k.title COLLATE NOCASE',
  customer: 'c.name COLLATE NOCASE',
  type: 'k.type',
  status: 'k.status',
  signingDate: 'k.signing_date',
  endDate: 'k.end_date',
  amount: 'k.currency, k.amount_minor',
  createdAt: 'k.created_at',
};

const like = (text: string) => `%${text.replace(/[\\%_]/gu, (m) => `\\${m}`)}%`;

/** The WHERE clause and its parameters for a filter. */
function whereOf(filter: ContractFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const text = filter.text?.trim();
  if (text) {
    clauses.push("(k.title LIKE ? ESCAPE '\\' OR k.number LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')");
    params.push(like(text), like(text), like(text));
  }
  inList('k.customer_id', filter.customerIds);
  inList('k.type', filter.types);
  inList('k.status', filter.statuses);
  for (const tag of filter.tags ?? []) {
    clauses.push('EXISTS (SELECT 1 FROM contract_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contract_id = k.id AND t.name = ? COLLATE NOCASE)');
    params.push(tag);
  }
  if (filter.folder === 'none') clauses.push('k.folder_id IS NULL');
  else if (filter.folder !== undefined && filter.includeSubfolders) {
    clauses.push(`k.folder_id IN (WITH RECURSIVE sub(id, depth) AS (SELECT ?, 0 UNION ALL SELECT f.id, sub.depth + 1 FROM folders f JOIN sub ON f.parent_id = sub.id WHERE sub.depth < 10000) SELECT id FROM sub)`);
    params.push(filter.folder);
  } else if (filter.folder !== undefined) {
    clauses.push('k.folder_id = ?');
    params.push(filter.folder);
  }
  const range = (column: string, op: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(`${column} ${op} ?`);
    params.push(value);
  };
  range('k.signing_date', '>=', filter.signedFrom);
  range('k.signing_date', '<=', filter.signedTo);
  range('k.end_date', '>=', filter.endsFrom);
  range('k.end_date', '<=', filter.endsTo);
  range('k.amount_minor', '>=', filter.minAmountMinor);
  range('k.amount_minor', '<=', filter.maxAmountMinor);
  range('k.currency', '=', filter.currency);
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

/**
 * The rowids of every matching contract in table order: empty values last whichever the direction, then
 * newest first as the tie-break so the order is total and stable between pages.
 */
export function orderedContractRowids(db: VaultDatabase, filter: ContractFilter, sort: ContractPageSort, ascending: boolean): Int32Array {
  const where = whereOf(filter);
  const direction = ascending ? 'ASC' : 'DESC';
  const columns = sortColumns[sort].split(', ');
  const order = columns.map((column) => `${column.split(' ')[0]} IS NULL, ${column} ${direction}`).join(', ');
  const sql = `SELECT k.rowid AS r FROM contracts k LEFT JOIN customers c ON c.id = k.customer_id ${where.sql} ORDER BY ${order}, k.created_at DESC, k.rowid DESC`;
  const rows = prepareCached(db, sql).all(...where.params) as { r: number }[];
  const rowids = new Int32Array(rows.length);
  rows.forEach((row, index) => { rowids[index] = row.r; });
  return rowids;
}

/** A counter that grows with every change to a contract, its tags, files or customer name (the search triggers' log). */
export function contractChangeStamp(db: VaultDatabase): number {
  const row = prepareCached(db, "SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'").get() as { seq: number } | undefined;
  return row?.seq ?? 0;
}

interface RowWithFolder {
  rowid: number; id: string; title: string; number: string | null; customer_id: string | null; customer_name: string | null;
  type: string; status: string; signing_date: string | null; start_date: string | null; end_date: string | null;
  amount_minor: number | null; currency: string | null; notes: string | null; created_at: string; updated_at: string; folder_id: string | null;
}

/** The rows with these rowids (any order), with their tags. */
export function contractRowsByRowid(db: VaultDatabase, rowids: readonly number[]): { row: RowWithFolder; tags: string[] }[] {
  if (rowids.length === 0) return [];
  const marks = rowids.map(() => '?').join(', ');
  const rows = prepareCached(db, `SELECT k.rowid AS rowid, k.*, c.name AS customer_name FROM contracts k LEFT JOIN customers c ON c.id = k.customer_id WHERE k.rowid IN (${marks})`)
    .all(...rowids) as RowWithFolder[];
  const tagRows = prepareCached(db, `SELECT ct.contract_id, t.name FROM contract_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contract_id IN (${rows.map(() => '?').join(', ') || "''"}) ORDER BY t.name`)
    .all(...rows.map((r) => r.id)) as { contract_id: string; name: string }[];
  const tags = new Map<string, string[]>();
  for (const t of tagRows) tags.set(t.contract_id, [...(tags.get(t.contract_id) ?? []), t.name]);
  return rows.map((row) => ({ row, tags: tags.get(row.id) ?? [] }));
}

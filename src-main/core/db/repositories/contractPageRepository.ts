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

/** The ORDER BY terms of each sort, and the column whose empty values go last (null: never empty). */
const sortColumns: Record<ContractPageSort, { terms: string[]; nullable: string | null }> = {
  title: { terms: ['k.title COLLATE NOCASE'], nullable: null },
  customer: { terms: ['c.name COLLATE NOCASE'], nullable: 'c.name' },
  type: { terms: ['k.type'], nullable: null },
  status: { terms: ['k.status'], nullable: null },
  signingDate: { terms: ['k.signing_date'], nullable: 'k.signing_date' },
  endDate: { terms: ['k.end_date'], nullable: 'k.end_date' },
  amount: { terms: ['k.currency', 'k.amount_minor'], nullable: 'k.amount_minor' },
  createdAt: { terms: ['k.created_at'], nullable: null },
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
 * The rowids of every matching contract in table order. Ties are broken by rowid in the sort's direction
 * (rowid ends every index, so one index scan gives the whole order without a sort); contracts with no value
 * in the sort column come last whichever the direction, newest first, from a second query.
 */
export function orderedContractRowids(db: VaultDatabase, filter: ContractFilter, sort: ContractPageSort, ascending: boolean): Int32Array {
  const where = whereOf(filter);
  const direction = ascending ? 'ASC' : 'DESC';
  const { terms, nullable } = sortColumns[sort];
  const from = 'FROM contracts k LEFT JOIN customers c ON c.id = k.customer_id';
  const and = (extra: string) => (where.sql === '' ? `WHERE ${extra}` : `${where.sql} AND ${extra}`);
  const valued = prepareCached(db, `SELECT k.rowid AS r ${from} ${nullable === null ? where.sql : and(`${nullable} IS NOT NULL`)} ORDER BY ${terms.map((t) => `${t} ${direction}`).join(', ')}, k.rowid ${direction}`)
    .all(...where.params) as { r: number }[];
  const empty = nullable === null ? [] : prepareCached(db, `SELECT k.rowid AS r ${from} ${and(`${nullable} IS NULL`)} ORDER BY k.rowid DESC`).all(...where.params) as { r: number }[];
  const rowids = new Int32Array(valued.length + empty.length);
  valued.forEach((row, index) => { rowids[index] = row.r; });
  empty.forEach((row, index) => { rowids[valued.length + index] = row.r; });
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

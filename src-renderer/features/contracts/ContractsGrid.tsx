import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Spin, theme } from 'antd';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type DragEvent, type ReactNode } from 'react';
import type { ContractRow } from '../../../src-shared/model/contractPage.ts';
import type { Locale } from '../../../src-shared/i18n/translate.ts';
import type { Translator } from '../../i18n/useT.ts';
import { contractCells } from './contractCells.ts';
import type { ContractSort } from './contractsStore.ts';

/** Every row has this height, so the grid places rows by arithmetic and never measures one. */
export const GRID_ROW_HEIGHT = 40;
const HEADER_HEIGHT = 44;
/**
 * Rows per block. The grid virtualises blocks of rows, not rows: each block is one contained element placed
 * by a transform, with its rows in normal flow inside it (decision 0025, stop 13). A scroll step that brings
 * no new block changes nothing in the DOM (no React render, style, layout or paint: the compositor scrolls),
 * and a block is painted once, when it enters. Five rows keep the frame that builds one short.
 */
const BLOCK_ROWS = 5;
const BLOCK_HEIGHT = BLOCK_ROWS * GRID_ROW_HEIGHT;
// Blocks rendered beyond the visible ones on each side, so a fast scroll step finds its rows in the DOM.
const OVERSCAN_BLOCKS = 1;

/** A column of the grid: its key (the row field or a computed cell), header text, width and sortability. */
export interface GridColumn {
  key: 'displayName' | 'customer' | 'type' | 'status' | 'signingDate' | 'endDate' | 'amount' | 'tags' | 'createdAt';
  label: string;
  width: number;
  sortable: boolean;
  alignRight?: boolean;
}

/** What the grid needs from its page: rows by index, the selection, and what to do on a click, tick or drag. */
export interface ContractsGridProps {
  total: number | null;
  /** Bumped when a window of rows arrives. */
  version: number;
  loading: boolean;
  rowAt: (index: number) => ContractRow | undefined;
  columns: readonly GridColumn[];
  locale: Locale;
  t: Translator;
  sort: ContractSort | null;
  onSort: (sort: ContractSort | null) => void;
  isSelected: (id: string) => boolean;
  onToggle: (id: string, checked: boolean) => void;
  onOpen: (id: string) => void;
  onDragStart: (event: DragEvent, id: string) => void;
  /** The rows `first`..`last` are about to show (with the direction of the scroll): fetch their windows. */
  onRange: (first: number, last: number, forward: boolean) => void;
  headerCheckbox: ReactNode;
  label: string;
  emptyText: string;
  loadingText: string;
  /** Changes when the sort or the filters change: the grid then scrolls back to the top. */
  resetKey: string;
  height: number;
}

interface RowProps {
  index: number;
  row: ContractRow | undefined;
  columns: readonly GridColumn[];
  locale: Locale;
  t: Translator;
  checked: boolean;
  onToggle: (id: string, checked: boolean) => void;
  onOpen: (id: string) => void;
  onDragStart: (event: DragEvent, id: string) => void;
}

function cellContent(column: GridColumn, row: ContractRow, locale: Locale, t: Translator, onOpen: (id: string) => void): ReactNode {
  switch (column.key) {
    case 'displayName':
      return <button type="button" className="grid-link" onClick={() => onOpen(row.id)}>{row.displayName}</button>;
    case 'customer':
      return row.customerName ?? '';
    case 'type':
      return contractCells(row, locale, t).type;
    case 'status':
      return <span className={`grid-status grid-status-${row.status}`}>{contractCells(row, locale, t).status}</span>;
    case 'signingDate':
      return row.signingDate ?? '';
    case 'endDate':
      return row.endDate ?? '';
    case 'amount':
      return contractCells(row, locale, t).amount;
    case 'tags':
      return row.tags.map((tag) => <span key={tag} className="grid-tag">{tag}</span>);
    case 'createdAt':
      return contractCells(row, locale, t).createdAt;
  }
  return null;
}

/**
 * One row, memoised: while the grid scrolls only the rows entering the window render; a row re-renders
 * when its data arrives, its tick changes or the columns or language change. A row whose window has not
 * arrived yet shows empty cells (`data-placeholder`).
 */
const GridRow = memo(function GridRow({ index, row, columns, locale, t, checked, onToggle, onOpen, onDragStart }: RowProps) {
  if (row === undefined) {
    return (
      <div role="row" aria-rowindex={index + 2} className="grid-row grid-row-placeholder" data-placeholder="">
        <div role="cell" className="grid-cell grid-cell-select" />
        {columns.map((column) => <div key={column.key} role="cell" className="grid-cell" style={{ width: column.width }} />)}
      </div>
    );
  }
  return (
    <div
      role="row" aria-rowindex={index + 2} aria-selected={checked} className={checked ? 'grid-row grid-row-selected' : 'grid-row'}
      data-contract-id={row.id} draggable onDragStart={(event) => onDragStart(event, row.id)}
    >
      <div role="cell" className="grid-cell grid-cell-select">
        <input type="checkbox" checked={checked} aria-label={t('ui.contracts.select', { name: row.displayName })} onChange={(e) => onToggle(row.id, e.target.checked)} />
      </div>
      {columns.map((column) => (
        <div key={column.key} role="cell" className={column.alignRight ? 'grid-cell grid-cell-right' : 'grid-cell'} style={{ width: column.width }}>
          {cellContent(column, row, locale, t, onOpen)}
        </div>
      ))}
    </div>
  );
});

interface BlockProps extends Omit<RowProps, 'index' | 'row' | 'checked'> {
  block: number;
  count: number;
  /** Bumped when a window of rows arrives: the block re-reads its rows (each row re-renders only if it changed). */
  version: number;
  rowAt: (index: number) => ContractRow | undefined;
  isSelected: (id: string) => boolean;
}

/**
 * A block of `BLOCK_ROWS` rows, placed once by its index. It re-renders when rows arrive, the selection,
 * columns or language change; not while the grid scrolls.
 */
const GridBlock = memo(function GridBlock({ block, count, rowAt, isSelected, ...rest }: BlockProps) {
  const first = block * BLOCK_ROWS;
  const rows: ReactNode[] = [];
  for (let index = first; index < Math.min(count, first + BLOCK_ROWS); index += 1) {
    const row = rowAt(index);
    rows.push(<GridRow key={row?.id ?? `~${index}`} index={index} row={row} checked={row !== undefined && isSelected(row.id)} {...rest} />);
  }
  return (
    <div role="presentation" className="grid-block" style={{ transform: `translateY(${block * BLOCK_HEIGHT}px)`, height: rows.length * GRID_ROW_HEIGHT }}>
      {rows}
    </div>
  );
});

/**
 * The sticky header, memoised: the grid re-renders whenever a block enters or leaves, and the header's sort
 * buttons and antd icons would otherwise re-render with it (decision 0025).
 */
const GridHeader = memo(function GridHeader({ columns, sort, onSort, headerCheckbox, width }: {
  columns: readonly GridColumn[];
  sort: ContractSort | null;
  onSort: (sort: ContractSort | null) => void;
  headerCheckbox: ReactNode;
  width: number;
}) {
  return (
    <div role="rowgroup" className="grid-head" style={{ width, height: HEADER_HEIGHT }}>
      <div role="row" aria-rowindex={1} className="grid-head-row">
        <div role="columnheader" className="grid-cell grid-cell-select">{headerCheckbox}</div>
        {columns.map((column) => {
          const order = sort !== null && sort.columnKey === column.key ? sort.order : null;
          return (
            <div
              key={column.key} role="columnheader" style={{ width: column.width }}
              className={column.alignRight ? 'grid-cell grid-head-cell grid-cell-right' : 'grid-cell grid-head-cell'}
              aria-sort={column.sortable ? (order === 'ascend' ? 'ascending' : order === 'descend' ? 'descending' : 'none') : undefined}
            >
              {column.sortable ? (
                <button type="button" className="grid-sort" onClick={() => onSort(nextSort(sort, column.key))}>
                  <span>{column.label}</span>
                  <span className="grid-sort-icons" aria-hidden>
                    <CaretUpOutlined className={order === 'ascend' ? 'grid-sort-on' : undefined} />
                    <CaretDownOutlined className={order === 'descend' ? 'grid-sort-on' : undefined} />
                  </span>
                </button>
              ) : column.label}
            </div>
          );
        })}
      </div>
    </div>
  );
});

function nextSort(sort: ContractSort | null, key: string): ContractSort | null {
  if (sort === null || sort.columnKey !== key) return { columnKey: key, order: 'ascend' };
  return sort.order === 'ascend' ? { columnKey: key, order: 'descend' } : null;
}

/**
 * The contracts as a light virtualised grid (@tanstack/react-virtual, decisions 0020 and 0025): one scroll
 * element with an opaque background (so Chromium scrolls it on the compositor), a sticky header, and blocks
 * of fixed-height rows of plain elements, so most scroll steps cost the browser a compositor move only and
 * React renders a block only when it enters. antd's virtual Table
 * rendered every visible row's cells through its own components on each step and dropped frames at
 * 100,000 rows. Its colours come from antd's theme tokens, so light and dark themes both work.
 */
export function ContractsGrid(props: ContractsGridProps) {
  const { total, version, loading, rowAt, columns, locale, t, sort, onSort, isSelected, onToggle, onOpen, onDragStart, onRange, headerCheckbox, label, emptyText, loadingText, resetKey, height } = props;
  const { token } = theme.useToken();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  const virtualizer = useVirtualizer({
    count: Math.ceil(count / BLOCK_ROWS),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => BLOCK_HEIGHT,
    overscan: OVERSCAN_BLOCKS,
    // The header sits above the rows inside the scroll element.
    scrollMargin: HEADER_HEIGHT,
    // A block that enters is rendered in a task of its own after the scroll event, not inside the frame that
    // dispatched it: the frame keeps its margin, and the overscan block covers the one frame of delay.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = (items[0]?.index ?? 0) * BLOCK_ROWS;
  const last = items.length === 0 ? -1 : Math.min(count, ((items.at(-1)?.index ?? 0) + 1) * BLOCK_ROWS) - 1;
  const previousFirst = useRef(0);
  useEffect(() => {
    if (last < 0) return;
    onRange(first, last, first >= previousFirst.current);
    previousFirst.current = first;
  }, [first, last, onRange, version]);

  // A new sort or filter starts at the top.
  useLayoutEffect(() => {
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  const width = columns.reduce((sum, column) => sum + column.width, 48);
  // Built once per theme: the grid re-renders every scroll step, and a new style object would be diffed each time.
  const vars = useMemo(() => ({
    '--grid-border': token.colorBorderSecondary,
    '--grid-header-bg': token.colorFillAlter,
    '--grid-bg': token.colorBgContainer,
    '--grid-hover': token.controlItemBgHover,
    '--grid-selected': token.controlItemBgActive,
    '--grid-text': token.colorText,
    '--grid-link': token.colorLink,
    '--grid-tag-bg': token.colorFillQuaternary,
    '--grid-tag-border': token.colorBorder,
    '--grid-success': token.colorSuccess,
    '--grid-warning': token.colorWarning,
    '--grid-error': token.colorError,
    '--grid-default': token.colorTextQuaternary,
    '--grid-row-height': `${GRID_ROW_HEIGHT}px`,
  }) as CSSProperties, [token]);

  return (
    <div className="contracts-grid" style={vars}>
      <div ref={scrollRef} className="grid-scroll" style={{ height }} role="table" aria-label={label} aria-rowcount={count + 1} aria-busy={loading}>
        <GridHeader columns={columns} sort={sort} onSort={onSort} headerCheckbox={headerCheckbox} width={width} />
        <div role="rowgroup" className="grid-body" style={{ width, height: count * GRID_ROW_HEIGHT }}>
          {items.map((item) => (
            <GridBlock
              key={item.index} block={item.index} count={count} version={version} rowAt={rowAt} columns={columns} locale={locale} t={t}
              isSelected={isSelected} onToggle={onToggle} onOpen={onOpen} onDragStart={onDragStart}
            />
          ))}
        </div>
        {total === 0 ? <div className="grid-empty"><Empty description={emptyText} /></div> : null}
        {total === null && loading ? <div className="grid-empty"><Spin aria-label={loadingText} /></div> : null}
      </div>
    </div>
  );
}

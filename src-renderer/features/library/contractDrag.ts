/** The drag type that carries contract ids from the table to a folder (never files, so the import layer ignores it). */
export const CONTRACTS_DRAG_TYPE = 'application/x-cvault-contracts';

/** Puts contract ids on a drag. */
export function startContractDrag(transfer: DataTransfer, ids: readonly string[]): void {
  transfer.setData(CONTRACTS_DRAG_TYPE, JSON.stringify(ids));
  transfer.effectAllowed = 'move';
}

/**
 * The drag type of "the current selection" when it is "every contract matching the filters": the ids are
 * not in the renderer, so the drop acts on the table's selection, which the backend resolves.
 */
export const SELECTION_DRAG_TYPE = 'application/x-cvault-selection';

/** Puts "the table's current selection" on a drag. */
export function startSelectionDrag(transfer: DataTransfer): void {
  transfer.setData(SELECTION_DRAG_TYPE, '1');
  transfer.effectAllowed = 'move';
}

/** Whether a drag carries the table's whole "all matching" selection rather than listed ids. */
export function carriesSelection(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes(SELECTION_DRAG_TYPE);
}

/** Whether a drag carries contracts from the table. */
export function carriesContracts(transfer: DataTransfer | null): boolean {
  return transfer !== null && (Array.from(transfer.types).includes(CONTRACTS_DRAG_TYPE) || carriesSelection(transfer));
}

/** The contract ids a drop carries (ids only: anything else is ignored). */
export function droppedContractIds(transfer: DataTransfer): string[] {
  try {
    const parsed: unknown = JSON.parse(transfer.getData(CONTRACTS_DRAG_TYPE));
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string' && /^[0-9a-f]{32}$/u.test(v)) : [];
  } catch {
    return [];
  }
}

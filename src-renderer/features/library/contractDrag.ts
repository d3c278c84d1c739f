/** The drag type that carries contract ids from the table to a folder (never files, so the import layer ignores it). */
export const CONTRACTS_DRAG_TYPE = 'application/x-cvault-contracts';

/** Puts contract ids on a drag. */
export function startContractDrag(transfer: DataTransfer, ids: readonly string[]): void {
  transfer.setData(CONTRACTS_DRAG_TYPE, JSON.stringify(ids));
  transfer.effectAllowed = 'move';
}

/** Whether a drag carries contracts from the table. */
export function carriesContracts(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes(CONTRACTS_DRAG_TYPE);
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

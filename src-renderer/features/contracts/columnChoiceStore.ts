import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** The table's optional columns, in their order. */
export const choosableColumns = ['customer', 'type', 'status', 'signingDate', 'endDate', 'amount', 'tags', 'createdAt'] as const;
export type ChoosableColumn = (typeof choosableColumns)[number];

interface ColumnChoiceState {
  hidden: ChoosableColumn[];
  setHidden: (hidden: ChoosableColumn[]) => void;
}

/** Which columns the contracts table shows: a UI preference (kept in localStorage; holds nothing from the vault). */
export const useColumnChoiceStore = create<ColumnChoiceState>()(
  persist((set) => ({ hidden: ['tags', 'createdAt'], setHidden: (hidden) => set({ hidden }) }), { name: 'cvault.contractColumns' }),
);

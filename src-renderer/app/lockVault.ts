import { useBackupStore } from '../features/backup/backupStore.ts';
import { useSavedSearchesStore } from '../features/search/savedSearchesStore.ts';
import { useContractPageStore } from '../features/contract/contractPageStore.ts';
import { useContractsStore } from '../features/contracts/contractsStore.ts';
import { useCustomerPageStore } from '../features/customers/customerPageStore.ts';
import { useLibraryStore } from '../features/library/libraryStore.ts';
import { useCustomersStore } from '../features/customers/customersStore.ts';
import { useImportQueueStore } from '../features/import/importQueueStore.ts';
import { useSearchStore } from '../features/search/searchStore.ts';
import { useVaultStore } from '../features/vault/vaultStore.ts';
import { useNavigationStore } from './navigationStore.ts';

/** Locks the vault and forgets everything read from it, so nothing of it stays in the page's memory; the next unlock starts at the contracts. */
export async function lockVault(): Promise<void> {
  await useVaultStore.getState().lock();
  if (useVaultStore.getState().phase !== 'locked') return;
  useContractsStore.getState().reset();
  useCustomersStore.getState().reset();
  useLibraryStore.getState().reset();
  useCustomerPageStore.getState().reset();
  useSearchStore.getState().reset();
  useContractPageStore.getState().reset();
  useImportQueueStore.getState().reset();
  useBackupStore.getState().reset();
  useSavedSearchesStore.getState().reset();
  useNavigationStore.getState().go('contracts');
}

import { create } from 'zustand';
import type { ContractDetail } from '../../../src-shared/model/contract.ts';
import type { AuditEvent } from '../../../src-shared/model/auditEvent.ts';
import type { MetadataField } from '../../../src-shared/rules/metadata/contractMetadata.ts';
import { appApi } from '../../api/appApi.ts';
import { callApi } from '../../api/callApi.ts';
import type { Problem } from '../../api/problem.ts';
import { useContractsStore } from '../contracts/contractsStore.ts';
import type { ContractChanges } from './contractFormValues.ts';


interface ContractPageState {
  detail: ContractDetail | null;
  audit: AuditEvent[] | null;
  loading: boolean;
  saving: boolean;
  problem: Problem | null;
  load: (id: string) => Promise<void>;
  /** Saves the changes; true when they were saved (the form then shows the stored values). */
  save: (changes: ContractChanges) => Promise<boolean>;
  confirm: (field: MetadataField) => Promise<void>;
  reloadAudit: () => Promise<void>;
  clearProblem: () => void;
  reset: () => void;
}

let loadSeq = 0;

/** The contract page's data: the contract with its files, versions and extracted fields, and its audit trail. */
export const useContractPageStore = create<ContractPageState>()((set, get) => ({
  detail: null,
  audit: null,
  loading: false,
  saving: false,
  problem: null,
  load: async (id) => {
    const seq = ++loadSeq;
    set({ loading: true, problem: null, ...(get().detail?.id === id ? {} : { detail: null, audit: null }) });
    const [detail, audit] = await Promise.all([callApi(appApi, 'contracts.get', { id }), callApi(appApi, 'audit.list', { recordId: id, limit: 500 })]);
    if (seq !== loadSeq) return;
    if (!detail.ok) return set({ loading: false, problem: detail.problem });
    set({ detail: detail.value, audit: audit.ok ? audit.value : null, loading: false, problem: audit.ok ? null : audit.problem });
  },
  save: async (changes) => {
    const id = get().detail?.id;
    if (id === undefined) return false;
    set({ saving: true, problem: null });
    const outcome = await callApi(appApi, 'contracts.update', { id, ...changes });
    set({ saving: false });
    if (!outcome.ok) {
      set({ problem: outcome.problem });
      return false;
    }
    // The table shows the changed title, customer and amount on its next visit.
    useContractsStore.getState().reset();
    await get().load(id);
    return true;
  },
  confirm: async (field) => {
    const id = get().detail?.id;
    if (id === undefined) return;
    const outcome = await callApi(appApi, 'contracts.confirmField', { id, field });
    if (!outcome.ok) return set({ problem: outcome.problem });
    const detail = get().detail;
    if (detail?.id === id) set({ detail: { ...detail, fields: detail.fields.map((f) => (f.field === field ? outcome.value : f)) } });
    await get().reloadAudit();
  },
  reloadAudit: async () => {
    const id = get().detail?.id;
    if (id === undefined) return;
    const audit = await callApi(appApi, 'audit.list', { recordId: id, limit: 500 });
    if (audit.ok && get().detail?.id === id) set({ audit: audit.value });
  },
  clearProblem: () => set({ problem: null }),
  reset: () => {
    loadSeq += 1;
    set({ detail: null, audit: null, loading: false, saving: false, problem: null });
  },
}));

import { useEffect, useState } from 'react';
import type { OperationRequest, OperationResult } from '../../../../src-shared/api/operations.ts';
import { appApi } from '../../../api/appApi.ts';
import { callApi } from '../../../api/callApi.ts';
import type { Problem } from '../../../api/problem.ts';
import { useContractPageStore } from '../contractPageStore.ts';

type VersionOperation = 'files.content' | 'files.text' | 'files.preview';

/** The state of one version read: loading, its value, or the problem. */
export type VersionData<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; problem: Problem };

/** Reads a version's content, text or preview once per version; a late answer for a version no longer shown is dropped. */
export function useVersionData<N extends VersionOperation>(name: N, contractId: string, versionId: string) {
  const [data, setData] = useState<VersionData<OperationResult<N>>>({ state: 'loading' });
  const reloadAudit = useContractPageStore((state) => state.reloadAudit);
  useEffect(() => {
    let current = true;
    setData({ state: 'loading' });
    // The three operations take the same input; TypeScript cannot see that through the generic N.
    void callApi(appApi, name, { contractId, versionId } as OperationRequest<N>).then((outcome) => {
      if (!current) return;
      setData(outcome.ok ? { state: 'ready', value: outcome.value } : { state: 'failed', problem: outcome.problem });
      // Viewing is an audited read: the history tab shows it at once.
      void reloadAudit();
    });
    return () => {
      current = false;
    };
  }, [name, contractId, versionId, reloadAudit]);
  return data;
}

/** Base64 (as the bridge carries a file's bytes) to bytes. */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

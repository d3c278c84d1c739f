import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import type { ApiClient } from './apiClient.ts';
import { problemOfEnvelope, problemOfThrown, type Problem } from './problem.ts';
import type { InvokeOptions } from './transport.ts';

/** The outcome of one call as the stores use it: the value, or the problem to show. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Runs one operation and folds both kinds of failure (a refused operation, an unreachable backend) into one Problem. */
export async function callApi<N extends OperationName>(
  api: ApiClient,
  name: N,
  input: OperationRequest<N>,
  options?: InvokeOptions,
): Promise<CallOutcome<OperationResult<N>>> {
  try {
    const envelope = await api.invoke(name, input, options);
    return envelope.ok ? { ok: true, value: envelope.value } : { ok: false, problem: problemOfEnvelope(envelope.error) };
  } catch (error) {
    return { ok: false, problem: problemOfThrown(error) };
  }
}

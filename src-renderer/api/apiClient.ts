import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { OperationName, OperationRequest, OperationResult } from '../../src-shared/api/operations.ts';
import type { InvokeOptions, Transport } from './transport.ts';

/** The typed API of DESIGN.md §2 as the renderer sees it: one `invoke` whose input and result follow the operation's name. */
export interface ApiClient {
  invoke<N extends OperationName>(name: N, input: OperationRequest<N>, options?: InvokeOptions): Promise<Envelope<OperationResult<N>>>;
}

/** Wraps a transport in the typed map; validation stays at the door (the backend), so the renderer ships no zod. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    invoke: async <N extends OperationName>(name: N, input: OperationRequest<N>, options?: InvokeOptions) =>
      // The transport is untyped by design (it carries any operation); the map above is what types the answer.
      (await transport.invoke(name, input, options)) as Envelope<OperationResult<N>>,
  };
}

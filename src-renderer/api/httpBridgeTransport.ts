import { OPERATION_HEADER } from '../../src-shared/api/bytesImport.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { NdjsonLineSplitter } from './ndjsonLines.ts';
import { TransportError, type InvokeOptions, type Transport } from './transport.ts';

/** Where the loopback bridge is and the per-launch secret that opens it. */
export interface HttpBridgeOptions {
  token: string;
  /** Base URL of the bridge; default the page's own origin (the bridge serves the app). */
  baseUrl?: string;
  /** Injected for tests in Node; default the global fetch. */
  fetch?: typeof fetch;
}

type BridgeLine = { progress: ProgressEvent } | { result: Envelope<unknown> };

function parseLine(line: string): BridgeLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new TransportError('protocol', 'a line of the answer is not JSON');
  }
  if (typeof parsed === 'object' && parsed !== null && ('progress' in parsed || 'result' in parsed)) return parsed as BridgeLine;
  throw new TransportError('protocol', 'unexpected line in the answer');
}

/**
 * The browser-mode transport: `POST /api/invoke` on the loopback bridge with the bearer token; the
 * answer is read as a stream so progress lines reach `onProgress` while the work is still running,
 * and the last line carries the envelope.
 */
export function createHttpBridgeTransport(options: HttpBridgeOptions): Transport {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const endpoint = `${options.baseUrl ?? ''}/api/invoke`;
  return {
    async invoke(name: string, input: unknown, callOptions: InvokeOptions = {}): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: 'POST',
          // The operation header lets the bridge pick this call's body limit before reading the body.
          headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json', [OPERATION_HEADER]: name },
          body: JSON.stringify({ name, input }),
          ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        });
      } catch (error) {
        if (callOptions.signal?.aborted) throw new TransportError('cancelled', name);
        throw new TransportError('unreachable', error instanceof Error ? error.message : String(error));
      }
      if (response.status === 401 || response.status === 403) throw new TransportError('unauthorised', `HTTP ${response.status}`);
      if (!response.ok || response.body === null) throw new TransportError('protocol', `HTTP ${response.status}`);

      const splitter = new NdjsonLineSplitter();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      let result: Envelope<unknown> | undefined;
      const handle = (lines: string[]): void => {
        for (const line of lines) {
          const parsed = parseLine(line);
          if ('result' in parsed) result = parsed.result;
          else callOptions.onProgress?.(parsed.progress);
        }
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          handle(splitter.push(decoder.decode(value, { stream: true })));
        }
        handle(splitter.push(decoder.decode()));
        handle(splitter.finish());
      } catch (error) {
        if (error instanceof TransportError) throw error;
        if (callOptions.signal?.aborted) throw new TransportError('cancelled', name);
        throw new TransportError('unreachable', error instanceof Error ? error.message : String(error));
      }
      if (result === undefined) throw new TransportError('protocol', 'the answer ended without a result');
      return result;
    },
  };
}

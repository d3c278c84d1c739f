import type { Envelope } from '../../src-shared/api/envelope.ts';
import type { ErrorCode } from '../../src-shared/api/errorCodes.ts';
import { TransportError, type TransportFailure } from './transport.ts';

/**
 * Something that went wrong, kept as data (a code and its parameters), never as text: the screen
 * translates it when it renders, so switching the language re-translates errors already shown.
 */
export type Problem =
  | { kind: 'operation'; code: ErrorCode; params: Record<string, string | number> }
  | { kind: 'transport'; failure: TransportFailure };

/** The problem of a failed envelope. */
export function problemOfEnvelope(error: Extract<Envelope<unknown>, { ok: false }>['error']): Problem {
  return { kind: 'operation', code: error.code, params: error.params };
}

/** The problem of a rejected call: a transport failure, or (a bug) anything else thrown. */
export function problemOfThrown(error: unknown): Problem {
  if (error instanceof TransportError) return { kind: 'transport', failure: error.failure };
  return { kind: 'transport', failure: 'protocol' };
}

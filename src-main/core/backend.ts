import { AppError, isAppError } from '../../src-shared/api/appError.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import { isOperationName, operations, type OperationName, type OperationResult } from '../../src-shared/api/operations.ts';
import type { Permission } from '../../src-shared/api/permissions.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import type { HandlerContext, SessionSlot } from './handlerContext.ts';
import { handlers } from './handlers.ts';
import { maxFileBytes } from './services/importLimits.ts';

/** Who is calling, in which language errors should come back. */
export interface BackendOptions {
  actor: string;
  locale: Locale;
}

/** Per-call options of a door: where progress events of long work go. */
export interface InvokeOptions {
  onProgress?: (event: ProgressEvent) => void;
  /** Cancels long work; what was already committed stays. */
  signal?: AbortSignal;
}

/** Until members land, the single local owner may do everything; the check is already in the path. */
function mayPerform(_actor: string, _permission: Permission): boolean {
  return true;
}

/**
 * The one entry point every door (Electron IPC, the web bridge, the CLI) calls: validates the input
 * against the API map, authorises, runs the handler, and returns the envelope with a translated error.
 * Nothing thrown escapes: an unexpected exception becomes INTERNAL without a stack in the message.
 */
export class Backend {
  private readonly slot: SessionSlot = { current: null };

  constructor(private readonly options: BackendOptions) {}

  /** Runs one operation by name. */
  async invoke<N extends OperationName>(name: N, rawInput: unknown, options?: InvokeOptions): Promise<Envelope<OperationResult<N>>>;
  async invoke(name: string, rawInput: unknown, options?: InvokeOptions): Promise<Envelope<unknown>>;
  async invoke(name: string, rawInput: unknown, options: InvokeOptions = {}): Promise<Envelope<unknown>> {
    try {
      if (!isOperationName(name)) throw new AppError('UNKNOWN_OPERATION', { name: name.slice(0, 100) });
      const definition = operations[name];
      const parsed = definition.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
        throw new AppError('INVALID_INPUT', { detail });
      }
      if (!mayPerform(this.options.actor, definition.permission)) throw new AppError('PERMISSION_DENIED');
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, this.context(name, options));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: this.describe(toAppError(error)) };
    }
  }

  /** The open vault's import size limit in bytes, or null when no vault is open (a door sizes its requests by it). */
  importLimitBytes(): number | null {
    const session = this.slot.current;
    return session ? maxFileBytes(session.db) : null;
  }

  /** Locks the vault if one is open; call before the process exits. */
  async dispose(): Promise<void> {
    await this.invoke('vault.lock', {});
  }

  private context(operation: OperationName, options: InvokeOptions): HandlerContext {
    const listener = options.onProgress;
    return {
      slot: this.slot,
      actor: this.options.actor,
      locale: this.options.locale,
      describe: (e) => this.describe(e),
      signal: options.signal,
      progress: (event) => {
        // A listener's own failure must never abort the work it is watching.
        try {
          listener?.({ operation, ...event });
        } catch {
          /* ignored on purpose */
        }
      },
    };
  }

  private describe(error: AppError): { code: AppError['code']; message: string; params: Record<string, string | number> } {
    return { code: error.code, message: translate(this.options.locale, `error.${error.code}`, error.params), params: error.params };
  }
}

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', { detail: message.split('\n')[0]?.slice(0, 200) ?? '' }, { cause: error });
}

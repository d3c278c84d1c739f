import { AppError, isAppError } from '../../src-shared/api/appError.ts';
import type { Envelope } from '../../src-shared/api/envelope.ts';
import { isOperationName, operations, type OperationName, type OperationResult } from '../../src-shared/api/operations.ts';
import type { Permission } from '../../src-shared/api/permissions.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import { translate, type Locale } from '../../src-shared/i18n/translate.ts';
import type { HandlerContext, SessionSlot } from './handlerContext.ts';
import { handlers } from './handlers.ts';
import { describeInputIssues, inputParseOptions } from './inputIssues.ts';
import { IdleTracker } from './session/idleTracker.ts';
import { autoLockMinutes } from './services/autoLock.ts';
import { BackupScheduler, type ScheduleCheck } from './services/backupScheduler.ts';
import { appendAudit } from './services/auditLog.ts';
import { readFileForViewer, type FileForViewer } from './services/viewing/fileViewService.ts';
import { maxFileBytes } from './services/importLimits.ts';

/** Who is calling, in which language errors should come back. */
export interface BackendOptions {
  actor: string;
  locale: Locale;
  /** The clock auto-lock reads (tests pass their own). */
  now?: () => number;
  /** How often auto-lock looks at the idle time, in ms; 0 turns the timer off (tests call `lockIfIdle`). */
  idleCheckMs?: number;
}

/** Operations that are not a person at work: the renderer polls the vault's status, which must not keep it open. */
const notActivity: ReadonlySet<string> = new Set(['vault.status']);
const DEFAULT_IDLE_CHECK_MS = 15_000;

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
  private readonly idle: IdleTracker;
  private readonly idleTimer: ReturnType<typeof setInterval> | null;
  private readonly backups: BackupScheduler;
  private backupSchedulerStarted = false;

  constructor(private readonly options: BackendOptions) {
    this.idle = new IdleTracker(options.now ?? Date.now);
    this.backups = new BackupScheduler({
      session: () => this.slot.current,
      context: (session) => ({ session, actor: options.actor, locale: options.locale }),
      describe: (error) => this.describe(error),
      now: options.now ?? Date.now,
    });
    const every = options.idleCheckMs ?? DEFAULT_IDLE_CHECK_MS;
    this.idleTimer = every > 0 ? setInterval(() => void this.lockIfIdle(), every) : null;
    // The timer must never keep a CLI command's process alive.
    this.idleTimer?.unref();
  }

  /**
   * Locks the open vault when nothing ran for the vault's auto-lock time (settings.autoLockMinutes), and
   * records it in the audit log first. Returns whether it locked.
   */
  async lockIfIdle(): Promise<boolean> {
    const session = this.slot.current;
    // A scheduled backup is not someone at work, but the vault must not close under it.
    if (session === null || this.backups.busy || !this.idle.isIdle(autoLockMinutes(session.db))) return false;
    session.db.transaction(() => appendAudit(session, { actor: this.options.actor, action: 'vault.autoLock', recordType: 'vault', recordId: null })).immediate();
    // Out of the slot before the close is awaited, so a call arriving meanwhile finds the vault locked.
    this.slot.current = null;
    await session.close();
    return true;
  }

  /**
   * Starts scheduled backups (issue 7) for a long-lived door (`cvault serve`, the Electron backend):
   * every `everyMs`, and right after each unlock, `backup.run` runs when the schedule says it is due.
   * Short-lived CLI commands never start it.
   */
  startBackupScheduler(everyMs = 60_000): void {
    this.backupSchedulerStarted = true;
    this.backups.start(everyMs);
  }

  /** Runs a scheduled backup now if one is due (the scheduler's timer calls this; tests call it on a moved clock). */
  runScheduledBackupIfDue(): Promise<ScheduleCheck> {
    return this.backups.runIfDue();
  }

  /** Resolves when no scheduled check or run is in progress. */
  scheduledBackupSettled(): Promise<void> {
    return this.backups.settled();
  }

  /** Runs one operation by name. */
  async invoke<N extends OperationName>(name: N, rawInput: unknown, options?: InvokeOptions): Promise<Envelope<OperationResult<N>>>;
  async invoke(name: string, rawInput: unknown, options?: InvokeOptions): Promise<Envelope<unknown>>;
  async invoke(name: string, rawInput: unknown, options: InvokeOptions = {}): Promise<Envelope<unknown>> {
    const active = !notActivity.has(name);
    if (active) this.idle.begin();
    try {
      if (!isOperationName(name)) throw new AppError('UNKNOWN_OPERATION', { name: name.slice(0, 100) });
      const definition = operations[name];
      const parsed = definition.input.safeParse(rawInput ?? {}, inputParseOptions(this.options.locale));
      if (!parsed.success) throw new AppError('INVALID_INPUT', { detail: describeInputIssues(parsed.error) });
      if (!mayPerform(this.options.actor, definition.permission)) throw new AppError('PERMISSION_DENIED');
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, this.context(name, options));
      // A backup missed while the vault was locked (or the machine asleep) is caught up at once.
      if (name === 'vault.unlock' && this.backupSchedulerStarted) void this.backups.runIfDue();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: this.describe(toAppError(error)) };
    } finally {
      if (active) this.idle.end();
    }
  }

  /**
   * The original bytes of a contract file version for the desktop viewer's protocol handler (issue 6).
   * Not an entry of the API map because bytes never travel as JSON; the same checks apply: read
   * permission, an unlocked vault, a version of that contract; the view is audited.
   */
  async readFileForViewer(input: { contractId: string; versionId: string }): Promise<Envelope<FileForViewer>> {
    // Reading a contract in the viewer is someone at work: it keeps the vault from auto-locking.
    this.idle.begin();
    try {
      if (!mayPerform(this.options.actor, 'read')) throw new AppError('PERMISSION_DENIED');
      const session = this.slot.current;
      if (!session) throw new AppError('VAULT_LOCKED');
      return { ok: true, value: await readFileForViewer({ session, actor: this.options.actor, locale: this.options.locale }, input) };
    } catch (error) {
      return { ok: false, error: this.describe(toAppError(error)) };
    } finally {
      this.idle.end();
    }
  }

  /** The open vault's import size limit in bytes, or null when no vault is open (a door sizes its requests by it). */
  importLimitBytes(): number | null {
    const session = this.slot.current;
    return session ? maxFileBytes(session.db) : null;
  }

  /** Locks the vault if one is open and stops the auto-lock timer; call before the process exits. */
  async dispose(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    // A scheduled run still going is not waited for: the lock ends it, and an interrupted run never counts.
    this.backups.stop();
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

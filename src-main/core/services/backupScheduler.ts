import { AppError, isAppError } from '../../../src-shared/api/appError.ts';
import type { VaultSession } from '../session/vaultSession.ts';
import { backupStatus, isBackupRunning, recordScheduledFailure, runScheduledBackup } from './backupService.ts';
import type { ServiceContext } from './serviceContext.ts';

/** What the scheduler's host (the Backend) gives it. */
export interface BackupSchedulerHost {
  /** The open vault's session, or null while locked. */
  session(): VaultSession | null;
  /** The context a scheduled run works and audits in. */
  context(session: VaultSession): ServiceContext;
  /** The error's code and its message in the host's language. */
  describe(error: AppError): { code: string; message: string };
  /** The clock (tests move it by hand). */
  now(): number;
}

/** What one look at the schedule did. */
export type ScheduleCheck = 'locked' | 'not-scheduled' | 'not-due' | 'running' | 'retry-later' | 'ran' | 'failed';

/** After a failed scheduled run, the next attempt waits this long (a missing backup disk must not be retried every minute). */
export const RETRY_AFTER_FAILURE_MS = 60 * 60_000;

/**
 * Runs `backup.run` on its own when the schedule says a run is due and the vault is unlocked. It lives
 * in the core so both long-lived doors (the `cvault serve` bridge and the Electron backend process)
 * start the same one. "Due" is measured from the last good backup, so a run missed while the laptop
 * slept or the vault was locked happens once at the next check (the host also checks right after an
 * unlock), never once per missed day. Never two runs at once: a run in progress (scheduled or a
 * manual `backup.run`) makes the check skip. A failure is audited and kept for `backup.status`.
 */
export class BackupScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private checking: Promise<ScheduleCheck> | null = null;

  constructor(private readonly host: BackupSchedulerHost) {}

  /** Looks at the schedule every `everyMs` (the timer never keeps a process alive). */
  start(everyMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.runIfDue(), everyMs);
    this.timer.unref();
  }

  /** Stops the timer; a run in progress finishes. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Whether a scheduled check or run is in progress. */
  get busy(): boolean {
    return this.checking !== null;
  }

  /** The check in progress, if any (tests and shutdown wait for it). */
  async settled(): Promise<void> {
    await this.checking;
  }

  /** Runs a backup if one is due now; says what it did. */
  runIfDue(): Promise<ScheduleCheck> {
    if (this.checking !== null) return Promise.resolve('running');
    const check = this.check().finally(() => { this.checking = null; });
    this.checking = check;
    return check;
  }

  private async check(): Promise<ScheduleCheck> {
    const session = this.host.session();
    if (session === null) return 'locked';
    if (isBackupRunning(session)) return 'running';
    const ctx = this.host.context(session);
    const now = this.host.now();
    const status = backupStatus(ctx, new Date(now));
    if (status.schedule === null) return 'not-scheduled';
    if (!status.due) return 'not-due';
    if (status.lastFailure !== null && now - Date.parse(status.lastFailure.at) < RETRY_AFTER_FAILURE_MS) return 'retry-later';
    try {
      await runScheduledBackup(ctx, undefined, 'schedule', () => this.host.now());
      return 'ran';
    } catch (error) {
      const appError = isAppError(error) ? error : new AppError('INTERNAL', { detail: (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? '' });
      const { code, message } = this.host.describe(appError);
      // The vault may have been locked while the run was going; then there is nowhere to record it.
      if (this.host.session() === session) recordScheduledFailure(ctx, { at: new Date(now).toISOString(), code, message });
      return 'failed';
    }
  }
}

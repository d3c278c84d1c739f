import type { AppError } from '../../src-shared/api/appError.ts';
import type { Locale } from '../../src-shared/i18n/translate.ts';
import type { ProgressEvent } from '../../src-shared/api/progress.ts';
import type { VaultSession } from './session/vaultSession.ts';

/** The backend's one mutable slot: the vault currently unlocked in this process, if any. */
export interface SessionSlot {
  current: VaultSession | null;
}

/** What a handler gets besides its validated input. */
export interface HandlerContext {
  slot: SessionSlot;
  actor: string;
  locale: Locale;
  /** Renders an error for in-band reporting (e.g. one failed file of an import batch). */
  describe: (error: AppError) => { code: AppError['code']; message: string; params: Record<string, string | number> };
  /** Reports progress of long work to whoever started it; a no-op when nobody listens. */
  progress: (event: Omit<ProgressEvent, 'operation'>) => void;
  /** Aborted when the user cancels long work (import today). */
  signal: AbortSignal | undefined;
}

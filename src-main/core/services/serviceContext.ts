import type { VaultSession } from '../session/vaultSession.ts';

/** What every service call works with: the unlocked vault and who is acting (for the audit log). */
export interface ServiceContext {
  session: VaultSession;
  actor: string;
}

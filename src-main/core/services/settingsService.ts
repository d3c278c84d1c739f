import type { VaultSettings } from '../../../src-shared/model/vaultSettings.ts';
import { setSetting } from '../db/repositories/settingsRepository.ts';
import { appendAudit } from './auditLog.ts';
import { maxFileBytes, maxFileBytesSetting } from './importLimits.ts';
import type { ServiceContext } from './serviceContext.ts';

/** The vault's settings with defaults filled in. */
export function getSettings(ctx: ServiceContext): VaultSettings {
  return { importMaxFileBytes: maxFileBytes(ctx.session.db) };
}

/** Changes the given settings and records the change. */
export function updateSettings(ctx: ServiceContext, patch: Partial<VaultSettings>): VaultSettings {
  ctx.session.db.transaction(() => {
    if (patch.importMaxFileBytes !== undefined) setSetting(ctx.session.db, maxFileBytesSetting, patch.importMaxFileBytes);
    appendAudit(ctx.session, { actor: ctx.actor, action: 'settings.update', recordType: 'vault', recordId: null, details: { ...patch } });
  }).immediate();
  return getSettings(ctx);
}
